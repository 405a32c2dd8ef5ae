"""Chromium through Playwright, against Django's live server with the real corpus loaded.

Debian's /usr/bin/chromium is used (no browser download). A missing browser is a failure,
not a skip: CI installs it (.ci/run) and these tests are how the site is checked as people use it.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright import sync_api

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(settings.BASE_DIR) / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip

# Every public page type, in both languages. The disambiguation page needs an alias shared by
# two terms, which `site` adds (the corpus has none).
PAGES = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "index": {"fr": "/fr/encyclopedie/", "en": "/en/encyclopedia/"},
    "letter": {"fr": "/fr/encyclopedie/?letter=D", "en": "/en/encyclopedia/?letter=D"},
    "category": {"fr": "/fr/encyclopedie/categorie/donnees/", "en": "/en/encyclopedia/category/data/"},
    "tag": {"fr": "/fr/encyclopedie/etiquette/production/", "en": "/en/encyclopedia/tag/production/"},
    "term": {"fr": "/fr/encyclopedie/gestion-projet-ia/", "en": "/en/encyclopedia/ai-project-management/"},
    "disambiguation": {"fr": "/fr/encyclopedie/pmo-ia/", "en": "/en/encyclopedia/ai-pmo/"},
    "careers": {"fr": "/fr/carrieres/", "en": "/en/careers/"},
    "career": {"fr": "/fr/carrieres/chef-de-projet-ia/", "en": "/en/careers/ai-project-manager/"},
    "search": {"fr": "/fr/recherche/?q=donn%C3%A9es", "en": "/en/search/?q=data"},
    "search-none": {"fr": "/fr/recherche/?q=zzqxj", "en": "/en/search/?q=zzqxj"},
    "404": {"fr": "/fr/encyclopedie/inexistant/", "en": "/en/encyclopedia/missing/"},
}
SHARED_ALIAS = {"fr": "PMO IA", "en": "AI PMO"}
SHARED_BY = ["ai-project-management", "ai-product-owner"]


def expected_status(name: str) -> int:
    return 404 if name == "404" else 200


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def load_corpus():
    """The corpus of content/, plus one alias shared by two terms (for the disambiguation page)."""
    from encyclopedia.models import TermVersion
    from publishing.services import save_version

    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0, stdout=io.StringIO())
    for version in TermVersion.objects.filter(term__key__in=SHARED_BY):
        version.aliases = f"{version.aliases}\n{SHARED_ALIAS[version.language]}".strip()
        save_version(version=version)


@pytest.fixture
def site(live_server):
    load_corpus()
    return live_server.url


@pytest.fixture
def errors_of():
    """Collects a page's script errors and console errors (a 404 document logs its own status)."""

    def attach(page):
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        return errors

    return attach
