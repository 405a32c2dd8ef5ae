"""Terms and categories in content files (content/terms/<key>/, content/categories.toml):
the encyclopedia's half of the loader and exporter (website.corpus puts the halves together).

Equality of the dataclasses is how the loader knows that nothing changed (idempotence) and
how the round-trip test knows that nothing was lost.
"""

from dataclasses import dataclass, field
from pathlib import Path

from publishing.content.errors import ContentError
from publishing.content.fields import (
    LanguageText,
    entry_head,
    faqs,
    language_texts,
    read_document,
    required_section,
    table_rows,
)
from publishing.content.loading import (
    apply_text,
    check_keys,
    common_fields_of,
    entry_path,
    replace_children,
    set_if_changed,
    upsert,
    workflow_front,
)
from publishing.content.textformat import bullets, dump_document, dump_toml, parse_bullets, questions, write_entry

from .models import Category, Takeaway, Term, TermFAQ, TermVersion

FOLDER = "terms"
SECTIONS = ("definition", "analogy", "market", "takeaways", "faq")
FRONT = {"slug", "name", "title", "lede", "aliases", "cta_title", "cta_text", "cta_url"}
CATEGORY_FIELDS = ("name_fr", "slug_fr", "name_en", "slug_en")


@dataclass
class CategoryRecord:
    key: str
    name_fr: str
    slug_fr: str
    name_en: str
    slug_en: str


@dataclass(kw_only=True)
class TermText(LanguageText):
    name: str
    title: str
    lede: str
    aliases: list[str] = field(default_factory=list)
    cta_title: str = ""
    cta_text: str = ""
    cta_url: str = ""
    definition: str = ""
    analogy: str = ""
    market: str = ""
    takeaways: list[str] = field(default_factory=list)

    copied = (
        "slug", "name", "title", "lede", "cta_title", "cta_text", "cta_url", "definition", "analogy", "market",
    )  # fmt: skip

    @classmethod
    def from_row(cls, version) -> "TermText":
        return cls(
            **common_fields_of(version),
            **cls.copied_from(version),
            aliases=version.alias_list,
            takeaways=[t.text for t in version.takeaways.all()],
        )

    def document(self) -> str:
        front = {
            "slug": self.slug,
            "name": self.name,
            "title": self.title,
            "lede": self.lede,
            **workflow_front(self),
            "aliases": self.aliases,
            "cta_title": self.cta_title or None,
            "cta_text": self.cta_text or None,
            "cta_url": self.cta_url or None,
        }
        sections = [
            ("definition", self.definition),
            ("analogy", self.analogy),
            ("market", self.market),
            ("takeaways", bullets(self.takeaways)),
            ("faq", questions(self.faqs)),
        ]
        return dump_document(front, sections)


@dataclass
class TermRecord:
    key: str
    category: str
    author: str
    related_terms: list[str] = field(default_factory=list)
    related_careers: list[str] = field(default_factory=list)
    texts: dict[str, TermText] = field(default_factory=dict)


# ---------------------------------------------------------------- files → records


def parse_term_text(path: Path, language: str) -> TermText:
    front, sections = read_document(path, SECTIONS, FRONT)
    return TermText(
        language=language,
        slug=front.key("slug"),
        name=front.text("name"),
        title=front.text("title"),
        lede=front.text("lede"),
        **front.workflow(),
        aliases=front.strings("aliases"),
        cta_title=front.text("cta_title", required=False),
        cta_text=front.text("cta_text", required=False),
        cta_url=front.text("cta_url", required=False),
        definition=required_section(path, sections, "definition"),
        analogy=sections.get("analogy", ""),
        market=sections.get("market", ""),
        takeaways=parse_bullets(path, "takeaways", sections.get("takeaways", "")),
        faqs=faqs(path, sections),
    )


def parse_term(folder: Path, languages) -> TermRecord:
    head = entry_head(folder, {"key", "category", "author", "related_terms", "related_careers"})
    return TermRecord(
        key=head.key("key"),
        category=head.key("category"),
        author=head.key("author"),
        # Relations and tags are sets in the database: sorted here, as export writes them.
        related_terms=sorted(head.keys("related_terms")),
        related_careers=sorted(head.keys("related_careers")),
        texts=language_texts(folder, languages, parse_term_text),
    )


