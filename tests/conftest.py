"""Fixtures every module may use: the corpus, the hostile site, the cache, Hypothesis profiles.

The corpus and the hostile site are built once per session and replayed per test
(tests/snapshot.py); the services the suite needs are started by tests/services.py.
"""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from .hostile import build_hostile_site
from .snapshot import capture
from .support import add_shared_alias

# Hypothesis profiles, chosen with `--hypothesis-profile NAME` (`make test-fast` uses `fast`).
# The fixtures (the corpus) are function-scoped on purpose: the examples only read it.
_PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
hypothesis_settings.register_profile("default", max_examples=200, **_PROPERTY)
hypothesis_settings.register_profile("fast", max_examples=25, **_PROPERTY)
hypothesis_settings.register_profile("hunt", max_examples=5000, **_PROPERTY)
hypothesis_settings.load_profile("default")


def load_content():
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0, stdout=io.StringIO())


@pytest.fixture(scope="session")
def corpus_snapshot(django_db_setup, django_db_blocker):
    """The rows `load_content` writes for content/, read once per session."""
    with django_db_blocker.unblock():
        return capture(load_content)


@pytest.fixture(scope="session")
def site_snapshot(django_db_setup, django_db_blocker, corpus_snapshot):
    """The corpus plus one alias shared by two terms (the disambiguation page)."""

    def build():
        corpus_snapshot.restore()
        add_shared_alias()

    with django_db_blocker.unblock():
        return capture(build)


@pytest.fixture(scope="session")
def hostile_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return capture(build_hostile_site)


@pytest.fixture
def corpus(db, corpus_snapshot):
    """The real corpus from content/, as `make run` loads it (its rows, replayed)."""
    corpus_snapshot.restore()
    return corpus_snapshot


@pytest.fixture
def site_corpus(db, site_snapshot):
    """The corpus with the shared alias: every page type of `support.PAGES` exists."""
    site_snapshot.restore()
    return site_snapshot


@pytest.fixture
def hostile(db, hostile_snapshot):
    """Every text field of every model holding an XSS vector (tests/hostile.py)."""
    hostile_snapshot.restore()
    return hostile_snapshot.result


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
