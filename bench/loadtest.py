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
directory that is removed at the end. The parts: services.py (processes, gunicorn, nginx),
corpus.py (the database and its pages), wrk.py (load runs), report.py (the table).
"""

import argparse
import atexit
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from corpus import CAREER, INDEX, SEARCH, TERM, django_env, prepare, published_change_delay, search_paths
from report import report
from services import (
    deploy_site,
    ensure_tools,
    fetch,
    free_port,
    start_gunicorn,
    start_nginx,
    static_site,
    stop,
    stop_all,
    wait_for,
    worker_rss,
)
from wrk import wrk

# The bench ------------------------------------------------------------------------------


def bench(args, workdir: Path) -> None:
    seconds = args.seconds
    env_off = django_env(args, workdir, page_cache=False)
    prepare(args, env_off)
    results = {}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(env_off, workdir, port, TERM)
    for name, path in (("term page, cache off", TERM), ("career page, cache off", CAREER),
                       ("encyclopedia index, cache off", INDEX), ("search “données”", SEARCH)):  # fmt: skip
        wrk(base + path, 2)  # warm up
        results[name] = wrk(base + path, seconds)
    search = wrk(base + "/", seconds, connections=1, threads=1, paths=search_paths())
    stop(gunicorn)

    env_on = django_env(args, workdir, page_cache=True)
    gunicorn = start_gunicorn(env_on, workdir, port, TERM)
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


def soak(args, workdir: Path) -> int:
    env = django_env(args, workdir, page_cache=True)
    prepare(args, env)
    port = free_port()
    gunicorn = start_gunicorn(env, workdir, port, TERM)
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
