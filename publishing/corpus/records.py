"""The corpus as plain data: parsed from files, built from rows, written back to files.

Equality of these dataclasses is how the loader knows that nothing changed (idempotence)
and how the round-trip test knows that nothing was lost.
"""

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError
from .textformat import (
    bullets,
    dump_document,
    dump_toml,
    parse_bullets,
    parse_questions,
    questions,
    split_front_matter,
    split_sections,
)

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STATUSES = ("draft", "review", "published")
TERM_SECTIONS = ("definition", "analogy", "market", "takeaways", "faq")
CAREER_SECTIONS = ("overview", "portfolio", "faq")


@dataclass
class Question:
    question: str
    answer: str


@dataclass
class Author:
    key: str
    name: str
    photo: str = ""
    bio_fr: str = ""
    bio_en: str = ""


@dataclass
class Category:
    key: str
    name_fr: str
    slug_fr: str
    name_en: str
    slug_en: str


@dataclass
class TermText:
    language: str
    slug: str
    name: str
    title: str
    lede: str
    status: str = "draft"
    published: datetime.date | None = None
    updated: datetime.date | None = None
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    cta_title: str = ""
    cta_text: str = ""
    cta_url: str = ""
    definition: str = ""
    analogy: str = ""
    market: str = ""
    takeaways: list[str] = field(default_factory=list)
    faqs: list[Question] = field(default_factory=list)


@dataclass
class Term:
    key: str
    category: str
    author: str
    related_terms: list[str] = field(default_factory=list)
    related_careers: list[str] = field(default_factory=list)
    texts: dict[str, TermText] = field(default_factory=dict)


@dataclass
class Phase:
    title: str
    weeks: tuple[int, int]
    terms: list[str]
    description: str


@dataclass
class CareerText:
    language: str
    slug: str
    title: str
    summary: str
    status: str = "draft"
    published: datetime.date | None = None
    updated: datetime.date | None = None
    tags: list[str] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    overview: str = ""
    portfolio: list[str] = field(default_factory=list)
    faqs: list[Question] = field(default_factory=list)


@dataclass
class SalaryBand:
    region: str
    currency: str
    low: int
    high: int
    source_name: str
    source_url: str
    reference_year: int
    verified_on: datetime.date | None = None


@dataclass
class Career:
    key: str
    author: str
    related_careers: list[str] = field(default_factory=list)
    salary_bands: list[SalaryBand] = field(default_factory=list)
    texts: dict[str, CareerText] = field(default_factory=dict)


@dataclass
class Corpus:
    authors: list[Author] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    careers: list[Career] = field(default_factory=list)


# ---------------------------------------------------------------- reading fields


def sort_tags(tags: list[str]) -> list[str]:
    return sorted(tags, key=str.casefold)


