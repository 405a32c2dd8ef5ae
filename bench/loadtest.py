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
from urllib.parse import urlsplit, urlunsplit

from corpus import CAREER, INDEX, SEARCH, TERM, django_env, prepare, search_paths
from report import report, report_scenarios
from scenarios import database_stop, edit_scenario, redis_stop_halfway, start_relay
from services import (
    deploy_site,
    ensure_tools,
    fetch,
    free_port,
    start_gunicorn,
    start_nginx,
    start_redis,
    static_site,
    stop,
    stop_all,
    wait_for,
    worker_rss,
)
from wrk import wrk

# The bench ------------------------------------------------------------------------------


FORGED_COOKIE = "Cookie: sessionid=" + "k" * 32  # shaped like a real session key


def bench(args, workdir: Path) -> None:
    seconds = args.seconds
    redis_port = free_port()
    redis = start_redis(workdir, redis_port)
    args.redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env_off = django_env(args, workdir, page_cache=False)
    prepare(args, env_off)
    results = {}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(env_off, workdir, port, TERM)
    for name, path in (("term page, full render", TERM), ("career page, full render", CAREER),
                       ("encyclopedia index, full render", INDEX), ("search “données”", SEARCH)):  # fmt: skip
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
    for name, path in (("term page, stored", TERM), ("career page, stored", CAREER),
                       ("encyclopedia index, stored", INDEX)):  # fmt: skip
        results[name] = wrk(base + path, seconds)
    memory["after run 1"] = worker_rss(gunicorn)
    results["term page, stored (run 2)"] = wrk(base + TERM, seconds)
    memory["after run 2"] = worker_rss(gunicorn)
    results["term page, random query strings"] = wrk(base + TERM, seconds, script="random_query.lua")
    results["term page, forged session cookie"] = wrk(base + TERM, seconds, header=FORGED_COOKIE)

    proxy_port = free_port()
    proxy = f"http://127.0.0.1:{proxy_port}"
    start_nginx(workdir, "deploy", deploy_site(workdir, proxy_port, port))
    wait_for(proxy + TERM, log=workdir / "nginx-deploy-error.log")
    for name, path in (("term page via deploy/nginx.conf", TERM), ("career page via nginx", CAREER),
                       ("encyclopedia index via nginx", INDEX)):  # fmt: skip
        wrk(proxy + path, 1)
        results[name] = wrk(proxy + path, seconds)
    results["term page via nginx, random query strings"] = wrk(proxy + TERM, seconds, script="random_query.lua")
    results["term page via nginx, forged session cookie"] = wrk(proxy + TERM, seconds, header=FORGED_COOKIE)

    edit = edit_scenario(env_on, base, proxy)
    mixed = [TERM, CAREER, INDEX, "/en/encyclopedia/ai-project-management/", "/en/encyclopedia/?letter=m",
             *(f"/en/encyclopedia/synthetic-term-{n}-en/" for n in range(1, 200))]  # fmt: skip
    outage = redis_stop_halfway(base, mixed, seconds, redis, lambda: start_redis(workdir, redis_port))
    stop(gunicorn)
    database = database_outage(args, workdir, port, mixed)

    static_port = free_port()
    (workdir / "site").mkdir()
    (workdir / "site" / "term.html").write_bytes(html)
    start_nginx(workdir, "static", static_site(workdir, static_port))
    wait_for(f"http://127.0.0.1:{static_port}/term.html")
    wrk(f"http://127.0.0.1:{static_port}/term.html", 1)
    results["static file (nginx): the limit"] = limit = wrk(f"http://127.0.0.1:{static_port}/term.html", seconds)
    stop_all()
    report(args, results, limit["rps"], search, memory, len(html))
    report_scenarios(edit, outage, database)


def database_outage(args, workdir: Path, port: int, pages: list[str]) -> dict:
    """gunicorn (page cache on) reaching PostgreSQL through a relay that is then killed."""
    database = urlsplit(args.database_url)
    relay_port = free_port()
    relay = start_relay(relay_port, database.port or 5432)
    through_relay = database._replace(netloc=f"{database.username or 'postgres'}@127.0.0.1:{relay_port}")
    env = django_env(args, workdir, page_cache=True) | {"DATABASE_URL": urlunsplit(through_relay)}
    gunicorn = start_gunicorn(env, workdir, port, TERM)
    cold = [f"/fr/encyclopedie/synthetic-term-{n}-fr/" for n in range(1, 101)]
    result = database_stop(f"http://127.0.0.1:{port}", pages, cold, relay)
    stop(gunicorn)
    return result


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
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="soak only: a Redis it may flush")
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
