"""Every page type as a reader's browser draws it: 375 and 1280 px, light and dark.

Screenshots (French and English) are written to screenshots/ (ignored by git) for a person to
look at; the assertions catch what a person would notice without looking: a missing heading,
the wrong document language, sideways scrolling, a script or console error.
"""

import pytest

from ..support import PAGES, expected_status, full_page_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_type_renders_without_errors_or_overflow(browser, site, errors_of):
    """Each page is loaded once, then drawn at both widths in both schemes (the viewport and
    `prefers-color-scheme` change in place, as when a phone turns or the system goes dark)."""
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    errors = errors_of(page)
    for name, urls in PAGES.items():
        for language, url in urls.items():
            response = page.goto(site + url)
            assert response.status == expected_status(name), url
            assert page.evaluate("document.documentElement.lang") == language
            for width in (375, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                for scheme in ("light", "dark"):
                    page.emulate_media(color_scheme=scheme)
                    assert page.locator("h1").first.is_visible(), (url, width, scheme)
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
                    full_page_screenshot(page, f"{name}-{language}-{width}-{scheme}.png")
            page.set_viewport_size({"width": 375, "height": 900})
            if name == "404":  # the document's own 404 status is logged as a console error
                errors[:] = [e for e in errors if "404" not in e]
            assert errors == [], url
    context.close()


def test_salary_bands_stay_a_readable_table_on_a_phone(page_at):
    page = page_at(PAGES["career"]["en"], viewport={"width": 375, "height": 800})
    table = page.locator(".salary-table").first
    assert table.is_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # Every row still shows its region and its range, each cell labelled for the reader.
    first_row = table.locator("tbody tr").first
    assert first_row.locator("th").is_visible() and first_row.locator("td").first.is_visible()
    assert "$" in first_row.inner_text()


def test_print_shows_the_article_without_navigation(page_at):
    page = page_at(PAGES["term"]["en"])
    page.emulate_media(media="print")
    assert page.locator("article h1").is_visible()
    assert page.locator(".takeaways").is_visible()
    for chrome in (".site-header", ".site-footer", ".breadcrumb", ".skip-link"):
        assert not page.locator(chrome).first.is_visible(), chrome
    # Collapsed FAQ answers are printed too.
    assert page.locator("details.faq").nth(1).locator(".prose").is_visible()


def test_faqs_are_native_disclosures(page_at):
    page = page_at(PAGES["term"]["en"])
    second = page.locator("details.faq").nth(1)
    assert second.get_attribute("open") is None
    second.locator("summary").click()
    assert second.get_attribute("open") is not None


def test_reduced_motion_turns_off_smooth_scrolling(page_at):
    page = page_at(PAGES["index"]["en"], reduced_motion="reduce")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page = page_at(PAGES["index"]["en"], reduced_motion="no-preference")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
