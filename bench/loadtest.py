"""The load benchmark (`make bench`) and the soak test (`make soak`), on loopback only.

`make bench` prepares PostgreSQL (migrations, content/, `generate_corpus --terms 10000`
unless already there), then measures with wrk at 16 connections, in one run:

- gunicorn with production settings and the page cache off: term, career, index, search;
  search latency for 50 different queries at one connection (p50/p95);
- the same gunicorn with the page cache on (Redis): term, career, index;
- nginx with deploy/nginx.conf in front of that gunicorn (micro-cache): the term page;
- nginx serving the term page's HTML as a static file: the machine's limit;

and prints one table, the ratios to the limit, and each worker's memory before and after.
`make soak` runs 64 connections for 60 s over mixed pages (term, career, index, search,
404) and fails on any 5xx or socket error.

Every process it starts (gunicorn, nginx) runs in its own process group and is stopped on
exit, on error and on Ctrl-C; every wrk run is bounded in time; files go to a temporary
directory that is removed at the end.
"""

import argparse
import atexit
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TERM = "/fr/encyclopedie/gestion-projet-ia/"
CAREER = "/fr/carrieres/chef-de-projet-ia/"
INDEX = "/fr/encyclopedie/"
SEARCH = "/fr/recherche/?q=donn%C3%A9es"
sys.path.insert(0, str(ROOT / "bench"))
from search_p95 import QUERIES  # noqa: E402

SEARCH_PATHS = {"fr": "/fr/recherche/?q=", "en": "/en/search/?q="}
STARTED: list[subprocess.Popen] = []


# Processes ------------------------------------------------------------------------------


def start(command, *, env=None, log=None) -> subprocess.Popen:
    """A child in its own process group, so that stopping it stops its workers too."""
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, env=env, stdout=output, stderr=output, start_new_session=True)
    STARTED.append(process)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    if process in STARTED:
        STARTED.remove(process)


def stop_all(*_args) -> None:
    for process in list(STARTED):
        stop(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise SystemExit(f"{url} did not answer 200 within {seconds:.0f} s\n{tail}")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read()


# Tools and data -------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk and nginx from Debian when missing; the package lists are refreshed only if needed."""
    missing = [package for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light")) if not which(tool)]
    if not missing:
        return
    print(f"installing {' '.join(missing)} from Debian", flush=True)
    install = ["apt-get", "install", "-y", "-qq", *missing]
    environment = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=environment, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=True)
        subprocess.run(install, env=environment, check=True)


def which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin")


def django_env(args, workdir: Path, *, page_cache: bool) -> dict:
    return os.environ | {
        "DJANGO_DEBUG": "0",
        # Plain HTTP on loopback; everything else is production (DEBUG off, hashed static
        # files, persistent database connections, the page cache in Redis).
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *arguments) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *arguments], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare(args, env) -> None:
    step("migrate, collectstatic, load_content")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_content")
    count = manage(
        env,
        "shell",
        "-c",
        "from encyclopedia.models import TermVersion;"
        "print(TermVersion.objects.filter(term__key__startswith='synthetic-').count())",
    )
    if int(count.split()[-1]) != 2 * args.terms:
        print(f"generating {args.terms} synthetic terms per language (once; kept for later runs)", flush=True)
        manage(env, "generate_corpus", "--terms", str(args.terms))
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def start_gunicorn(env, workdir: Path, port: int) -> subprocess.Popen:
    step(f"gunicorn on 127.0.0.1:{port}, page cache {'on' if env['DJANGO_PAGE_CACHE'] == '1' else 'off'}")
    env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "config.wsgi"]
    process = start(command, env=env, log=workdir / "gunicorn.log")
    wait_for(f"http://127.0.0.1:{port}{TERM}", log=workdir / "gunicorn.log")
    return process


