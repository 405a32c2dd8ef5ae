"""The printed study plan (issue 19): no controls, each phase kept whole on one page, the
address of each term to know written out."""

import pytest

from ..factories import make_career, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_WHEN_PRINTED = (".plan-form", ".pace-form", "#progress", ".compare-with", ".site-header")


def test_the_print_view_keeps_phases_whole_and_shows_the_addresses(browser, live_server):
    term = make_term(key="sql", languages=["en"], name="SQL")
    career = make_career(key="analyst", languages=["en"], phases=4)
    make_career(key="other", languages=["en"])
    career.versions.get().phases.first().terms.add(term)
    page = browser.new_page()
    page.goto(live_server.url + career.versions.get().get_absolute_url())
    page.emulate_media(media="print")
    for selector in HIDDEN_WHEN_PRINTED:
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    breaks = page.eval_on_selector_all("ol.phases > li", "items => items.map(i => getComputedStyle(i).breakInside)")
    assert breaks == ["avoid"] * 4
    after = page.eval_on_selector(".phase-terms a", "a => getComputedStyle(a, '::after').content")
    assert after == '" (/en/encyclopedia/sql-en/)"'
    assert page.pdf(format="A4")[:4] == b"%PDF"  # Chromium prints it
    page.close()