class Fields:
    """Typed access to one TOML table, with errors that name the file and the field."""

    def __init__(self, path: Path, data: dict, prefix: str = ""):
        self.path, self.data, self.prefix = path, data, prefix

    def error(self, name: str, message: str) -> ContentError:
        return ContentError(self.path, f"{self.prefix}{name}", message)

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        value = self.data.get(name, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(name, "is missing or empty")
            return default
        if not isinstance(value, str):
            raise self.error(name, f"must be text, got {type(value).__name__}")
        return value.strip()

    def key(self, name: str) -> str:
        value = self.text(name)
        if not KEY_PATTERN.match(value):
            raise self.error(name, f"{value!r} must be lower-case letters, digits and hyphens")
        return value

    def integer(self, name: str) -> int:
        value = self.data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(name, "must be a whole number ≥ 0")
        return value

    def date(self, name: str, *, required: bool = False) -> datetime.date | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise self.error(name, "must be a date such as 2026-11-21")
        return value

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(name, "must be a list of texts")
        return [item.strip() for item in value if item.strip()]

    def keys(self, name: str) -> list[str]:
        values = self.strings(name)
        for value in values:
            if not KEY_PATTERN.match(value):
                raise self.error(name, f"{value!r} is not a valid key")
        return values

    def status(self) -> str:
        value = self.text("status", required=False, default="draft")
        if value not in STATUSES:
            raise self.error("status", f"must be one of {', '.join(STATUSES)}, got {value!r}")
        return value

    def tables(self, name: str) -> list[dict]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(name, f"must be a list of [[{name}]] tables")
        return value

    def reject_unknown(self, allowed: set[str]):
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.error(unknown[0], f"unknown field; expected one of: {', '.join(sorted(allowed))}")


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, "file", "is missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ContentError(path, "file", f"invalid TOML ({error})") from None


def read_document(path: Path, allowed_sections) -> tuple[Fields, dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, "file", "is not UTF-8 text") from None
    front, body = split_front_matter(path, text)
    return Fields(path, front), split_sections(path, body, allowed_sections)


# ---------------------------------------------------------------- parsing files

TERM_FRONT = {
    "slug", "name", "title", "lede", "status", "published", "updated", "tags", "aliases",
    "cta_title", "cta_text", "cta_url",
}  # fmt: skip
CAREER_FRONT = {"slug", "title", "summary", "status", "published", "updated", "tags", "phases"}


def parse_term_text(path: Path, language: str) -> TermText:
    front, sections = read_document(path, TERM_SECTIONS)
    front.reject_unknown(TERM_FRONT)
    text = TermText(
        language=language,
        slug=front.key("slug"),
        name=front.text("name"),
        title=front.text("title"),
        lede=front.text("lede"),
        status=front.status(),
        published=front.date("published"),
        updated=front.date("updated"),
        tags=sort_tags(front.strings("tags")),
        aliases=front.strings("aliases"),
        cta_title=front.text("cta_title", required=False),
        cta_text=front.text("cta_text", required=False),
        cta_url=front.text("cta_url", required=False),
        definition=sections.get("definition", ""),
        analogy=sections.get("analogy", ""),
        market=sections.get("market", ""),
        takeaways=parse_bullets(path, "takeaways", sections.get("takeaways", "")),
        faqs=[Question(q, a) for q, a in parse_questions(path, sections.get("faq", ""))],
    )
    if not text.definition:
        raise ContentError(path, "definition", "the “## definition” section is missing or empty")
    return text


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


def parse_career_text(path: Path, language: str) -> CareerText:
    front, sections = read_document(path, CAREER_SECTIONS)
    front.reject_unknown(CAREER_FRONT)
    text = CareerText(
        language=language,
        slug=front.key("slug"),
        title=front.text("title"),
        summary=front.text("summary"),
        status=front.status(),
        published=front.date("published"),
        updated=front.date("updated"),
        tags=sort_tags(front.strings("tags")),
        phases=[parse_phase(path, i, row) for i, row in enumerate(front.tables("phases"))],
        overview=sections.get("overview", ""),
        portfolio=parse_bullets(path, "portfolio", sections.get("portfolio", "")),
        faqs=[Question(q, a) for q, a in parse_questions(path, sections.get("faq", ""))],
    )
    if not text.overview:
        raise ContentError(path, "overview", "the “## overview” section is missing or empty")
    return text


def language_texts(folder: Path, languages, parse) -> dict:
    texts = {}
    for language in languages:
        path = folder / f"{language}.md"
        if path.exists():
            texts[language] = parse(path, language)
    if not texts:
        raise ContentError(folder, "versions", f"no language file ({', '.join(f'{code}.md' for code in languages)})")
    return texts


def parse_entry_head(folder: Path) -> Fields:
    path = folder / "entry.toml"
    fields = Fields(path, read_toml(path))
    key = fields.key("key")
    if key != folder.name:
        raise fields.error("key", f"{key!r} must match the folder name {folder.name!r}")
    return fields


def parse_term(folder: Path, languages) -> Term:
    head = parse_entry_head(folder)
    head.reject_unknown({"key", "category", "author", "related_terms", "related_careers"})
    return Term(
        key=head.key("key"),
        category=head.key("category"),
        author=head.key("author"),
        # Relations and tags are sets in the database: sorted here, as export writes them.
        related_terms=sorted(head.keys("related_terms")),
        related_careers=sorted(head.keys("related_careers")),
        texts=language_texts(folder, languages, parse_term_text),
    )


def parse_band(path: Path, index: int, data: dict) -> SalaryBand:
    fields = Fields(path, data, prefix=f"salary_bands[{index}].")
    fields.reject_unknown(
        {"region", "currency", "low", "high", "source_name", "source_url", "reference_year", "verified_on"}
    )
    band = SalaryBand(
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


def parse_career(folder: Path, languages) -> Career:
    head = parse_entry_head(folder)
    head.reject_unknown({"key", "author", "related_careers", "salary_bands"})
    path = folder / "entry.toml"
    return Career(
        key=head.key("key"),
        author=head.key("author"),
        related_careers=sorted(head.keys("related_careers")),
        salary_bands=[parse_band(path, i, row) for i, row in enumerate(head.tables("salary_bands"))],
        texts=language_texts(folder, languages, parse_career_text),
    )


def parse_authors(path: Path) -> list[Author]:
    rows = Fields(path, read_toml(path)).tables("author")
    authors = []
    for index, row in enumerate(rows):
        fields = Fields(path, row, prefix=f"author[{index}].")
        fields.reject_unknown({"key", "name", "photo", "bio_fr", "bio_en"})
        authors.append(
            Author(
                key=fields.key("key"),
                name=fields.text("name"),
                photo=fields.text("photo", required=False),
                bio_fr=fields.text("bio_fr", required=False),
                bio_en=fields.text("bio_en", required=False),
            )
        )
    return authors


def parse_categories(path: Path) -> list[Category]:
    rows = Fields(path, read_toml(path)).tables("category")
    categories = []
    for index, row in enumerate(rows):
        fields = Fields(path, row, prefix=f"category[{index}].")
        fields.reject_unknown({"key", "name_fr", "slug_fr", "name_en", "slug_en"})
        categories.append(
            Category(
                **{name: fields.text(name) for name in ("name_fr", "slug_fr", "name_en", "slug_en")},
                key=fields.key("key"),
            )
        )
    return categories


def entry_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir() if path.is_dir())


def read_corpus(directory: Path, languages) -> Corpus:
    directory = Path(directory)
    return Corpus(
        authors=parse_authors(directory / "authors.toml"),
        categories=parse_categories(directory / "categories.toml"),
        terms=[parse_term(folder, languages) for folder in entry_folders(directory / "terms")],
        careers=[parse_career(folder, languages) for folder in entry_folders(directory / "careers")],
    )


# ---------------------------------------------------------------- writing files


def term_text_document(text: TermText) -> str:
    front = {
        "slug": text.slug, "name": text.name, "title": text.title, "lede": text.lede,
        "status": text.status, "published": text.published, "updated": text.updated,
        "tags": text.tags, "aliases": text.aliases, "cta_title": text.cta_title or None,
        "cta_text": text.cta_text or None, "cta_url": text.cta_url or None,
    }  # fmt: skip
    sections = [
        ("definition", text.definition),
        ("analogy", text.analogy),
        ("market", text.market),
        ("takeaways", bullets(text.takeaways)),
        ("faq", questions(text.faqs)),
    ]
    return dump_document(front, sections)


def career_text_document(text: CareerText) -> str:
    front = {
        "slug": text.slug, "title": text.title, "summary": text.summary, "status": text.status,
        "published": text.published, "updated": text.updated, "tags": text.tags,
        "phases": [
            {"title": p.title, "weeks": list(p.weeks), "terms": p.terms, "description": p.description}
            for p in text.phases
        ],
    }  # fmt: skip
    sections = [("overview", text.overview), ("portfolio", bullets(text.portfolio)), ("faq", questions(text.faqs))]
    return dump_document(front, sections)


def write_corpus(corpus: Corpus, directory: Path):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "authors.toml").write_text(
        "\n".join(dump_toml({"author": [vars(a)]}).lstrip("\n") for a in corpus.authors), encoding="utf-8"
    )
    (directory / "categories.toml").write_text(
        "\n".join(dump_toml({"category": [vars(c)]}).lstrip("\n") for c in corpus.categories), encoding="utf-8"
    )
    for term in corpus.terms:
        folder = directory / "terms" / term.key
        folder.mkdir(parents=True, exist_ok=True)
        head = {k: getattr(term, k) for k in ("key", "category", "author", "related_terms", "related_careers")}
        (folder / "entry.toml").write_text(dump_toml(head), encoding="utf-8")
        for language, text in term.texts.items():
            (folder / f"{language}.md").write_text(term_text_document(text), encoding="utf-8")
    for career in corpus.careers:
        folder = directory / "careers" / career.key
        folder.mkdir(parents=True, exist_ok=True)
        head = {
            "key": career.key, "author": career.author, "related_careers": career.related_careers,
            "salary_bands": [vars(band) for band in career.salary_bands] or None,
        }  # fmt: skip
        (folder / "entry.toml").write_text(dump_toml(head), encoding="utf-8")
        for language, text in career.texts.items():
            (folder / f"{language}.md").write_text(career_text_document(text), encoding="utf-8")
