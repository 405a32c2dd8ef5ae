"""Career guides in content files (content/careers/<key>/): the careers half of the loader
and exporter, salary bands included (website.corpus puts the halves together)."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from publishing.content import loading
from publishing.content.errors import ContentError
from publishing.content.fields import EntryRecord, Fields, LanguageText, check_keys, relation, required_section
from publishing.content.textformat import bullets, parse_bullets, write_entry

from .models import Career, CareerVersion, PortfolioIdea, RoadmapPhase, SalaryBand

FOLDER = "careers"
BAND_FIELDS = ("region", "currency", "low", "high", "source_name", "source_url", "reference_year", "verified_on")


@dataclass
class Phase:
    title: str
    weeks: tuple[int, int]
    terms: list[str]
    description: str


@dataclass(kw_only=True)
class CareerText(LanguageText):
    summary: str
    phases: list[Phase] = field(default_factory=list)
    overview: str = ""
    portfolio: list[str] = field(default_factory=list)

    copied = ("summary", "overview")
    heading = ("title", "summary")
    front_names = {"slug", *heading, "phases"}
    section_names = ("overview", "portfolio", "faq")

    @classmethod
    def words_from_file(cls, path, front, sections) -> dict:
        return {
            "phases": [parse_phase(path, i, row) for i, row in enumerate(front.tables("phases"))],
            "overview": required_section(path, sections, "overview"),
            "portfolio": parse_bullets(path, "portfolio", sections.get("portfolio", "")),
        }

    @classmethod
    def words_from_row(cls, version) -> dict:
        phases = [
            Phase(p.title, (p.week_start, p.week_end), sorted(t.key for t in p.terms.all()), p.description)
            for p in version.phases.all()
        ]
        return {"phases": phases, "portfolio": [i.text for i in version.portfolio_ideas.all()]}

    def front_rest(self) -> dict:
        phases = [
            {"title": p.title, "weeks": list(p.weeks), "terms": p.terms, "description": p.description}
            for p in self.phases
        ]
        return {"phases": phases}

    def sections(self) -> list[tuple[str, str]]:
        return [("overview", self.overview), ("portfolio", bullets(self.portfolio))]


@dataclass
class SalaryBandRecord:
    region: str
    currency: str
    low: int
    high: int
    source_name: str
    source_url: str
    reference_year: int
    verified_on: datetime.date | None = None

    @classmethod
    def from_row(cls, band) -> "SalaryBandRecord":
        return cls(*(getattr(band, name) for name in BAND_FIELDS))


@dataclass(kw_only=True)
class CareerRecord(EntryRecord, kind_name="career", folder=FOLDER, text_class=CareerText):
    related_careers: list[str] = relation("career")
    salary_bands: list[SalaryBandRecord] = field(default_factory=list)

    def check_references(self, path: Path, known: dict[str, set]):
        """Its salary bands, one per region, and the terms its roadmap's phases name too."""
        super().check_references(path, known)
        regions = [band.region for band in self.salary_bands]
        duplicates = {region for region in regions if regions.count(region) > 1}
        if duplicates:
            raise ContentError(path, "salary_bands", f"two bands for region {sorted(duplicates)[0]}")
        for language, text in self.texts.items():
            for index, phase in enumerate(text.phases):
                md = path.with_name(f"{language}.md")
                check_keys(md, f"phases[{index}].terms", phase.terms, known["term"], "term")


# ---------------------------------------------------------------- files → records


def parse_phase(path: Path, index: int, data: dict) -> Phase:
    fields = Fields(path, data, prefix=f"phases[{index}].")
    fields.reject_unknown({"title", "weeks", "terms", "description"})
    weeks = data.get("weeks")
    if (
        not isinstance(weeks, list)
        or len(weeks) != 2
        or not all(isinstance(w, int) and w > 0 for w in weeks)
        or weeks[1] < weeks[0]
    ):
        raise fields.error("weeks", "must be [first, last] week numbers, first ≤ last")
    return Phase(fields.text("title"), (weeks[0], weeks[1]), sorted(fields.keys("terms")), fields.text("description"))


