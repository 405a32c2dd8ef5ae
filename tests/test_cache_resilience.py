"""The page cache fails open (issue 16): a private redis-server is stopped, frozen and started
again under the tests, no mocks. While Redis does not answer, every page is built from the
database (200, logged once); as soon as it answers, pages come from the cache again, in the
same process, without a restart; a change saved meanwhile is not hidden by an old page.
"""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from encyclopedia.models import TermVersion
from website import pagecache, sharedcache, staffsession

from .factories import make_career, make_term
from .services import free_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("redis-server") is None, reason="needs redis-server (apt-get install redis-server)"
    ),
]

TIMEOUT = 0.25


class RedisServer:
    """A redis-server of our own on a free port, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self):  # a Redis that accepts connections but never answers: "slow"
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        """Answer again, and wait until the page cache tries it again (its rest after a failure)."""
        os.kill(self.process.pid, signal.SIGCONT)
        time.sleep(sharedcache.RETRY_AFTER)


@pytest.fixture
def redis(settings, monkeypatch):
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }
    settings.PAGE_CACHE = True
    monkeypatch.setattr(sharedcache, "RETRY_AFTER", 0.3)
    for forget in (pagecache.forget_local, staffsession.forget, sharedcache.reset):
        forget()
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()
    for forget in (pagecache.forget_local, sharedcache.reset):
        forget()


@pytest.fixture
def urls(db):
    career = make_career(languages=("en",))
    term = make_term(related=1, languages=("en",))
    term.related_careers.add(career)
    return [
        term.versions.get().get_absolute_url(),
        career.versions.get().get_absolute_url(),
        "/en/",
        "/en/encyclopedia/",
        "/en/encyclopedia/?letter=T",
        "/en/careers/",
    ]


def visit(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured)


def another_process_looks():
    """What a process that has not seen the page yet does (this one keeps its own copies)."""
    pagecache.forget_local()


def assert_served_from_cache(client, urls):
    for url in urls:
        visit(client, url)
    another_process_looks()
    assert [visit(client, url) for url in urls] == [(200, 0)] * len(urls)


def test_redis_stopped_mid_run_pages_are_built_from_the_database(client, redis, urls, caplog):
    assert_served_from_cache(client, urls)
    redis.stop()
    another_process_looks()
    with caplog.at_level("WARNING", logger="website.sharedcache"):
        results = [visit(client, url) for url in urls for _again in range(2)]
    assert all(status == 200 and queries > 0 for status, queries in results), results
    assert [record.message for record in caplog.records].count(caplog.records[0].message) == 1, "logged once"
    assert "unavailable" in caplog.records[0].message
    assert client.get("/en/search/?q=term").status_code == 200
    assert client.get("/admin/login/").status_code == 200  # sessions are in the database

    redis.start()  # same port, empty: as after a restart
    time.sleep(sharedcache.RETRY_AFTER)
    assert_served_from_cache(client, urls)


def test_a_frozen_redis_costs_at_most_its_timeout_then_nothing(client, redis, urls):
    assert_served_from_cache(client, urls)
    redis.freeze()
    another_process_looks()
    started = time.monotonic()
    results = [visit(client, url) for url in urls]
    elapsed = time.monotonic() - started
    assert all(status == 200 for status, _queries in results)
    # One request waits for the timeout; the others skip the cache while it rests.
    assert elapsed < 4 * TIMEOUT + 1.0, elapsed
    redis.thaw()
    assert_served_from_cache(client, urls)


def test_a_change_saved_while_redis_is_frozen_shows_when_it_answers_again(client, redis, urls):
    assert_served_from_cache(client, urls)
    redis.freeze()
    version = TermVersion.objects.get(slug=urls[0].split("/")[-2])
    version.lede = "Written while Redis slept."
    version.save()  # the generation bump fails: this process remembers to bump
    redis.thaw()
    pagecache.Local.checked = 0.0  # the next request reads the shared generation
    response = client.get(urls[0])
    assert response.status_code == 200
    assert "Written while Redis slept." in response.content.decode()
    assert cache.get(pagecache.GENERATION_KEY) is not None
