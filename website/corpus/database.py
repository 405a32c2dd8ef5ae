"""Between the corpus and the database rows, both ways.

`load_corpus` upserts by key inside one transaction: it validates everything first
(cross-references, slugs, model validation), writes only what differs, through the write
path, and names the file and field of the first problem. `corpus_from_database` is its
inverse, used by `export_content`. Each kind's half lives in its app's `content` module.
"""

from pathlib import Path

from django.db import transaction

from careers import content as career_content
from careers.models import Career
from encyclopedia import content as term_content
from encyclopedia.models import Category, Term
from publishing import kinds, services
from publishing.content.errors import ContentError
from publishing.content.loading import LoadReport, addresses, entry_path, load_relations, upsert_all
from publishing.models import Author

from . import records


def corpus_from_database() -> records.Corpus:
    return records.Corpus(
        authors=[records.Author(a.key, a.name, a.photo, a.bio_fr, a.bio_en) for a in Author.objects.order_by("pk")],
        categories=term_content.categories_from_database(),
        terms=term_content.terms_from_database(),
        careers=career_content.careers_from_database(),
    )


def check_references(corpus: records.Corpus, directory: Path):
    """Every key a file names must exist, in the corpus or already in the database."""
    authors = {a.key for a in corpus.authors} | set(Author.objects.values_list("key", flat=True))
    categories = {c.key for c in corpus.categories} | set(Category.objects.values_list("key", flat=True))
    term_keys = {t.key for t in corpus.terms} | set(Term.objects.values_list("key", flat=True))
    career_keys = {c.key for c in corpus.careers} | set(Career.objects.values_list("key", flat=True))
    known = {"author": authors, "category": categories, "term": term_keys, "career": career_keys}
    for entry in [*corpus.terms, *corpus.careers]:
        entry.check_references(entry_path(directory, entry.folder, entry.key), known)


def check_slugs(corpus: records.Corpus, directory: Path):
    """(language, slug) is unique per kind: within the files and against other entries' rows."""
    for folder, entries, kind in (
        (term_content.FOLDER, corpus.terms, kinds.of(Term)),
        (career_content.FOLDER, corpus.careers, kinds.of(Career)),
    ):
        seen: dict[tuple[str, str], Path] = {}
        for entry in entries:
            for language, text in entry.texts.items():
                path = entry_path(directory, folder, entry.key, f"{language}.md")
                other = seen.setdefault((language, text.slug), path)
                if other != path:
                    raise ContentError(path, "slug", f"{text.slug!r} is already used by {other}")
        entry_key = f"{kind.entry_field}__key"
        file_keys = {entry.key for entry in entries}
        taken = kind.version.objects.exclude(**{f"{entry_key}__in": file_keys}).values_list(
            "language", "slug", entry_key
        )
        for language, slug, key in taken:
            if (language, slug) in seen:
                raise ContentError(
                    seen[(language, slug)], "slug", f"{slug!r} is already used by the entry {key!r} in the database"
                )


def load_authors(authors: list[records.Author], report: LoadReport) -> dict:
    return upsert_all(Author, authors, report, "author")


def load_corpus(corpus: records.Corpus, directory: Path) -> LoadReport:
    """Upsert the whole corpus in one transaction; any ContentError rolls everything back."""
    directory = Path(directory)
    report = LoadReport()
    check_references(corpus, directory)
    check_slugs(corpus, directory)
    with transaction.atomic():
        authors = load_authors(corpus.authors, report)
        categories = term_content.load_categories(corpus.categories, report)
        term_entries = term_content.load_terms(corpus.terms, report, authors=authors, categories=categories)
        career_entries = career_content.load_careers(corpus.careers, directory, report, authors=authors)
        all_terms = {t.key: t for t in Term.objects.all()} | term_entries
        all_careers = {c.key: c for c in Career.objects.all()}
        known = {"term": all_terms, "career": all_careers}
        load_relations(corpus.terms, report, entries=term_entries, known=known)
        load_relations(corpus.careers, report, entries=career_entries, known=known)
        # Every address is known before the first text is rendered; the versions the files
        # leave untouched that link to a new or moved address are rendered again at the end.
        with services.backlinks_deferred(addresses([*corpus.terms, *corpus.careers], known)):
            term_content.load_term_texts(corpus.terms, directory, report, entries=term_entries)
            career_content.load_career_texts(
                corpus.careers, directory, report, entries=career_entries, all_terms=all_terms
            )
        for kind in kinds.all_kinds():  # a category's review interval may have changed
            services.reschedule_reviews(kind.version.objects.for_review())
    return report
