"""The database stops answering (issue 16): stored pages are still served; every other page
is a 503 in its own language with `Retry-After`, never a 500.

PostgreSQL is reached through a relay process (tests/tcpproxy.py) that the test kills, so
the outage is real: refused connections and cut sockets, not a mock. SQLite has no server
to lose; CI runs this module on PostgreSQL (`-m engine`).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from .cachepages import page, rendered
from .factories import make_term
from .services import free_port

pytestmark = [pytest.mark.engine, pytest.mark.django_db(transaction=True)]

RELAY = Path(__file__).with_name("tcpproxy.py")


def start_relay(port: int, host: str, target: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(RELAY), str(port), host, str(target)], stdout=subprocess.PIPE)
    if process.stdout.readline() != b"listening\n":  # "" when it died first
        process.kill()
        raise RuntimeError("the relay did not start")
    return process


@pytest.fixture
def database_relay():
    """Django's connection goes through a relay; `stop()` and `start()` cut and restore it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no database server to lose: run with DATABASE_URL=postgres://…")
    settings_dict = connection.settings_dict
    host, target = settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432)
    port = free_port()

    class Relay:
        process = start_relay(port, host, target)

        def stop(self):
            self.process.kill()
            self.process.wait()

        def start(self):
            self.process = start_relay(port, host, target)

    relay = Relay()
    saved = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(port)
    yield relay
    relay.stop()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = saved


def test_stored_pages_are_served_and_the_rest_is_a_503_in_its_language(page_cache, database_relay):
    client = Client(raise_request_exception=False)
    term = make_term()
    french, english = (term.versions.get(language=code).get_absolute_url() for code in ("fr", "en"))
    stored = page(client, french)
    database_relay.stop()

    response = client.get(french)
    assert response.status_code == 200 and not rendered(response)
    assert response.content.decode() == stored

    for url, language, words in [
        (english, "en", "briefly unavailable"),
        ("/fr/encyclopedie/pas-encore-lue/", "fr", "momentanément indisponible"),
        ("/en/careers/", "en", "briefly unavailable"),
    ]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        assert f'<html lang="{language}">' in html and words in html, url

    database_relay.start()
    connection.close()  # what the end of a request does in a server with an unusable connection
    assert rendered(client.get(english)) and client.get(english).status_code == 200
