"""A guide's salary bands and occupation codes in its `entry.toml` (content/README.md,
"Salary bands" and "Occupation codes"): records, parsing, writing, and loading into rows.

Every field a band or a code may hold is a key of its table; what is empty (or the default:
a `range`, `annual` figure) is left out, so files stay short and load → export is exact. A
band's flags are lists in the file (`top_coded = ["high"]`) and a mapping in the database
({"high": "top-coded"}): TOML's array-of-tables rows cannot hold a sub-table.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from publishing.content import loading
from publishing.content.errors import ContentError, Once
from publishing.content.fields import Fields

from .models import (
    FIGURES,
    Classification,
    Match,
    OccupationCode,
    PayConcept,
    Period,
    SalaryBand,
    Statistic,
    WageSource,
)

FLAGS = {"top_coded": "top-coded", "unreliable": "unreliable"}  # file key → flag in SalaryBand.flags
DEFAULTS = {"statistic": Statistic.RANGE, "period": Period.ANNUAL}


@dataclass(kw_only=True)
class BandRecord:
    """A `[[salary_bands]]` table, its keys in file order."""

    region: str
    area: str = ""
    currency: str
    statistic: str = Statistic.RANGE
    period: str = Period.ANNUAL
    low: int
    p25: int | None = None
    median: int | None = None
    p75: int | None = None
    high: int
    top_coded: list[str] = field(default_factory=list)
    unreliable: list[str] = field(default_factory=list)
    pay_concept: str = ""
    occupation: str = ""
    source_name: str
    source_url: str = ""
    dataset: str = ""
    reference_year: int
    reference_period: str = ""
    licence: str = ""
    imported_from: str = ""
    retrieved_on: datetime.date | None = None
    verified_on: datetime.date | None = None

    @classmethod
    def from_row(cls, band: SalaryBand) -> "BandRecord":
        columns = {f.name for f in dataclasses.fields(cls)} - {"top_coded", "unreliable", "imported_from"}
        flags = band.flags or {}
        return cls(
            **{name: getattr(band, name) for name in columns},
            imported_from=band.importer,
            **{key: [name for name in FIGURES if flags.get(name) == flag] for key, flag in FLAGS.items()},
        )

    def row_values(self) -> dict:
        """The SalaryBand fields it sets."""
        values = {k: v for k, v in vars(self).items() if k not in ("top_coded", "unreliable", "imported_from")}
        flags = {name: flag for key, flag in FLAGS.items() for name in getattr(self, key)}
        return values | {"flags": flags, "importer": self.imported_from}

    def as_table(self) -> dict:
        return {
            name: None if value in ("", [], None) or DEFAULTS.get(name) == value else value
            for name, value in vars(self).items()
        }


@dataclass
class OccupationRecord:
    classification: str
    code: str
    title: str
    match: str
    url: str = ""
    verified_on: datetime.date | None = None

    @classmethod
    def from_row(cls, row: OccupationCode) -> "OccupationRecord":
        return cls(**{f.name: getattr(row, f.name) for f in dataclasses.fields(cls)})

    def as_table(self) -> dict:
        return {name: value or None for name, value in vars(self).items()}


# ---------------------------------------------------------------- files → records


def amount(fields: Fields, name: str, *, required: bool) -> int | None:
    if fields.data.get(name) is None and not required:
        return None
    return fields.integer(name)


def read_band(fields: Fields, places: Once) -> BandRecord:
    band = BandRecord(
        region=fields.text("region"),
        area=fields.text("area", required=False),
        currency=fields.text("currency"),
        statistic=fields.choice("statistic", Statistic.values, default=Statistic.RANGE),
        period=fields.choice("period", Period.values, default=Period.ANNUAL),
        **{name: amount(fields, name, required=name in ("low", "high")) for name in FIGURES},
        top_coded=figure_names(fields, "top_coded"),
        unreliable=figure_names(fields, "unreliable"),
        pay_concept=fields.choice("pay_concept", PayConcept.values, default=""),
        occupation=fields.text("occupation", required=False),
        source_name=fields.text("source_name"),
        source_url=fields.address("source_url"),
        dataset=fields.text("dataset", required=False),
        reference_year=fields.integer("reference_year"),
        reference_period=fields.text("reference_period", required=False),
        licence=fields.text("licence", required=False),
        imported_from=fields.choice("imported_from", WageSource.values, default=""),
        retrieved_on=fields.date("retrieved_on"),
        verified_on=fields.date("verified_on"),
    )
    figures = band_figures(band)
    for (before, low), (name, value) in zip(figures, figures[1:], strict=False):
        if value < low:
            raise fields.error(name, f"must not be below {before}")
    place, where = (band.region, band.area, band.imported_from), f"{band.region} {band.area or '(national)'}"
    places.check(fields, "region", place, f"two bands for {where} from one source")
    return band


def band_figures(band) -> list[tuple[str, int]]:
    return [(name, getattr(band, name)) for name in FIGURES if getattr(band, name) is not None]


def figure_names(fields: Fields, name: str) -> list[str]:
    names = fields.strings(name)
    unknown = [item for item in names if item not in FIGURES]
    if unknown:
        raise fields.error(name, f"{unknown[0]!r} is not one of {', '.join(FIGURES)}")
    return names


def read_occupation(fields: Fields, once: Once) -> OccupationRecord:
    code = OccupationRecord(
        classification=fields.choice("classification", Classification.values),
        code=fields.text("code"),
        title=fields.text("title"),
        match=fields.choice("match", Match.values),
        url=fields.address("url"),
        verified_on=fields.date("verified_on"),
    )
    once.check(fields, "code", (code.classification, code.code), f"{code.classification} {code.code} is listed twice")
    return code


# ---------------------------------------------------------------- records → rows


def replace_bands(entry, bands: list[BandRecord], path: Path, report) -> None:
    """The career's bands as the file lists them; who verified a band is kept when unchanged."""
    current = [BandRecord.from_row(b) for b in entry.salary_bands.all()]
    if current == bands:
        return
    verifiers = {(b.region, b.area, b.verified_on): b.verified_by_id for b in entry.salary_bands.all()}
    entry.salary_bands.all().delete()
    for position, band in enumerate(bands):
        row = SalaryBand(career=entry, position=position, **band.row_values())
        row.verified_by_id = verifiers.get((band.region, band.area, band.verified_on))
        validate(row, path, f"salary_bands[{position}]")
        row.save()
    report.updated.append(f"career {entry.key} salary bands")


def replace_occupations(entry, codes: list[OccupationRecord], path: Path, report) -> None:
    if [OccupationRecord.from_row(c) for c in entry.occupations.all()] == codes:
        return
    entry.occupations.all().delete()
    for position, code in enumerate(codes):
        row = OccupationCode(career=entry, position=position, **vars(code))
        validate(row, path, f"occupations[{position}]")
        row.save()
    report.updated.append(f"career {entry.key} occupation codes")


def validate(row, path: Path, table: str):
    """The row's own checks (an ISO country and currency, a valid address), naming the table row."""
    try:
        loading.validate_instance(row, path, exclude=["career", "verified_by"])
    except ContentError as error:
        raise ContentError(path, f"{table}.{error.field}", error.message) from None
