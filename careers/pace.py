"""A roadmap at the reader's pace (issue 19). A guide's week numbers assume its
`weekly_hours` of study a week, so a phase of weeks 3–5 is about 3 × that many hours of
work; at another pace each phase lasts as many whole weeks as its hours need, one after the
other. `?pace=6` on a guide (and its calendar file) recalculates every range on the server,
so a paced roadmap works without JavaScript and can be linked."""

import math
from dataclasses import dataclass

MIN_PACE, MAX_PACE = 1, 60  # hours a week a reader may choose
DEFAULT_WEEKLY_HOURS = 10  # what a guide assumes unless its entry says otherwise


@dataclass(frozen=True)
class PacedPhase:
    phase: object
    week_start: int
    week_end: int
    hours: int  # the phase's work, at the guide's assumed pace


def pace_of(value: str | None) -> int | None:
    """A pace the reader may choose, written one way (`6`, not `06` or `6.0`), else None."""
    if value and value.isascii() and value.isdigit() and value == str(int(value)):
        pace = int(value)
        return pace if MIN_PACE <= pace <= MAX_PACE else None
    return None


def paced(phases, weekly_hours: int, pace: int | None) -> list[PacedPhase]:
    """The phases with their weeks at `pace` (None: the guide's own weeks)."""
    result, week = [], 1
    for phase in phases:
        hours = (phase.week_end - phase.week_start + 1) * weekly_hours
        if pace is None:
            start, end = phase.week_start, phase.week_end
        else:
            start = week
            end = start + math.ceil(hours / pace) - 1
            week = end + 1
        result.append(PacedPhase(phase, start, end, hours))
    return result