def parse_categories(path: Path) -> list[CategoryRecord]:
    return [
        CategoryRecord(**{name: fields.text(name) for name in CATEGORY_FIELDS}, key=fields.key("key"))
        for fields in table_rows(path, "category", {"key", *CATEGORY_FIELDS})
    ]


# ---------------------------------------------------------------- records → files


def write_categories(categories: list[CategoryRecord], path: Path):
    path.write_text("\n".join(dump_toml({"category": [vars(c)]}).lstrip("\n") for c in categories), encoding="utf-8")


def write_term(term: TermRecord, directory: Path):
    head = {k: getattr(term, k) for k in ("key", "category", "author", "related_terms", "related_careers")}
    write_entry(directory / FOLDER / term.key, head, term.texts)


# ---------------------------------------------------------------- rows → records


def categories_from_database() -> list[CategoryRecord]:
    return [
        CategoryRecord(c.key, *(getattr(c, name) for name in CATEGORY_FIELDS)) for c in Category.objects.order_by("pk")
    ]


def terms_from_database() -> list[TermRecord]:
    terms = Term.objects.select_related("category", "author").prefetch_related(
        "related_terms", "related_careers", "versions__tags", "versions__takeaways", "versions__faqs"
    )
    return [
        TermRecord(
            key=t.key,
            category=t.category.key,
            author=t.author.key,
            related_terms=sorted(r.key for r in t.related_terms.all()),
            related_careers=sorted(c.key for c in t.related_careers.all()),
            texts={
                v.language: TermText.from_row(v) for v in sorted(t.versions.all(), key=lambda v: v.language != "fr")
            },
        )
        for t in terms
    ]


# ---------------------------------------------------------------- records → rows


def check_references(terms: list[TermRecord], directory: Path, *, authors, categories, term_keys, career_keys):
    for term in terms:
        path = entry_path(directory, FOLDER, term.key)
        check_keys(path, "category", [term.category], categories, "category")
        check_keys(path, "author", [term.author], authors, "author")
        check_keys(path, "related_terms", term.related_terms, term_keys, "term")
        check_keys(path, "related_careers", term.related_careers, career_keys, "career")
        if term.key in term.related_terms:
            raise ContentError(path, "related_terms", "a term cannot be related to itself")


def load_categories(categories: list[CategoryRecord], report) -> dict:
    loaded = {
        c.key: upsert(Category, c.key, {k: v for k, v in vars(c).items() if k != "key"}, report, f"category {c.key}")
        for c in categories
    }
    return loaded | {c.key: c for c in Category.objects.exclude(key__in=loaded)}


def load_terms(terms: list[TermRecord], report, *, authors, categories) -> dict:
    entries = {}
    for term in terms:
        values = {"category": categories[term.category], "author": authors[term.author]}
        entries[term.key] = upsert(Term, term.key, values, report, f"term {term.key}")
    return entries


def load_relations(terms: list[TermRecord], report, *, entries, all_terms, all_careers):
    for term in terms:
        entry = entries[term.key]
        related = [all_terms[k] for k in term.related_terms]
        set_if_changed(entry.related_terms, related, report, f"term {term.key} related_terms")
        roles = [all_careers[k] for k in term.related_careers]
        set_if_changed(entry.related_careers, roles, report, f"term {term.key} related_careers")


def load_term_texts(terms: list[TermRecord], directory: Path, report, *, entries):
    for term in terms:
        entry = entries[term.key]
        existing = {v.language: v for v in entry.versions.prefetch_related("tags", "takeaways", "faqs")}
        for language, text in term.texts.items():
            path = entry_path(directory, FOLDER, term.key, f"{language}.md")
            version = existing.get(language) or TermVersion(term=entry, language=language)
            fields = text.copied_from(text) | {"aliases": "\n".join(text.aliases)}
            children = replace_children(
                path,
                {
                    "takeaways": [Takeaway(position=i, text=t) for i, t in enumerate(text.takeaways)],
                    "faqs": [
                        TermFAQ(position=i, question=f.question, answer=f.answer) for i, f in enumerate(text.faqs)
                    ],
                },
            )
            label = f"term {term.key} [{language}]"
            apply_text(version, text, fields, children=children, report=report, label=label, path=path)
