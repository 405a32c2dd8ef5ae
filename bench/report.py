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


def report_scenarios(edit, outage, database) -> None:
    share = edit["still_cached"] / edit["others"] if edit["others"] else 1.0
    print(f"\none term edited (save_version, another process) with {edit['sample']:,} sampled pages stored: "
          f"{edit['showing']} show it (Cache-Tag), {edit['reached']} of them rendered again within "
          f"{edit['reach_seconds']:.2f} s; of the {edit['others']:,} others, {edit['still_cached']:,} "
          f"({share:.2%}) still served from the cache; the term page through nginx showed the edit after "
          f"{edit['nginx_seconds']:.1f} s")  # fmt: skip
    server_errors = sum(count for status, count in outage["statuses"].items() if status >= 500)
    print(f"Redis stopped halfway through {outage['requests']:,} requests: statuses "
          f"{dict(sorted(outage['statuses'].items()))}, 5xx {server_errors}, socket errors "
          f"{outage['socket_errors']}; p99 {outage['p99']:.1f} ms; served from the cache again "
          f"{outage['back_after']:.2f} s after Redis answered")  # fmt: skip
    print(f"database stopped: {database['stored_ok']}/{database['stored']} stored pages answered 200; "
          f"{database['cold_503']}/{database['cold']} other pages 503 with Retry-After; "
          f"other 5xx {database['other_5xx']}")  # fmt: skip
