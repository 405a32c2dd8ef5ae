"""Chromium through Playwright, against Django's live server with the real corpus loaded.

Debian's /usr/bin/chromium is used (no browser download). A missing browser is a failure,
not a skip: CI installs it (.ci/run) and these tests are how the site is checked as people use it.
"""

import os
from pathlib import Path

import pytest
from playwright import sync_api

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, site_corpus):
    """The live server's URL, with the corpus (and its shared alias) committed."""
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


@pytest.fixture
def page_at(browser, site):
    """Opens a tab on a path of the live site, closed after the test. Options are `browser.new_page`'s:
    the tab gets a context of its own (viewport, touch, JavaScript, colour scheme…)."""
    opened = []

    def open_tab(path, **options):
        page = browser.new_page(**options)
        opened.append(page)
        page.goto(site + path)
        return page

    yield open_tab
    for page in opened:
        page.close()
