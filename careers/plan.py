"""A guide's roadmap as a calendar to take away (issue 19): one all-day event per phase from
the start date the reader picks, with the phase's terms and their addresses, in the guide's
language (RFC 5545, written with the icalendar library).

`/fr/carrieres/<guide>/plan.ics?start=2027-01-04&pace=6`: week 1 begins on the start date; a
phase of weeks 3–5 runs from the 15th to the 35th day; with `pace`, the weeks of careers.pace.
Without a valid start, the next Monday (and the answer is not kept by shared caches: it
changes with the day)."""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from encyclopedia.models import TermVersion
from publishing import pagetags, seo

from .models import CareerVersion
from .pace import PacedPhase, pace_of, paced
from .views import phase_terms

EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def start_date(value: str | None) -> datetime.date | None:
    """`YYYY-MM-DD` in the years a plan can start, else None."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST and value == day.isoformat() else None


def next_monday(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)


def phase_days(start: datetime.date, item: PacedPhase) -> tuple[datetime.date, datetime.date]:
    """First day, and the day after the last (an all-day event's DTEND is exclusive)."""
    return start + datetime.timedelta(weeks=item.week_start - 1), start + datetime.timedelta(weeks=item.week_end)


def plan(request, slug):
    language = request.LANGUAGE_CODE
    version = CareerVersion.objects.live(language).select_related("career").filter(slug=slug).first()
    if version is None:
        raise Http404(_("No published career guide has this address in this language."))
    pagetags.shown(version)
    start = start_date(request.GET.get("start"))
    chosen = start is not None
    start = start or next_monday(timezone.localdate())
    guide_url = seo.absolute(request, version.get_absolute_url())
    terms_by_phase = phase_terms(version, language)

    calendar = Calendar()
    calendar.add("prodid", f"-//gneurone//{version.career.key}//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", version.title)
    stamp = timezone.now()
    with translation.override(language):
        schedule = paced(version.phases.all(), version.career.weekly_hours, pace_of(request.GET.get("pace")))
        for number, item in enumerate(schedule, start=1):
            phase = item.phase
            first, after = phase_days(start, item)
            event = Event()
            event.add("uid", f"{version.career.key}-{language}-{start.isoformat()}-phase-{number}@gneurone")
            event.add("dtstamp", stamp)
            event.add("dtstart", first)
            event.add("dtend", after)
            event.add("summary", _("Phase %(number)s: %(title)s") % {"number": number, "title": phase.title})
            event.add("description", phase_text(request, version, phase, terms_by_phase.get(phase.pk, [])))
            event.add("url", guide_url)
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{version.slug}-{start.isoformat()}.ics"'
    if not chosen:
        response["Cache-Control"] = "no-cache"  # the next Monday moves: never stored
    return response


def phase_text(request, version, phase, terms: list[TermVersion]) -> str:
    """The phase's description as plain text, then its terms with their addresses."""
    lines = [strip_tags(phase.description_html).strip(), ""]
    if terms:
        lines.append(_("Terms to know:"))
        lines += [f"- {term.name}: {seo.absolute(request, term.get_absolute_url())}" for term in terms]
        lines.append("")
    lines.append(f"{version.title}: {seo.absolute(request, version.get_absolute_url())}")
    return "\n".join(lines)
