"""The bench's runs beyond plain throughput (issue 16): what an edit costs the cache, how
long it takes to reach readers, and what readers get when Redis or the database stops.

- `edit_scenario`: warm a sample of pages (a random draw of term pages in both languages,
  every first index page of a letter, the home pages, the guides, and the pages linked
  from the edited term), edit one term as the admin does (`save_version`, in another
  process), then ask every sampled page again: the pages whose `Cache-Tag` named the term
  must be rendered again, every other one served from the cache (`X-Page-Cache: hit`).
- `redis_stop_halfway`: wrk over mixed pages while the bench's private Redis is killed
  halfway; counts 5xx (must be 0), then starts it again and times the first hit.
- `database_stop`: gunicorn reaches PostgreSQL through a relay process; the relay is
  killed; stored pages must still answer 200, every other page 503 (never another 5xx).
"""

import random
import re
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from corpus import TERM, manage
from services import PYTHON, ROOT, start, step, wait_for_port
from wrk import wrk

SAMPLE_TERMS = 2000
LINK = re.compile(r'href="(/(?:fr|en)/[^"?#]+/)"')

EDIT = """
from encyclopedia.models import TermVersion
from publishing.services import save_version
version = TermVersion.objects.get(language="fr", slug="gestion-projet-ia")
version.lede = {expression}
save_version(version=version, words_changed=True)
"""

SAMPLE = """
import random
from encyclopedia.models import TermVersion
from careers.models import CareerVersion
print("key:" + TermVersion.objects.get(language="fr", slug="gestion-projet-ia").term.key)
terms = list(TermVersion.objects.published().values_list("pk", flat=True))
random.seed(16)
chosen = TermVersion.objects.filter(pk__in=random.sample(terms, min({count}, len(terms))))
for version in chosen.select_related("term"):
    print(version.get_absolute_url())
for version in CareerVersion.objects.published().select_related("career"):
    print(version.get_absolute_url())
"""


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_all(base: str, paths: list[str], workers: int = 4) -> dict[str, tuple[int, dict, bytes]]:
    with ThreadPoolExecutor(workers) as pool:
        return dict(zip(paths, pool.map(lambda path: get(base + path), paths), strict=True))


def sample_paths(env, base: str) -> tuple[str, list[str]]:
    """The edited term's key, and the pages to store."""
    output = manage(env, "shell", "-c", SAMPLE.format(count=SAMPLE_TERMS)).split()
    key = next(word.removeprefix("key:") for word in output if word.startswith("key:"))
    paths = [word for word in output if word.startswith("/")]  # the shell may say more
    letters = [f"/fr/encyclopedie/?letter={c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    letters += [f"/en/encyclopedia/?letter={c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    linked = sorted(set(LINK.findall(get(base + TERM)[2].decode())))
    return key, sorted(set(paths + letters + linked + ["/fr/", "/en/", "/fr/carrieres/", "/en/careers/", TERM]))


def edit_scenario(env, base: str, nginx_base: str) -> dict:
    """The share of stored pages still served after one edit, and how long it takes the edit
    to reach every page showing the term (Django's cache, and the term page through nginx)."""
    marker = " [bench]"
    step("an edit: warming a sample of pages")
    key, paths = sample_paths(env, base)
    warm = fetch_all(base, paths)
    tag = f"term:{key}"
    shows_it = {path for path, (_s, headers, _b) in warm.items() if tag in headers.get("Cache-Tag", "").split(",")}
    stored = {path for path, (status, headers, _b) in warm.items() if status == 200 and "X-Page-Cache" in headers}
    fetch_all(base, paths)  # every sampled page now stored
    get(nginx_base + TERM)
    step(f"an edit: {len(stored)} pages stored, {len(shows_it)} show {tag}; editing it in another process")
    manage(env, "shell", "-c", EDIT.format(expression=f"version.lede + {marker!r}"))
    edited = time.monotonic()
    try:
        reached = {}
        while len(reached) < len(shows_it) and time.monotonic() - edited < 30:
            for path in sorted(shows_it - set(reached)):
                if get(base + path)[1].get("X-Page-Cache") == "miss":
                    reached[path] = time.monotonic() - edited
            time.sleep(0.05)
        others = sorted(stored - shows_it)
        after = fetch_all(base, others)
        still = sum(1 for _s, headers, _b in after.values() if headers.get("X-Page-Cache") == "hit")
        while marker.encode() not in get(nginx_base + TERM)[2]:
            if time.monotonic() - edited > 60:
                raise SystemExit("the edit was not visible through nginx after 60 s")
            time.sleep(0.2)
        through_nginx = time.monotonic() - edited
    finally:
        manage(env, "shell", "-c", EDIT.format(expression=f"version.lede.removesuffix({marker!r})"))
    return {
        "sample": len(stored),
        "showing": len(shows_it),
        "reached": len(reached),
        "reach_seconds": max(reached.values(), default=0.0),
        "others": len(others),
        "still_cached": still,
        "nginx_seconds": through_nginx,
    }


def redis_stop_halfway(base: str, paths: list[str], seconds: int, redis, restart) -> dict:
    """wrk over `paths` for 2 × `seconds`; Redis is killed after `seconds`."""
    step("Redis stopped halfway through a run")
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(wrk, base + "/", 2 * seconds, connections=16, paths=paths)
        time.sleep(seconds)
        redis.kill()
        redis.wait()
        result = run.result()
    restart()
    started = time.monotonic()
    while get(base + paths[0])[1].get("X-Page-Cache") != "hit":
        if time.monotonic() - started > 30:
            raise SystemExit("the page cache was not used again within 30 s of Redis answering")
        time.sleep(0.1)
    result["back_after"] = time.monotonic() - started
    return result


def start_relay(port: int, target_port: int) -> subprocess.Popen:
    relay = start([PYTHON, str(ROOT / "tests" / "tcpproxy.py"), str(port), "127.0.0.1", str(target_port)])
    wait_for_port(port, "the relay to PostgreSQL")
    return relay


def database_stop(base: str, stored: list[str], cold: list[str], relay) -> dict:
    """Stored pages (asked once before) and cold ones, after the relay to PostgreSQL is killed."""
    step("the database stopped: stored pages and cold pages")
    fetch_all(base, stored)
    fetch_all(base, stored)
    relay.kill()
    relay.wait()
    hot = fetch_all(base, stored)
    other = fetch_all(base, cold)
    return {
        "stored": len(stored),
        "stored_ok": sum(1 for status, _h, _b in hot.values() if status == 200),
        "cold": len(cold),
        "cold_503": sum(1 for status, headers, _b in other.values() if status == 503 and "Retry-After" in headers),
        "other_5xx": sum(1 for status, _h, _b in [*hot.values(), *other.values()] if status >= 500 and status != 503),
    }


def sample_of(paths: list[str], count: int) -> list[str]:
    return random.Random(16).sample(paths, min(count, len(paths)))
