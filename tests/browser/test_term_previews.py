"""Term previews in Chromium: hover, keyboard focus, tap; a plain link without JavaScript;
working under the strict Content Security Policy the site is meant to send."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from encyclopedia.models import TermVersion

from ..support import AXE_OPTIONS, PAGES, describe, screenshot, under_strict_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TERM_FR = PAGES["term"]["fr"]
TERM_EN = PAGES["term"]["en"]


def related(page, name):
    return page.locator(".related").get_by_role("link", name=name, exact=True)


def test_hovering_a_related_term_shows_its_short_answer_without_leaving(page_at):
    page = page_at(TERM_FR)
    link = related(page, "Qualité des données")
    link.hover()
    tip = page.get_by_role("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Qualité des données")
    expect(tip).to_contain_text("La qualité des données, c’est la mesure")
    expect(link).to_have_attribute("aria-describedby", "term-preview")
    expect(page).to_have_url(re.compile(re.escape(TERM_FR) + "$"))
    screenshot(page, "term-preview-fr-1280-light.png")
    # The preview can itself be hovered (WCAG 1.4.13), and goes once the pointer leaves both.
    tip.hover()
    expect(tip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", "term-preview")


def test_keyboard_focus_shows_the_preview_and_escape_closes_it(page_at):
    page = page_at(TERM_EN)
    link = related(page, "Machine learning")
    page.locator(".related").get_by_role("link").first.focus()
    while page.evaluate("document.activeElement.textContent") != "Machine learning":
        page.keyboard.press("Tab")
    tip = page.get_by_role("tooltip")
    expect(tip).to_contain_text("Machine learning is the branch of AI")
    expect(link).to_have_attribute("aria-describedby", "term-preview")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/encyclopedia/machine-learning/$"))


def test_links_inside_the_definition_get_previews_too(page_at):
    version = TermVersion.objects.get(slug="ai-project-management")
    version.definition += "\n\nIt leans on [machine learning](/en/encyclopedia/machine-learning/)."
    version.save()
    page = page_at(TERM_EN)
    page.locator(".definition .prose").get_by_role("link", name="machine learning").hover()
    expect(page.get_by_role("tooltip")).to_contain_text("Machine learning is the branch of AI")


def test_a_first_tap_previews_and_a_second_tap_follows(page_at):
    page = page_at(TERM_FR, has_touch=True, is_mobile=True, viewport={"width": 375, "height": 800})
    link = related(page, "Qualité des données")
    link.scroll_into_view_if_needed()
    link.tap()
    tip = page.get_by_role("tooltip")
    expect(tip).to_contain_text("La qualité des données")
    expect(page).to_have_url(re.compile(re.escape(TERM_FR) + "$"))
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "the preview fits on the phone's screen"
    page.locator("h1").tap()
    expect(tip).to_be_hidden()
    link.tap()
    expect(tip).to_be_visible()
    link.tap()
    expect(page).to_have_url(re.compile(r"/fr/encyclopedie/qualite-des-donnees/$"))


def test_without_javascript_a_term_link_is_a_plain_link(page_at):
    page = page_at(TERM_FR, java_script_enabled=False)
    link = related(page, "Qualité des données")
    link.hover()
    expect(page.locator("#term-preview")).to_have_count(0)
    link.click()
    expect(page).to_have_url(re.compile(r"/fr/encyclopedie/qualite-des-donnees/$"))


def test_previews_work_under_a_strict_content_security_policy(browser, site, errors_of):
    page = browser.new_page()
    errors = errors_of(page)
    under_strict_csp(page)
    for url in (TERM_FR, PAGES["career"]["en"]):
        page.goto(site + url)
        page.locator(".related").get_by_role("link").first.hover()
        expect(page.get_by_role("tooltip")).to_be_visible()
    assert errors == [], "no script, style or fetch was refused"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_preview_keeps_the_page_free_of_axe_violations(page_at, scheme):
    page = page_at(TERM_EN, color_scheme=scheme, viewport={"width": 375, "height": 800}, reduced_motion="reduce")
    link = related(page, "Machine learning")
    link.focus()
    expect(page.get_by_role("tooltip")).to_be_visible()
    screenshot(page, f"term-preview-en-375-{scheme}.png")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert describe(violations) == []
