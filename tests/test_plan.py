"""A guide's roadmap as a calendar file (issue 19): every phase an all-day event on the dates
its weeks give from the chosen start, with its terms and their addresses, in the guide's
language; parsed back with icalendar (RFC 5545)."""

import datetime

import pytest
from icalendar import Calendar

from careers import plan
from publishing.models import Status

from .factories import make_career, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    career = make_career(key="analyst", languages=["fr", "en"], phases=3)  # weeks 1–5, 6–10, 11–15
    term = make_term(key="sql", languages=["fr", "en"], name="SQL")
    for version in career.versions.all():
        version.phases.first().terms.add(term)
    return career


def calendar_of(response) -> Calendar:
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_every_phase_is_an_event_on_the_dates_its_weeks_give(client, guide):
    response = client.get("/en/careers/analyst-en/plan.ics?start=2027-01-04")
    events = calendar_of(response).walk("VEVENT")
    dates = [(e.decoded("dtstart"), e.decoded("dtend")) for e in events]
    day = datetime.date
    assert dates == [(day(2027, 1, 4), day(2027, 2, 8)), (day(2027, 2, 8), day(2027, 3, 15)),
                     (day(2027, 3, 15), day(2027, 4, 19))]  # fmt: skip
    assert [str(e["summary"]) for e in events] == [f"Phase {n}: Role phase {n}" for n in (1, 2, 3)]
    assert "SQL: http://testserver/en/encyclopedia/sql-en/" in str(events[0]["description"])
    assert len({str(e["uid"]) for e in events}) == 3
    assert 'filename="analyst-en-2027-01-04.ics"' in response["Content-Disposition"]


def test_the_french_calendar_is_in_french(client, guide):
    events = calendar_of(client.get("/fr/carrieres/analyst-fr/plan.ics?start=2027-01-04")).walk("VEVENT")
    assert str(events[0]["summary"]) == "Phase 1\xa0: Métier phase 1"
    assert "Termes à connaître" in str(events[0]["description"])


def test_without_a_valid_start_the_next_monday_and_not_kept(client, guide):
    for query in ("", "?start=demain", "?start=2027-1-4", "?start=1999-12-31"):
        response = client.get(f"/en/careers/analyst-en/plan.ics{query}")
        first = calendar_of(response).walk("VEVENT")[0].decoded("dtstart")
        assert first.weekday() == 0 and first > datetime.date.today(), query
        assert response["Cache-Control"] == "no-cache"


def test_the_guide_page_offers_the_calendar_and_drafts_have_none(client, guide):
    html = client.get("/en/careers/analyst-en/").content.decode()
    assert 'action="/en/careers/analyst-en/plan.ics"' in html and 'type="date" name="start" required' in html
    make_career(key="draft", languages=["en"], status=Status.DRAFT)
    assert client.get("/en/careers/draft-en/plan.ics?start=2027-01-04").status_code == 404


def test_start_dates_in_one_spelling_only():
    assert plan.start_date("2027-01-04") == datetime.date(2027, 1, 4)
    assert plan.start_date("2027-1-4") is None and plan.start_date("20270104") is None
    assert plan.next_monday(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 14)  # a Monday: the next one
