"""Cite this page in Chromium: the copy button works under the strict Content Security
Policy; without JavaScript the citations are plain text and no button shows."""

import pytest
from playwright.sync_api import expect

from ..support import PAGES, under_strict_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_copy_button_copies_the_citation_under_a_strict_policy(browser, site, errors_of):
    page = browser.new_page(permissions=["clipboard-read", "clipboard-write"])
    errors = errors_of(page)
    under_strict_csp(page)
    page.goto(site + PAGES["term"]["en"])
    button = page.locator("button[data-copy='cite-bibtex']")  # by its target: its name changes on copy
    expect(button).to_have_accessible_name("Copy the BibTeX entry")
    button.click()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#cite-bibtex").text_content()
    assert copied.startswith("@misc{gneurone-")
    assert errors == [], "no script was refused"
    page.close()


def test_without_javascript_the_citation_is_text_and_no_button_shows(page_at):
    page = page_at(PAGES["career"]["fr"], java_script_enabled=False)
    expect(page.locator("#cite-apa")).to_contain_text("Consulté le")
    buttons = page.locator("button[data-copy]")
    expect(buttons).to_have_count(2)
    for button in buttons.all():
        expect(button).to_be_hidden()
