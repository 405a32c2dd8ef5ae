"""In Debian's Chromium through Playwright: the pages as a reader sees them.

Screenshots of every page type (French and English, 375 px and 1280 px, light and dark)
are written to screenshots/ (ignored by git) for a person to look at.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(settings.BASE_DIR) / "screenshots"
PAGES = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "index": {"fr": "/fr/encyclopedie/", "en": "/en/encyclopedia/"},
    "term": {"fr": "/fr/encyclopedie/gestion-projet-ia/", "en": "/en/encyclopedia/ai-project-management/"},
    "careers": {"fr": "/fr/carrieres/", "en": "/en/careers/"},
    "career": {"fr": "/fr/carrieres/chef-de-projet-ia/", "en": "/en/careers/ai-project-manager/"},
    "search": {"fr": "/fr/recherche/?q=donn%C3%A9es", "en": "/en/search/?q=data"},
    "404": {"fr": "/fr/encyclopedie/inexistant/", "en": "/en/encyclopedia/missing/"},
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        # In CI the browser is installed by .ci/run: a missing one is a failure, not a skip.
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0, stdout=io.StringIO())
    return live_server.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_type_renders_without_errors_or_overflow(browser, site, scheme):
    SHOTS.mkdir(exist_ok=True)
    errors = []
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        for name, urls in PAGES.items():
            for language, url in urls.items():
                response = page.goto(site + url)
                assert response.status == (404 if name == "404" else 200), url
                assert page.locator("h1").first.is_visible()
                assert page.evaluate("document.documentElement.lang") == language
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
                page.screenshot(path=SHOTS / f"{name}-{language}-{width}-{scheme}.png", full_page=True)
                if name == "404":  # the document's own 404 status is logged as a console error
                    errors[:] = [e for e in errors if "404" not in e]
                assert errors == [], url
        context.close()


def test_a_reader_switches_language_and_lands_on_the_same_entry(browser, site):
    page = browser.new_page(locale="fr-FR")
    page.goto(site + "/")
    assert page.url.endswith("/fr/")
    page.get_by_role("link", name="Encyclopédie", exact=True).first.click()
    page.locator('a[href="#letter-G"]').click()
    page.get_by_role("link", name="Gestion de projet IA").click()
    assert page.url.endswith("/fr/encyclopedie/gestion-projet-ia/")
    page.locator('.language-switch a[hreflang="en"]').click()
    assert page.url.endswith("/en/encyclopedia/ai-project-management/")
    page.get_by_role("link", name="AI Project Manager", exact=True).click()
    assert page.url.endswith("/en/careers/ai-project-manager/")
    page.locator('.language-switch a[hreflang="fr"]').click()
    assert page.url.endswith("/fr/carrieres/chef-de-projet-ia/")
    page.locator("#header-q").fill("inteligence artificielle")
    page.locator("#header-q").press("Enter")
    page.get_by_role("link", name="Intelligence artificielle").first.click()
    assert "Intelligence%20artificielle" in page.url
    page.locator(".result h2 a").first.click()
    assert page.url.endswith("/fr/encyclopedie/intelligence-artificielle/")
    page.goto(site + "/fr/encyclopedie/nulle-part/")
    page.get_by_role("link", name="Parcourir l’encyclopédie de A à Z").click()
    assert page.url.endswith("/fr/encyclopedie/")
    page.close()


def test_faqs_are_native_disclosures(browser, site):
    page = browser.new_page()
    page.goto(site + PAGES["term"]["en"])
    second = page.locator("details.faq").nth(1)
    assert second.get_attribute("open") is None
    second.locator("summary").click()
    assert second.get_attribute("open") is not None
    page.close()
