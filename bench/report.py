"""The bench's table: requests per second, latency, the ratio to the static-file limit."""

import os


def row(name, result, limit=None) -> str:
    ratio = f"1/{limit / result['rps']:.1f}" if limit else ""
    errors = result["socket_errors"] + result["non2xx3xx"]
    return f"| {name} | {result['rps']:,.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {ratio} | {errors} |"


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
