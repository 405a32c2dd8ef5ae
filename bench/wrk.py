"""wrk runs, bounded in time, and what they print turned into numbers."""

import os
import re
import subprocess

from services import ROOT, step, which

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not found:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = found.groups()
    return float(number) * UNITS[unit]


def wrk(url, seconds, *, connections=16, threads=2, paths=None, header=None, script=None) -> dict:
    """`paths`: rotate over them (mixed.lua); `header`: one more request header; `script`:
    another wrk script of bench/ (random_query.lua)."""
    extra = f" (+{len(paths)} paths)" if paths else f" ({header or script})" if header or script else ""
    step(f"wrk {seconds} s, {connections} connections: {url}{extra}")
    command = [which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    env = os.environ.copy()
    if paths:
        command += ["-s", str(ROOT / "bench" / "mixed.lua")]
        env["PATHS"] = "|".join(paths)
    if script:
        command += ["-s", str(ROOT / "bench" / script)]
    if header:
        command += ["-H", header]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, env=env, check=True
    ).stdout
    try:
        return parse_wrk(output, paths)
    except (AttributeError, ValueError) as error:
        raise SystemExit(f"could not read wrk's output ({error}):\n{output}") from None


def parse_wrk(output: str, paths) -> dict:
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "non2xx3xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        "socket_errors": sum(
            map(
                int,
                (
                    re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
                    or [0, 0, 0, 0, 0]
                ).groups(),
            )
        )  # noqa: E501
        if "Socket errors" in output
        else 0,
    }
    if paths:
        statuses = re.search(r"STATUS (.*)", output).group(1).split()
        result["statuses"] = {int(k): int(v) for k, v in (item.split("=") for item in statuses)}
        percentiles = re.search(r"PERCENTILES p50=(\d+) p95=(\d+) p99=(\d+)", output).groups()
        result["p50"], result["p95"], result["p99"] = (int(value) / 1000 for value in percentiles)
    return result
