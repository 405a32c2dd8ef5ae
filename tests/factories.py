"""Small factory functions (STYLE.md): each makes one valid row with sensible defaults."""

import datetime
import importlib
import itertools

from django.contrib.auth.models import Group, Permission, User

from careers.models import Career, CareerFAQ, CareerSource, CareerVersion, PortfolioIdea, RoadmapPhase, SalaryBand
from encyclopedia.models import Category, Takeaway, Term, TermDesignation, TermFAQ, TermSource, TermVersion
from publishing.models import Author, Status
from publishing.services import save_version

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_sequence)}"


def make_author(**fields) -> Author:
    key = fields.pop("key", unique("author"))
    defaults = {"name": "Ada Lovelace", "bio_fr": "Pionnière de la programmation.", "bio_en": "Programming pioneer."}
    return Author.objects.create(key=key, **(defaults | fields))


def make_category(**fields) -> Category:
    key = fields.pop("key", unique("category"))
    defaults = {"name_fr": "Données", "slug_fr": f"donnees-{key}", "name_en": "Data", "slug_en": f"data-{key}"}
    return Category.objects.create(key=key, **(defaults | fields))


def make_term(*, key=None, languages=("fr", "en"), status=Status.PUBLISHED, related=0, category=None,
              author=None, takeaways=2, faqs=2, **version_fields) -> Term:  # fmt: skip
    key = key or unique("term")
    term = Term.objects.create(key=key, category=category or make_category(), author=author or make_author())
    for language in languages:
        make_term_version(term, language, status=status, takeaways=takeaways, faqs=faqs, **version_fields)
    for _index in range(related):
        term.related_terms.add(make_term(category=term.category, author=term.author, takeaways=0, faqs=0))
    return term


# A version's default texts: `{words}` is "Terme"/"Term" (or the career's), `{key}` the
# entry's key, `{language}` the version's; the slug is always `<key>-<language>`.
TERM_TEXTS = {
    "name": "{words} {key}",
    "title": "{words} {key} ?",
    "lede": "{words} lede for {key}.",
    "definition": "{words} **definition** of {key}.",
    "analogy": "{words} analogy.",
    "cta_title": "{words} guide",
    "cta_text": "Go further.",
    "cta_url": "/{language}/",
}
CAREER_TEXTS = {"title": "{words} {key}", "summary": "{words} summary.", "overview": "{words} *overview*."}


def default_texts(texts: dict, entry, language: str, words: str) -> dict:
    filled = {name: text.format(words=words, key=entry.key, language=language) for name, text in texts.items()}
    return {"slug": f"{entry.key}-{language}"} | filled


def make_term_version(
    term, language, *, status=Status.PUBLISHED, takeaways=2, faqs=2, sources=(), designations=(), aliases="", **fields
) -> TermVersion:
    """`aliases`: other names, one a line (admitted designations); `designations`: one dict of
    fields each (a `term` at least)."""
    words = {"fr": "Terme", "en": "Term"}[language]
    defaults = default_texts(TERM_TEXTS, term, language, words) | {
        "updated_at": datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    }
    version = TermVersion(term=term, language=language, status=status, **(defaults | fields))

    def write_children(version):
        numbered(Takeaway, version, takeaways, text=lambda n: f"{words} takeaway {n}")
        numbered(TermFAQ, version, faqs, question=lambda n: f"{words} question {n}?", answer=lambda n: f"Answer {n}.")
        add_sources(TermSource, version, sources)
        names = [{"term": name.strip()} for name in aliases.splitlines() if name.strip()]
        add_designations(version, [*names, *designations])

    return save_version(version=version, inlines=[write_children])


def add_designations(version, designations):
    for position, fields in enumerate(designations):
        TermDesignation.objects.create(version=version, position=position, **fields)


# A source's default fields; a test gives at least its key.
SOURCE_FIELDS = {
    "kind": "law",
    "title": "Regulation (EU) 2024/1689",
    "author": "European Parliament and Council",
    "date": datetime.date(2024, 6, 13),
    "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
    "accessed": datetime.date(2026, 12, 1),
    "locator": "Art. 3",
}


def add_sources(model, version, sources):
    """`sources`: one dict of fields per source (a key at least), in order."""
    for position, fields in enumerate(sources):
        model.objects.create(version=version, position=position, **(SOURCE_FIELDS | fields))


def numbered(model, version, count: int, **fields):
    """`count` children of `version` at positions 0, 1…; a field given as a function gets the
    child's number, 1, 2…"""
    for number in range(1, count + 1):
        values = {name: value(number) if callable(value) else value for name, value in fields.items()}
        model.objects.create(version=version, position=number - 1, **values)


def make_career(*, key=None, languages=("fr", "en"), status=Status.PUBLISHED, author=None, phases=2,
                bands=(), related=0, weekly_hours=10, **version_fields) -> Career:  # fmt: skip
    key = key or unique("career")
    career = Career.objects.create(key=key, author=author or make_author(), weekly_hours=weekly_hours)
    for language in languages:
        make_career_version(career, language, status=status, phases=phases, **version_fields)
    for position, band in enumerate(bands):
        make_band(career, position=position, **band)
    for _index in range(related):
        career.related_careers.add(make_career(author=career.author, phases=0))
    return career


def make_career_version(career, language, *, status=Status.PUBLISHED, phases=2, faqs=2, ideas=2, sources=(), **fields):
    words = {"fr": "Métier", "en": "Role"}[language]
    defaults = default_texts(CAREER_TEXTS, career, language, words)
    version = CareerVersion(career=career, language=language, status=status, **(defaults | fields))

    def write_children(version):
        numbered(
            RoadmapPhase,
            version,
            phases,
            title=lambda n: f"{words} phase {n}",
            week_start=lambda n: n * 5 - 4,
            week_end=lambda n: n * 5,
            description="Learn things.",
        )
        numbered(PortfolioIdea, version, ideas, text=lambda n: f"{words} idea {n}")
        numbered(CareerFAQ, version, faqs, question=lambda n: f"{words} Q{n}?", answer="A.")
        add_sources(CareerSource, version, sources)

    return save_version(version=version, inlines=[write_children])


def make_band(career, **fields) -> SalaryBand:
    defaults = {
        "region": "US", "currency": "USD", "low": 115000, "high": 165000, "source_name": "Test source",
        "source_url": "https://example.org/salaries", "reference_year": 2026,
    }  # fmt: skip
    return SalaryBand.objects.create(career=career, **(defaults | fields))


def make_user(*, staff=False, superuser=False, editor=False, username=None) -> User:
    user = User.objects.create_user(
        username=username or unique("user"),
        password="correct horse battery staple",
        is_staff=staff or editor or superuser,
        is_superuser=superuser,
    )
    if editor:
        user.groups.add(editors_group())
    return user


def editors_group() -> Group:
    """The Editors group as its data migrations make it (website 0001 and 0005). A
    transactional test flushes the database, the group with it (the permissions come back
    through post_migrate; the group does not): made again here when it is gone."""
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        return group
    first = importlib.import_module("website.migrations.0001_editors_group")
    later = importlib.import_module("website.migrations.0005_editors_edit_sources_and_designations")
    models = {app: [*first.CONTENT_MODELS.get(app, []), *later.NEW_MODELS.get(app, [])]
              for app in {*first.CONTENT_MODELS, *later.NEW_MODELS}}  # fmt: skip
    codenames = [f"{action}_{model}" for names in models.values() for model in names for action in first.ACTIONS]
    group = Group.objects.create(name=first.GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=models, codename__in=codenames))
    return group
