"""`import_wages`: official figures into the salary bands of the guides whose crosswalk names
their occupation (README, "Salaries"). What would change is worked out first (a dry run
stops there); the writing is one transaction. A band entered by hand is never touched unless
asked: imported bands are rows of their own (`SalaryBand.importer`)."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..models import OccupationCode, SalaryBand, Statistic
from . import layouts
from .files import READERS, Figures, WageFileError, year_of


@dataclass
class Change:
    career: str
    action: str  # "create", "update", "unchanged", "replace hand-entered", "skip"
    band: SalaryBand | None
    figures: Figures | None
    note: str = ""

    def __str__(self):
        place = self.band.area or "national" if self.band else ""
        what = f"{self.figures.code} {place}" if self.figures else ""
        return f"{self.action:<10} {self.career:<30} {what} {self.note}".rstrip()


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    to_delete: list[SalaryBand] = field(default_factory=list)  # hand-entered bands replaced

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)


def band_values(layout, figures: Figures, *, dataset: str, retrieved_on: datetime.date) -> dict:
    values = figures.values
    statistic = Statistic.LOW_HIGH if layout.source == "jobbank" else Statistic.P10_P90
    return {
        "region": layout.region,
        "area": figures.area,
        "currency": layout.currency,
        "statistic": statistic,
        "period": figures.period,
        "low": values["low"],
        "p25": values.get("p25"),
        "median": values.get("median"),
        "p75": values.get("p75"),
        "high": values["high"],
        "flags": figures.flags,
        "pay_concept": layout.pay_concept,
        "occupation": figures.code,
        "source_name": layout.source_name,
        "source_url": figures.source_url,
        "dataset": dataset,
        "reference_year": year_of(figures.reference_period),
        "reference_period": figures.reference_period,
        "licence": layout.licence,
        "importer": layout.source,
        "retrieved_on": retrieved_on,
        "verified_on": retrieved_on,  # read from the official file itself
    }


# When the file was read is not a change to the figures: a re-import of the same file leaves them unchanged.
NOT_COMPARED = {"retrieved_on", "verified_on"}


def plan_import(source: str, path: Path, *, reference_period: str, areas: set[str], replace_manual: bool = False,
                top_code: int | None = None, retrieved_on: datetime.date | None = None) -> Plan:  # fmt: skip
    layout = layouts.LAYOUTS[source]
    try:
        year_of(reference_period)
    except ValueError as error:
        raise WageFileError(path, f"--reference-period: {error}") from None
    figures = READERS[source](path, reference_period=reference_period, areas=areas, top_code=top_code)
    by_code: dict[str, list[Figures]] = {}
    for item in figures:
        by_code.setdefault(item.code, []).append(item)
    retrieved_on = retrieved_on or timezone.localdate()
    dataset = f"{layout.dataset}, {reference_period}"
    plan = Plan()
    codes = OccupationCode.objects.filter(classification=layout.classification).select_related("career")
    chosen: dict[int, OccupationCode] = {}
    for code in codes.order_by("career_id", "position", "pk"):
        chosen.setdefault(code.career_id, code)  # the guide's first code in this classification
    for code in chosen.values():
        career = code.career
        rows = by_code.get(code.code, [])
        if not rows:
            plan.changes.append(Change(career.key, "skip", None, None, f"{code.code}: not in this file"))
        for item in rows:
            if "low" not in item.values or "high" not in item.values:
                plan.changes.append(Change(career.key, "skip", None, item, "no published range (suppressed)"))
                continue
            values = band_values(layout, item, dataset=dataset, retrieved_on=retrieved_on)
            plan.changes.append(plan_band(career, values, item))
            if replace_manual:
                manual = career.salary_bands.filter(region=layout.region, area=item.area, importer="")
                plan.to_delete += list(manual)
    return plan


def plan_band(career, values: dict, figures: Figures) -> Change:
    place = {"career": career, "region": values["region"], "area": values["area"], "importer": values["importer"]}
    band = SalaryBand.objects.filter(**place).first()
    if band is None:
        return Change(career.key, "create", SalaryBand(**values, career=career), figures)
    if all(getattr(band, name) == value for name, value in values.items() if name not in NOT_COMPARED):
        return Change(career.key, "unchanged", band, figures)
    before = f"{band.low}–{band.high}"
    for name, value in values.items():
        setattr(band, name, value)
    band.verified_by = None
    return Change(career.key, "update", band, figures, f"(was {before})")


@transaction.atomic
def apply(plan: Plan) -> None:
    for band in plan.to_delete:
        band.delete()
    for change in plan.changes:
        if change.action in ("create", "update"):
            if change.band.pk is None:
                change.band.position = change.band.career.salary_bands.count()
            change.band.full_clean(exclude=["career", "verified_by"], validate_constraints=False)
            change.band.save()
