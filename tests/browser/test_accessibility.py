"""Accessibility checked by tools and by keyboard, in Chromium.

axe-core (carried offline by axe-playwright-python) runs the WCAG 2.0, 2.1 and 2.2 A and AA
rules on every public page type, in French and English, and its colour rules again in the
dark scheme.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import Sum
from playwright.sync_api import expect

from careers.models import CareerVersion
from encyclopedia.models import TermVersion
from publishing.models import Status

from ..support import AXE_COLOUR_OPTIONS, AXE_OPTIONS, PAGES, describe, expected_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page, axe: Axe, scheme: str = "light") -> dict:
    """axe-core's results for the page as it is now, its script injected once per document
    (a page checked in both schemes and at two widths is not sent 500 KB of script four times);
    in the dark scheme, the rules that read colours (the rest gave their answer in the light one)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe.axe_script)
    options = AXE_COLOUR_OPTIONS if scheme == "dark" else AXE_OPTIONS
    return page.evaluate("(options) => axe.run(document, options)", options)


def test_axe_finds_no_wcag_violation_on_any_page_type(browser, site):
    """Each page loaded once, checked in the light scheme and again in the dark one; entry pages
    also at 375 px."""
    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for name, urls in PAGES.items():
        for url in urls.values():
            assert page.goto(site + url).status == expected_status(name), url
            # Entry pages (salary charts, the terminology card) and the comparison at a phone's width too.
            widths = (1280, 375) if name in ("term", "term-card", "career", "compare") else (1280,)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 800})
                for scheme in ("light", "dark"):
                    page.emulate_media(color_scheme=scheme)
                    response = checked(page, axe, scheme)
                    # The contrast rule really ran (it would be silent, not failing, if axe were misconfigured).
                    assert "color-contrast" in {rule["id"] for rule in response["passes"]}, url
                    if response["violations"]:
                        found[f"{url} [{scheme}, {width} px]"] = describe(response["violations"])
            page.set_viewport_size({"width": 1280, "height": 800})
    context.close()
    assert found == {}


def most_cited(model, language: str):
    """The version of that language whose texts carry the most citation markers."""
    versions = model.objects.filter(language=language, status=Status.PUBLISHED)
    return versions.annotate(markers=Sum("sources__citations")).filter(markers__gt=0).order_by("-markers").first()


def test_axe_finds_no_violation_on_pages_citing_sources(browser, site):
    """The numbered markers, the Sources section and its back links: on the term and the guide
    citing most in each language (the markup is the templates'; more pages repeat it)."""
    versions = [most_cited(model, language) for model in (TermVersion, CareerVersion) for language in ("fr", "en")]
    assert all(versions), "a kind or a language cites no source"
    axe = Axe()
    page = browser.new_page()
    found = {}
    for url in (version.get_absolute_url() for version in versions):
        assert page.goto(site + url).status == 200, url
        assert page.locator("#sources-heading").count() == 1, url
        assert page.locator("a[href^='#source-']").count() >= 2, url
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            response = checked(page, axe, scheme)
            if response["violations"]:
                found[f"{url} [{scheme}]"] = describe(response["violations"])
    page.close()
    assert found == {}


FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"

# What Tab reaches, in order, with the focus outline drawn on each (a keyboard user must see it).
TAB_PROBE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {key: el.tagName + '|' + (el.getAttribute('href') || el.id || el.textContent.trim().slice(0, 40)),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          visible: box.width > 0 && box.height > 0};
}"""
VISIBLE_FOCUSABLE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => el.tagName + '|' + (el.getAttribute('href') || el.id || el.textContent.trim().slice(0, 40)))"""


@pytest.mark.parametrize("name", ["term", "career", "index", "search"])
def test_every_control_is_reached_by_tab_with_a_visible_focus_ring(page_at, name):
    page = page_at(PAGES[name]["en"])
    expected = page.evaluate(VISIBLE_FOCUSABLE, FOCUSABLE)
    reached = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        probe = page.evaluate(TAB_PROBE)
        if probe["key"].startswith("BODY|"):
            break
        assert probe["outline"], f"no visible focus style on {probe['key']}"
        assert probe["visible"], f"focus lands on something invisible: {probe['key']}"
        reached.append(probe["key"])
    assert reached[0].startswith("A|#main"), "the skip link comes first"
    assert set(expected) <= set(reached), set(expected) - set(reached)


def test_skip_link_appears_on_focus_and_moves_to_the_content(page_at):
    page = page_at(PAGES["term"]["fr"])
    skip = page.get_by_role("link", name="Aller au contenu")
    assert not skip.is_visible() or skip.bounding_box()["x"] < 0
    page.keyboard.press("Tab")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))  # waits: the jump may land after Enter returns
    page.keyboard.press("Tab")
    # The next Tab starts inside the content, not in the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_language_switch_is_labelled_for_screen_readers(page_at):
    page = page_at(PAGES["term"]["fr"])
    switch = page.get_by_role("navigation", name="Langue")
    english = switch.get_by_role("link", name="English", exact=True)
    assert english.get_attribute("hreflang") == "en" and english.get_attribute("lang") == "en"
    assert switch.locator("[aria-current]").get_attribute("lang") == "fr"


def test_faq_disclosures_open_with_the_keyboard(page_at):
    page = page_at(PAGES["term"]["en"])
    second = page.locator("details.faq").nth(1)
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    assert second.get_attribute("open") is not None
    assert second.locator(".prose").is_visible()
