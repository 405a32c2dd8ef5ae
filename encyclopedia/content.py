"""Terms and categories in content files (content/terms/<key>/, content/categories.toml):
the encyclopedia's half of the loader and exporter (website.corpus puts the halves together).

Equality of the dataclasses is how the loader knows that nothing changed (idempotence) and
how the round-trip test knows that nothing was lost.
"""

from dataclasses import dataclass, field
from pathlib import Path

from publishing.content import loading
from publishing.content.designations import DesignationText, read_designation
from publishing.content.errors import ContentError
from publishing.content.fields import EntryRecord, LanguageText, check_keys, relation, required_section, table_rows
from publishing.content.textformat import bullets, dump_toml, parse_bullets, write_entry
from publishing.review import DEFAULT_REVIEW_DAYS

from .models import Category, Takeaway, Term, TermDesignation, TermVersion

FOLDER = "terms"
CALL_TO_ACTION = ("cta_title", "cta_text", "cta_url")
CATEGORY_FIELDS = ("name_fr", "slug_fr", "name_en", "slug_en")


@dataclass
class CategoryRecord:
    key: str
    name_fr: str
    slug_fr: str
    name_en: str
    slug_en: str
    review_days: int = DEFAULT_REVIEW_DAYS  # days between two reviews of its terms (publishing.review)


@dataclass(kw_only=True)
class TermText(LanguageText):
    name: str
    lede: str
    designations: list[DesignationText] = field(default_factory=list)  # its one list of names
    cta_title: str = ""
    cta_text: str = ""
    cta_url: str = ""
    definition: str = ""
    analogy: str = ""
    market: str = ""
    takeaways: list[str] = field(default_factory=list)

    copied = ("name", "lede", *CALL_TO_ACTION, "definition", "analogy", "market")
    heading = ("name", "title", "lede")
    front_names = {"slug", *heading, *CALL_TO_ACTION, "designations"}
    section_names = ("definition", "analogy", "market", "takeaways", "faq")

    @classmethod
    def words_from_file(cls, path, front, sections) -> dict:
        return {
            "designations": front.read_tables("designations", DesignationText, read_designation),
            **{name: front.text(name, required=False) for name in CALL_TO_ACTION},
            "definition": required_section(path, sections, "definition"),
            "analogy": sections.get("analogy", ""),
            "market": sections.get("market", ""),
            "takeaways": parse_bullets(path, "takeaways", sections.get("takeaways", "")),
        }

    @classmethod
    def words_from_row(cls, version) -> dict:
        return {
            "designations": [DesignationText.from_row(d) for d in version.designations.all()],
            "takeaways": [t.text for t in version.takeaways.all()],
        }

    def front_rest(self) -> dict:
        return {
            **{name: getattr(self, name) or None for name in CALL_TO_ACTION},
            "designations": [d.as_table() for d in self.designations] or None,
        }

    def sections(self) -> list[tuple[str, str]]:
        return [
            ("definition", self.definition),
            ("analogy", self.analogy),
            ("market", self.market),
            ("takeaways", bullets(self.takeaways)),
        ]


@dataclass(kw_only=True)
class TermRecord(EntryRecord, kind_name="term", folder=FOLDER, text_class=TermText):
    category: str
    related_terms: list[str] = relation("term")
    related_careers: list[str] = relation("career")

    def check_references(self, path: Path, known: dict[str, set]):
        check_keys(path, "category", [self.category], known["category"], "category")
        super().check_references(path, known)
        if self.key in self.related_terms:
            raise ContentError(path, "related_terms", "a term cannot be related to itself")


# ---------------------------------------------------------------- files → records


def parse_term(folder: Path, languages) -> TermRecord:
    head = TermRecord.read_head(folder, "category")
    return TermRecord.from_folder(folder, languages, head, category=head.key("category"))


def parse_categories(path: Path) -> list[CategoryRecord]:
    return [
        CategoryRecord(
            **{name: fields.text(name) for name in CATEGORY_FIELDS},
            key=fields.key("key"),
            review_days=fields.days("review_days") or DEFAULT_REVIEW_DAYS,
        )
        for fields in table_rows(path, "category", {"key", "review_days", *CATEGORY_FIELDS})
    ]


# ---------------------------------------------------------------- records → files


def write_categories(categories: list[CategoryRecord], path: Path):
    path.write_text("\n".join(dump_toml({"category": [vars(c)]}).lstrip("\n") for c in categories), encoding="utf-8")


def write_term(term: TermRecord, directory: Path):
    head = {
        k: getattr(term, k) for k in ("key", "category", "author", "review_days", "related_terms", "related_careers")
    }
    write_entry(directory / FOLDER / term.key, head, term.texts)


# ---------------------------------------------------------------- rows → records


def categories_from_database() -> list[CategoryRecord]:
    return [
        CategoryRecord(c.key, *(getattr(c, name) for name in CATEGORY_FIELDS), review_days=c.review_days)
        for c in Category.objects.order_by("pk")
    ]


def terms_from_database() -> list[TermRecord]:
    terms = Term.objects.select_related("category", "author").prefetch_related(
        "related_terms",
        "related_careers",
        "versions__tags",
        "versions__takeaways",
        "versions__designations",
        "versions__faqs",
        "versions__sources",
    )
    return [TermRecord.from_entry(t, category=t.category.key) for t in terms]


# ---------------------------------------------------------------- records → rows


def load_categories(categories: list[CategoryRecord], report) -> dict:
    return loading.upsert_all(Category, categories, report, "category")


def load_terms(terms: list[TermRecord], report, *, authors, categories) -> dict:
    entries = {}
    for term in terms:
        values = {
            "category": categories[term.category],
            "author": authors[term.author],
            "review_days": term.review_days,
        }
        entries[term.key] = loading.upsert(Term, term.key, values, report, f"term {term.key}")
    return entries


def term_rows(text: TermText) -> tuple[dict, dict]:
    """A term file's fields and children as the version rows hold them (load_texts)."""
    return text.copied_from(text), {
        "takeaways": [Takeaway(position=i, text=t) for i, t in enumerate(text.takeaways)],
        "designations": [d.row(TermDesignation, i) for i, d in enumerate(text.designations)],
    }


def load_term_texts(terms: list[TermRecord], directory: Path, report, *, entries):
    loading.load_texts(
        terms,
        directory,
        report,
        entries=entries,
        version_model=TermVersion,
        rows_of=term_rows,
        prefetch=["takeaways", "designations"],
    )