def worker_rss(master: subprocess.Popen) -> list[int]:
    """Resident memory (MB) of each gunicorn worker: the master's children."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in sorted(children, key=int):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) // 1024)
    return sizes


# nginx ----------------------------------------------------------------------------------

NGINX_MAIN = """
worker_processes 2;
pid {workdir}/nginx-{name}.pid;
error_log {workdir}/nginx-{name}-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {workdir}/tmp-{name}/body;
    proxy_temp_path {workdir}/tmp-{name}/proxy;
    fastcgi_temp_path {workdir}/tmp-{name}/fastcgi;
    uwsgi_temp_path {workdir}/tmp-{name}/uwsgi;
    scgi_temp_path {workdir}/tmp-{name}/scgi;
{body}
}}
"""


def start_nginx(workdir: Path, name: str, body: str) -> None:
    step(f"nginx: {name}")
    # Started as root, nginx's workers run as "nobody": they must reach the files and own
    # the cache and temporary directories.
    workdir.chmod(0o755)
    for directory in (workdir / f"tmp-{name}", workdir / "nginx-cache"):
        directory.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(directory, "nobody", "nogroup")
    config = workdir / f"nginx-{name}.conf"
    config.write_text(NGINX_MAIN.format(workdir=workdir, name=name, body=body))
    # In the foreground ("daemon off"), so that it is our child and stops with its group.
    subprocess.run([which("nginx"), "-t", "-q", "-c", str(config)], check=True)
    start([which("nginx"), "-c", str(config), "-g", "daemon off;"], log=workdir / f"nginx-{name}.log")


def static_site(workdir: Path, port: int) -> str:
    return f"""
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/site;
        location / {{ }}
    }}
"""


def deploy_site(workdir: Path, port: int, app_port: int) -> str:
    """deploy/nginx.conf with the bench's ports and paths: the file we ship, nothing else."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "/var/cache/nginx/gneurone": str(workdir / "nginx-cache"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/srv/gneurone/staticfiles/": f"{workdir}/static/",
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}"
        text = text.replace(old, new)
    return text


# wrk ------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not found:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = found.groups()
    return float(number) * UNITS[unit]


