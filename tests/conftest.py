"""Fixtures every module may use: the corpus, the hostile site, the cache, Hypothesis profiles.

The corpus and the hostile site are built once per session and replayed per test
(tests/snapshot.py); the services the suite needs are started by tests/services.py.
"""

import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template import Template
from django.test import utils as test_utils
from django.test.utils import override_settings
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from .factories import make_user
from .hostile import build_hostile_site
from .snapshot import capture
from .support import add_shared_alias, load_content, rendered_pages

# Hypothesis profiles, chosen with `--hypothesis-profile NAME` (`make test-fast` uses `fast`).
# The fixtures (the corpus) are function-scoped on purpose: the examples only read it.
_PROPERTY = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
hypothesis_settings.register_profile("default", max_examples=200, **_PROPERTY)
hypothesis_settings.register_profile("fast", max_examples=25, **_PROPERTY)
hypothesis_settings.register_profile("hunt", max_examples=5000, **_PROPERTY)
hypothesis_settings.load_profile("default")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Tests make users by the hundred; PBKDF2's 10⁶ rounds cost ~0.3 s each and test nothing
    here (https://docs.djangoproject.com/en/5.2/topics/testing/overview/#password-hashing)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def built_once(django_db_blocker, build):
    """The rows `build()` writes, captured once for the session's replays (snapshot.py)."""
    with django_db_blocker.unblock():
        return capture(build)


@pytest.fixture(scope="session")
def corpus_snapshot(django_db_setup, django_db_blocker):
    """The rows `load_content` writes for content/, read once per session."""
    return built_once(django_db_blocker, load_content)


@pytest.fixture(scope="session")
def site_snapshot(django_db_setup, django_db_blocker, corpus_snapshot):
    """The corpus plus one alias shared by two terms (the disambiguation page)."""

    def build():
        corpus_snapshot.restore()
        add_shared_alias()

    return built_once(django_db_blocker, build)


@pytest.fixture(scope="session")
def hostile_snapshot(django_db_setup, django_db_blocker):
    return built_once(django_db_blocker, build_hostile_site)


def replayed(snapshot: str, doc: str):
    """A test's fixture: the rows of the session fixture `snapshot`, inserted again (snapshot.py)."""

    @pytest.fixture
    def fixture(db, request):
        rows = request.getfixturevalue(snapshot)
        rows.restore()
        return rows

    fixture.__doc__ = doc
    return fixture


corpus = replayed("corpus_snapshot", "The real corpus from content/, as `make run` loads it (its rows, replayed).")
site_corpus = replayed("site_snapshot", "The corpus with the shared alias: every page type of `support.PAGES` exists.")


@pytest.fixture
def hostile(db, hostile_snapshot):
    """Every text field of every model holding an XSS vector (tests/hostile.py)."""
    hostile_snapshot.restore()
    return hostile_snapshot.result


@pytest.fixture
def editor_client(client):
    """A client signed in as a member of the Editors group (pytest-django's `admin_client`
    is the superuser's)."""
    client.force_login(make_user(editor=True))
    return client


@pytest.fixture
def uninstrumented_templates(monkeypatch):
    """Templates rendered as in production, for sweeps that read only the HTML.

    Django's test environment wraps `Template._render` to send `template_rendered`, and the test
    client copies each template's context on it (for `response.context`): an admin change form
    renders 1,200 templates (its widgets), and that copying nearly doubles its time. With this
    fixture `response.context` is None; the saved original is Django's own
    (`setup_test_environment`)."""
    monkeypatch.setattr(Template, "_render", test_utils._TestState.saved_data.template_render)


@pytest.fixture(scope="session")
def _corpus_pages_rendered():
    """{day: pages}: the corpus's pages as `corpus_pages` rendered them (one day: a page cites
    its own date of access)."""
    return {}


@pytest.fixture
def corpus_pages(client, corpus, uninstrumented_templates, _corpus_pages_rendered):
    """Every entry and listing page of the untouched corpus (`support.rendered_pages`: url →
    HTML), rendered once per session and worker: the sweeps that only read them (hreflang,
    internal links, the backup's original) share one rendering. Ask for it before changing
    anything: it is the corpus as replayed, not as the test leaves it."""
    today = timezone.localdate()
    if today not in _corpus_pages_rendered:
        _corpus_pages_rendered.clear()
        _corpus_pages_rendered[today] = rendered_pages(client)
    return _corpus_pages_rendered[today]


@pytest.fixture
def content(tmp_path):
    """A writable copy of content/ (the files the `corpus` fixture's rows come from)."""
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
