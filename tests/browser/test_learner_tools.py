"""The learner tools in Chromium (issue 19): progress kept in the browser and shared between
guides and term pages, carried to another browser by its code, forgotten on request; the
pace form recalculating the weeks, the same with JavaScript off; the calendar a guide
downloads, and a comparison of two guides."""

from pathlib import Path

import pytest
from icalendar import Calendar

from careers.models import CareerVersion

from ..factories import make_career, make_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guides(live_server):
    """Two guides whose roadmaps both need the term `sql`."""
    sql = make_term(key="sql", languages=["en"], name="SQL")
    urls = []
    for key in ("analyst", "scientist"):
        career = make_career(key=key, languages=["en"], phases=2, weekly_hours=8)
        career.versions.get().phases.first().terms.add(sql)
        urls.append(live_server.url + career.versions.get().get_absolute_url())
    return urls, live_server.url + sql.versions.get().get_absolute_url()


def state_of(page, term="sql"):
    return page.locator(f'[data-term="{term}"] + .progress-control select').first.input_value()


def state_at(page, url):
    """The progress state of `sql` on the page at `url`, once the tab is there."""
    page.goto(url)
    return state_of(page)


def test_a_term_marked_on_one_guide_counts_on_the_other_and_on_its_page(browser, guides):
    (analyst, scientist), term_page = guides
    context = browser.new_context()
    page = context.new_page()
    page.goto(analyst)
    page.locator('[data-term="sql"] + .progress-control select').select_option("done")
    assert "1 of 1 terms done" in page.locator("[data-phase] .progress-line").first.text_content()
    assert state_at(page, scientist) == "done"
    assert state_at(page, term_page) == "done"
    page.reload()
    assert state_of(page) == "done"

    page.goto(analyst)  # the code carries it to a fresh browser
    page.click("[data-action=export]")
    code = page.input_value("#progress-code")
    other = browser.new_context()
    fresh = other.new_page()
    assert state_at(fresh, scientist) == ""
    fresh.fill("#progress-code", code)
    fresh.click("[data-action=import]")
    assert state_of(fresh) == "done" and fresh.text_content(".progress-message") == "Progress imported."
    fresh.fill("#progress-code", "not a code")
    fresh.click("[data-action=import]")
    assert state_of(fresh) == "done" and "nothing was changed" in fresh.text_content(".progress-message")
    other.close()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=forget]")
    assert state_of(page) == ""
    assert state_at(page, term_page) == ""
    context.close()


def test_the_pace_recalculates_the_weeks_with_or_without_javascript(browser, guides):
    (analyst, _scientist), _term = guides
    page = browser.new_page()
    page.goto(analyst)
    assert page.locator("ol.phases p.weeks").first.text_content().startswith("Weeks 1-5")
    page.fill("#pace", "4")
    page.click(".pace-form button")
    page.wait_for_url("**pace=4**")
    with_script = [text.split(" · ")[0] for text in page.locator("ol.phases p.weeks").all_text_contents()]
    assert with_script == ["Weeks 1-10", "Weeks 11-20"]
    assert page.locator("svg.roadmap-timeline text").last.text_content() == "20"  # the timeline too
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(page.url)
    assert [text.split(" · ")[0] for text in plain.locator("ol.phases p.weeks").all_text_contents()] == with_script
    assert plain.locator("#progress").is_hidden()  # no script, no progress controls
    context.close()
    page.close()


def test_the_calendar_follows_the_pace_and_the_comparison_names_what_to_learn(browser, guides, live_server):
    """In Chromium: the .ics the guide's form downloads parses, one event per phase on the
    paced dates; the comparison of two guides built here lists the shared and missing terms."""
    (analyst, _scientist), _term = guides
    statistics = make_term(key="statistics", languages=["en"], name="Statistics")
    CareerVersion.objects.get(career__key="scientist").phases.last().terms.add(statistics)
    page = browser.new_page()
    page.goto(f"{analyst}?pace=4")
    page.fill("#plan-start", "2027-01-04")
    with page.expect_download() as download:
        page.click(".plan-form:not(.pace-form) button")
    events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert [str(e.decoded("dtstart")) for e in events] == ["2027-01-04", "2027-03-15"]  # 40 h a phase at 4 h

    page.goto(f"{analyst.rsplit('/', 2)[0]}/analyst-en/compare/scientist-en/")
    names = lambda heading: page.locator(f'section[aria-labelledby="{heading}"] a').all_text_contents()  # noqa: E731
    assert names("shared-heading") == ["SQL"] and names("to-learn-heading") == ["Statistics"]
    page.close()
