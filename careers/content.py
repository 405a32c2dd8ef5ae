"""Career guides in content files (content/careers/<key>/): the careers half of the loader
and exporter, salary bands included (website.corpus puts the halves together)."""

from dataclasses import dataclass, field
from pathlib import Path

from publishing.content import loading
from publishing.content.fields import EntryRecord, Fields, LanguageText, check_keys, relation, required_section
from publishing.content.textformat import bullets, parse_bullets, write_entry

from .models import Career, CareerVersion, PortfolioIdea, RoadmapPhase
from .pace import DEFAULT_WEEKLY_HOURS, MAX_PACE, MIN_PACE
from .paydata import BandRecord, OccupationRecord, read_band, read_occupation, replace_bands, replace_occupations

FOLDER = "careers"


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


@dataclass(kw_only=True)
class CareerRecord(EntryRecord, kind_name="career", folder=FOLDER, text_class=CareerText):
    related_careers: list[str] = relation("career")
    salary_bands: list[BandRecord] = field(default_factory=list)
    occupations: list[OccupationRecord] = field(default_factory=list)  # the crosswalk
    weekly_hours: int = DEFAULT_WEEKLY_HOURS  # the study time a week its roadmap's weeks assume

    def check_references(self, path: Path, known: dict[str, set]):
        """The terms its roadmap's phases name too."""
        super().check_references(path, known)
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


def parse_career(folder: Path, languages) -> CareerRecord:
    head = CareerRecord.read_head(folder, "salary_bands", "occupations", "weekly_hours")
    return CareerRecord.from_folder(
        folder, languages, head,
        salary_bands=head.read_tables("salary_bands", BandRecord, read_band),
        occupations=head.read_tables("occupations", OccupationRecord, read_occupation),
        weekly_hours=parse_weekly_hours(head),
    )  # fmt: skip


def parse_weekly_hours(head: Fields) -> int:
    if head.data.get("weekly_hours") is None:
        return DEFAULT_WEEKLY_HOURS
    hours = head.integer("weekly_hours")
    if not MIN_PACE <= hours <= MAX_PACE:
        raise head.error("weekly_hours", f"must be a whole number of hours from {MIN_PACE} to {MAX_PACE}")
    return hours


# ---------------------------------------------------------------- records → files


def write_career(career: CareerRecord, directory: Path):
    head = {
        "key": career.key,
        "author": career.author,
        "review_days": career.review_days,
        "weekly_hours": None if career.weekly_hours == DEFAULT_WEEKLY_HOURS else career.weekly_hours,
        "related_careers": career.related_careers,
        "occupations": [code.as_table() for code in career.occupations] or None,
        "salary_bands": [band.as_table() for band in career.salary_bands] or None,
    }
    write_entry(directory / FOLDER / career.key, head, career.texts)


# ---------------------------------------------------------------- rows → records


def careers_from_database() -> list[CareerRecord]:
    careers = Career.objects.select_related("author").prefetch_related(
        "related_careers",
        "salary_bands",
        "occupations",
        "versions__tags",
        "versions__phases__terms",
        "versions__portfolio_ideas",
        "versions__faqs",
        "versions__sources",
    )
    return [
        CareerRecord.from_entry(
            c,
            salary_bands=[BandRecord.from_row(b) for b in c.salary_bands.all()],
            occupations=[OccupationRecord.from_row(o) for o in c.occupations.all()],
            weekly_hours=c.weekly_hours,
        )
        for c in careers
    ]


# ---------------------------------------------------------------- records → rows


def load_careers(careers: list[CareerRecord], directory: Path, report, *, authors) -> dict:
    entries = {}
    for career in careers:
        path = loading.entry_path(directory, FOLDER, career.key)
        values = {"author": authors[career.author], "review_days": career.review_days,
                  "weekly_hours": career.weekly_hours}  # fmt: skip
        entry = loading.upsert(Career, career.key, values, report, f"career {career.key}")
        entries[career.key] = entry
        replace_occupations(entry, career.occupations, path, report)
        replace_bands(entry, career.salary_bands, path, report)
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
