"""A roadmap at the reader's pace (issue 19): each phase's hours from the guide's assumed
pace, every week range recalculated on the server for `?pace=`, the same in the calendar."""

import pytest
from icalendar import Calendar
from selectolax.lexbor import LexborHTMLParser

from careers.models import RoadmapPhase
from careers.pace import pace_of, paced

from .factories import make_career

pytestmark = pytest.mark.django_db


def weeks_on(client, url):
    document = LexborHTMLParser(client.get(url).content.decode())
    return [p.text().split(" · ")[0] for p in document.css("ol.phases p.weeks")]


def test_each_phase_lasts_as_many_weeks_as_its_hours_need():
    phases = [RoadmapPhase(week_start=1, week_end=5), RoadmapPhase(week_start=6, week_end=6)]
    assert [(p.week_start, p.week_end, p.hours) for p in paced(phases, 10, None)] == [(1, 5, 50), (6, 6, 10)]
    assert [(p.week_start, p.week_end) for p in paced(phases, 10, 5)] == [(1, 10), (11, 12)]
    assert [(p.week_start, p.week_end) for p in paced(phases, 10, 20)] == [(1, 3), (4, 4)]  # 50 h: 3 weeks


def test_a_pace_is_one_whole_number_of_hours_from_1_to_60():
    assert [pace_of(v) for v in ("6", "60", "1")] == [6, 60, 1]
    assert [pace_of(v) for v in ("0", "61", "06", "6.0", "six", "", None, "٦")] == [None] * 8


def test_the_page_recalculates_every_range_and_works_without_javascript(client):
    career = make_career(key="analyst", languages=["en"], phases=2, weekly_hours=8)  # weeks 1–5, 6–10
    url = career.versions.get().get_absolute_url()
    assert weeks_on(client, url) == ["Weeks 1-5", "Weeks 6-10"]
    assert weeks_on(client, f"{url}?pace=4") == ["Weeks 1-10", "Weeks 11-20"]  # 40 h a phase
    assert weeks_on(client, f"{url}?pace=junk") == ["Weeks 1-5", "Weeks 6-10"]
    html = client.get(f"{url}?pace=4").content.decode()
    assert (
        "Planned at 8 hours of study a week: 10 weeks, about 80 hours in all. At your pace of 4 hours a week: 20 weeks."
        in html
    )
    assert 'name="pace" inputmode="numeric" min="1" max="60" step="1" value="4"' in html
    assert '<input type="hidden" name="pace" value="4">' in html  # the calendar follows the pace
    timeline = LexborHTMLParser(html).css_first("svg.roadmap-timeline")
    assert [t.text() for t in timeline.css("text")][-1] == "20" and len(timeline.css("rect")) == 2
    plain = LexborHTMLParser(client.get(url).content.decode()).css_first("svg.roadmap-timeline")
    assert [t.text() for t in plain.css("text")][-1] == "10"  # the timeline follows the pace


def test_the_calendar_follows_the_pace(client):
    make_career(key="analyst", languages=["en"], phases=2, weekly_hours=8)
    ics = client.get("/en/careers/analyst-en/plan.ics?start=2027-01-04&pace=4").content
    starts = [str(e.decoded("dtstart")) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert starts == ["2027-01-04", "2027-03-15"]  # week 11