def wrk(url, seconds, *, connections=16, threads=2, paths=None) -> dict:
    step(f"wrk {seconds} s, {connections} connections: {url}" + (f" (+{len(paths)} paths)" if paths else ""))
    command = [which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    env = os.environ.copy()
    if paths:
        command += ["-s", str(ROOT / "bench" / "mixed.lua")]
        env["PATHS"] = "|".join(paths)
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


# The bench ------------------------------------------------------------------------------


def search_paths() -> list[str]:
    from urllib.parse import quote

    return [SEARCH_PATHS[language] + quote(query) for language, queries in QUERIES.items() for query in queries]


def row(name, result, limit=None) -> str:
    ratio = f"1/{limit / result['rps']:.1f}" if limit else ""
    errors = result["socket_errors"] + result["non2xx3xx"]
    return f"| {name} | {result['rps']:,.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {ratio} | {errors} |"


def bench(args, workdir: Path) -> None:
    seconds = args.seconds
    env_off = django_env(args, workdir, page_cache=False)
    prepare(args, env_off)
    results = {}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(env_off, workdir, port)
    for name, path in (("term page, cache off", TERM), ("career page, cache off", CAREER),
                       ("encyclopedia index, cache off", INDEX), ("search “données”", SEARCH)):  # fmt: skip
        wrk(base + path, 2)  # warm up
        results[name] = wrk(base + path, seconds)
    search = wrk(base + "/", seconds, connections=1, threads=1, paths=search_paths())
    stop(gunicorn)

    env_on = django_env(args, workdir, page_cache=True)
    gunicorn = start_gunicorn(env_on, workdir, port)
    html = fetch(base + TERM)
    for path in (TERM, CAREER, INDEX):
        wrk(base + path, 1)
    memory = {"before": worker_rss(gunicorn)}
    for name, path in (("term page, cache on", TERM), ("career page, cache on", CAREER),
                       ("encyclopedia index, cache on", INDEX)):  # fmt: skip
        results[name] = wrk(base + path, seconds)
    memory["after run 1"] = worker_rss(gunicorn)
    results["term page, cache on (run 2)"] = wrk(base + TERM, seconds)
    memory["after run 2"] = worker_rss(gunicorn)

    proxy_port = free_port()
    start_nginx(workdir, "deploy", deploy_site(workdir, proxy_port, port))
    wait_for(f"http://127.0.0.1:{proxy_port}{TERM}", log=workdir / "nginx-deploy-error.log")
    wrk(f"http://127.0.0.1:{proxy_port}{TERM}", 1)
    results["term page via deploy/nginx.conf"] = wrk(f"http://127.0.0.1:{proxy_port}{TERM}", seconds)

    freshness = published_change_delay(env_on, f"http://127.0.0.1:{proxy_port}{TERM}")

    static_port = free_port()
    (workdir / "site").mkdir()
    (workdir / "site" / "term.html").write_bytes(html)
    start_nginx(workdir, "static", static_site(workdir, static_port))
    wait_for(f"http://127.0.0.1:{static_port}/term.html")
    wrk(f"http://127.0.0.1:{static_port}/term.html", 1)
    results["static file (nginx): the limit"] = limit = wrk(f"http://127.0.0.1:{static_port}/term.html", seconds)
    stop_all()
    report(args, results, limit["rps"], search, memory, len(html))
    print(f"a published change reached readers through deploy/nginx.conf after {freshness:.1f} s")


EDIT_LEDE = """
from encyclopedia.models import TermVersion
version = TermVersion.objects.get(language="fr", slug="gestion-projet-ia")
version.lede = {expression}
version.save()
"""


def published_change_delay(env, url: str, marker: str = " [bench]") -> float:
    """Edit the term as the admin would (save() in another process), then poll the page through
    nginx until readers see it; the edit is undone afterwards."""
    step("a published change, seen through nginx")
    fetch(url)
    manage(env, "shell", "-c", EDIT_LEDE.format(expression=f"version.lede + {marker!r}"))
    started = time.monotonic()
    try:
        while marker.encode() not in fetch(url):
            if time.monotonic() - started > 60:
                raise SystemExit("a published change was not visible through nginx after 60 s")
            time.sleep(0.2)
        return time.monotonic() - started
    finally:
        manage(env, "shell", "-c", EDIT_LEDE.format(expression=f"version.lede.removesuffix({marker!r})"))


def report(args, results, limit, search, memory, size) -> None:
    load = os.getloadavg()
    print(f"\n{args.terms} synthetic terms per language on PostgreSQL; {seconds_label(args)} per run, "
          f"16 connections; term page {size:,} bytes; load average before the report "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores\n")  # fmt: skip
    print("| page | requests/s | p50 ms | p99 ms | ratio to the limit | errors |")
    print("|---|---|---|---|---|---|")
    for name, result in results.items():
        print(row(name, result, None if name.startswith("static") else limit))
    errors = sum(r["socket_errors"] + r["non2xx3xx"] for r in results.values())
    status_errors = sum(count for status, count in search["statuses"].items() if status >= 500)
    print(f"\nsearch, 50 different queries, 1 connection: {search['requests']} requests, "
          f"p50 {search['p50']:.1f} ms, p95 {search['p95']:.1f} ms, p99 {search['p99']:.1f} ms, "
          f"statuses {search['statuses']}")  # fmt: skip
    print("worker memory (MB): " + "; ".join(f"{when} {sizes}" for when, sizes in memory.items()))
    print(f"errors (socket errors and non-2xx/3xx answers) in all runs: {errors + status_errors}")


def seconds_label(args) -> str:
    return f"{args.seconds} s"


def soak(args, workdir: Path) -> int:
    env = django_env(args, workdir, page_cache=True)
    prepare(args, env)
    port = free_port()
    gunicorn = start_gunicorn(env, workdir, port)
    paths = [TERM, "/en/encyclopedia/ai-project-management/", CAREER, INDEX, "/en/encyclopedia/?letter=M",
             "/en/encyclopedia/synthetic-term-1-en/", "/fr/encyclopedie/nexiste-pas/", "/en/no-such-page/",
             *search_paths()[::10]]  # fmt: skip
    before = worker_rss(gunicorn)
    result = wrk(f"http://127.0.0.1:{port}/", args.seconds, connections=64, paths=paths)
    after = worker_rss(gunicorn)
    stop_all()
    server_errors = sum(count for status, count in result["statuses"].items() if status >= 500)
    print(f"soak: {args.seconds} s at 64 connections over {len(paths)} paths (term, career, index, search, 404)")
    print(f"requests {result['requests']:,}, {result['rps']:,.0f}/s; p50 {result['p50']:.1f} ms, "
          f"p95 {result['p95']:.1f} ms, p99 {result['p99']:.1f} ms")  # fmt: skip
    print(f"statuses {dict(sorted(result['statuses'].items()))}; 5xx {server_errors}; "
          f"socket errors {result['socket_errors']}; worker memory (MB) {before} → {after}")  # fmt: skip
    ok = server_errors == 0 and result["socket_errors"] == 0
    print("soak: OK" if ok else "soak: FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["bench", "soak"])
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured run")
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/gneurone_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="a Redis database it may flush")
    args = parser.parse_args()
    ensure_tools()
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="gneurone-bench-"))
    try:
        if args.mode == "soak":
            return soak(args, workdir)
        bench(args, workdir)
        return 0
    finally:
        stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