def parse_band(path: Path, index: int, data: dict) -> SalaryBandRecord:
    fields = Fields(path, data, prefix=f"salary_bands[{index}].")
    fields.reject_unknown(set(BAND_FIELDS))
    band = SalaryBandRecord(
        region=fields.text("region"),
        currency=fields.text("currency"),
        low=fields.integer("low"),
        high=fields.integer("high"),
        source_name=fields.text("source_name"),
        source_url=fields.text("source_url", required=False),
        reference_year=fields.integer("reference_year"),
        verified_on=fields.date("verified_on"),
    )
    if band.high < band.low:
        raise fields.error("high", "must not be below low")
    return band


def parse_career(folder: Path, languages) -> CareerRecord:
    head = CareerRecord.read_head(folder, "salary_bands")
    bands = [parse_band(folder / "entry.toml", i, row) for i, row in enumerate(head.tables("salary_bands"))]
    return CareerRecord.from_folder(folder, languages, head, salary_bands=bands)


# ---------------------------------------------------------------- records → files


def write_career(career: CareerRecord, directory: Path):
    head = {
        "key": career.key,
        "author": career.author,
        "review_days": career.review_days,
        "related_careers": career.related_careers,
        "salary_bands": [vars(band) for band in career.salary_bands] or None,
    }
    write_entry(directory / FOLDER / career.key, head, career.texts)


# ---------------------------------------------------------------- rows → records


def careers_from_database() -> list[CareerRecord]:
    careers = Career.objects.select_related("author").prefetch_related(
        "related_careers",
        "salary_bands",
        "versions__tags",
        "versions__phases__terms",
        "versions__portfolio_ideas",
        "versions__faqs",
        "versions__sources",
    )
    return [
        CareerRecord.from_entry(c, salary_bands=[SalaryBandRecord.from_row(b) for b in c.salary_bands.all()])
        for c in careers
    ]


# ---------------------------------------------------------------- records → rows


def load_careers(careers: list[CareerRecord], directory: Path, report, *, authors) -> dict:
    entries = {}
    for career in careers:
        path = loading.entry_path(directory, FOLDER, career.key)
        values = {"author": authors[career.author], "review_days": career.review_days}
        entry = loading.upsert(Career, career.key, values, report, f"career {career.key}")
        entries[career.key] = entry
        current = [SalaryBandRecord.from_row(b) for b in entry.salary_bands.all()]
        if current != career.salary_bands:
            # Bands are replaced as a whole, but who verified a band is kept when it is unchanged.
            verifiers = {(b.region, b.verified_on): b.verified_by_id for b in entry.salary_bands.all()}
            entry.salary_bands.all().delete()
            for position, band in enumerate(career.salary_bands):
                row = SalaryBand(
                    career=entry,
                    position=position,
                    verified_by_id=verifiers.get((band.region, band.verified_on)),
                    **vars(band),
                )
                loading.validate_instance(row, path, exclude=["career", "verified_by"])
                row.save()
            report.updated.append(f"career {career.key} salary bands")
    return entries


def career_rows(text: CareerText, *, all_terms: dict) -> tuple[dict, dict]:
    """A career file's fields and children as the version rows hold them (load_texts)."""
    phases = [
        (
            RoadmapPhase(
                position=i, title=p.title, week_start=p.weeks[0], week_end=p.weeks[1], description=p.description
            ),
            {"terms": [all_terms[key] for key in p.terms]},
        )
        for i, p in enumerate(text.phases)
    ]
    ideas = [PortfolioIdea(position=i, text=t) for i, t in enumerate(text.portfolio)]
    return text.copied_from(text), {"phases": phases, "portfolio_ideas": ideas}


def load_career_texts(careers: list[CareerRecord], directory: Path, report, *, entries, all_terms):
    loading.load_texts(
        careers,
        directory,
        report,
        entries=entries,
        version_model=CareerVersion,
        rows_of=lambda text: career_rows(text, all_terms=all_terms),
        prefetch=["phases__terms", "portfolio_ideas"],
    )
