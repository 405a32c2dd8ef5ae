"""Between the corpus dataclasses and the database rows, both ways.

`load_corpus` upserts by key inside one transaction: it validates everything first
(cross-references, slugs, model validation), writes only what differs, and names the file
and field of the first problem. `corpus_from_database` is its inverse, used by
`export_content` and by the loader to skip unchanged versions.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careers import models as career_models
from encyclopedia import models as term_models
from publishing import models as publishing_models
from publishing import workflow

from . import records
from .errors import ContentError


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self):
        return f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged"


def as_date(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(value, datetime.UTC).date() if value else None


def as_datetime(value: datetime.date | None) -> datetime.datetime | None:
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC) if value else None


# ---------------------------------------------------------------- rows → records


def term_text_from_row(version) -> records.TermText:
    return records.TermText(
        language=version.language, slug=version.slug, name=version.name, title=version.title,
        lede=version.lede, status=version.status, published=as_date(version.published_at),
        updated=as_date(version.updated_at), tags=records.sort_tags([t.name for t in version.tags.all()]),
        aliases=version.alias_list, cta_title=version.cta_title, cta_text=version.cta_text,
        cta_url=version.cta_url, definition=version.definition, analogy=version.analogy,
        market=version.market, takeaways=[t.text for t in version.takeaways.all()],
        faqs=[records.Question(f.question, f.answer) for f in version.faqs.all()],
    )  # fmt: skip


def career_text_from_row(version) -> records.CareerText:
    return records.CareerText(
        language=version.language, slug=version.slug, title=version.title, summary=version.summary,
        status=version.status, published=as_date(version.published_at), updated=as_date(version.updated_at),
        tags=records.sort_tags([t.name for t in version.tags.all()]),
        phases=[
            records.Phase(p.title, (p.week_start, p.week_end), sorted(t.key for t in p.terms.all()), p.description)
            for p in version.phases.all()
        ],
        overview=version.overview, portfolio=[i.text for i in version.portfolio_ideas.all()],
        faqs=[records.Question(f.question, f.answer) for f in version.faqs.all()],
    )  # fmt: skip


def band_from_row(band) -> records.SalaryBand:
    return records.SalaryBand(
        band.region, band.currency, band.low, band.high, band.source_name, band.source_url,
        band.reference_year, band.verified_on,
    )  # fmt: skip


def corpus_from_database() -> records.Corpus:
    terms = term_models.Term.objects.select_related("category", "author").prefetch_related(
        "related_terms", "related_careers", "versions__tags", "versions__takeaways", "versions__faqs"
    )
    careers = career_models.Career.objects.select_related("author").prefetch_related(
        "related_careers", "salary_bands", "versions__tags", "versions__phases__terms",
        "versions__portfolio_ideas", "versions__faqs",
    )  # fmt: skip
    return records.Corpus(
        authors=[
            records.Author(a.key, a.name, a.photo, a.bio_fr, a.bio_en)
            for a in publishing_models.Author.objects.order_by("pk")
        ],
        categories=[
            records.Category(c.key, c.name_fr, c.slug_fr, c.name_en, c.slug_en)
            for c in term_models.Category.objects.order_by("pk")
        ],
        terms=[
            records.Term(
                key=t.key,
                category=t.category.key,
                author=t.author.key,
                related_terms=sorted(r.key for r in t.related_terms.all()),
                related_careers=sorted(c.key for c in t.related_careers.all()),
                texts={
                    v.language: term_text_from_row(v)
                    for v in sorted(t.versions.all(), key=lambda v: v.language != "fr")
                },
            )  # fmt: skip
            for t in terms
        ],
        careers=[
            records.Career(
                key=c.key,
                author=c.author.key,
                related_careers=sorted(r.key for r in c.related_careers.all()),
                salary_bands=[band_from_row(b) for b in c.salary_bands.all()],
                texts={
                    v.language: career_text_from_row(v)
                    for v in sorted(c.versions.all(), key=lambda v: v.language != "fr")
                },
            )  # fmt: skip
            for c in careers
        ],
    )


# ---------------------------------------------------------------- validation


def entry_path(directory: Path, kind: str, key: str, name: str = "entry.toml") -> Path:
    return directory / kind / key / name


def check_references(corpus: records.Corpus, directory: Path):
    """Every key a file names must exist, in the corpus or already in the database."""
    authors = {a.key for a in corpus.authors} | set(publishing_models.Author.objects.values_list("key", flat=True))
    categories = {c.key for c in corpus.categories} | set(term_models.Category.objects.values_list("key", flat=True))
    term_keys = {t.key for t in corpus.terms} | set(term_models.Term.objects.values_list("key", flat=True))
    career_keys = {c.key for c in corpus.careers} | set(career_models.Career.objects.values_list("key", flat=True))

    def check(path, field_name, values, known, what):
        for value in values:
            if value not in known:
                raise ContentError(path, field_name, f"unknown {what} key {value!r}")

    for term in corpus.terms:
        path = entry_path(directory, "terms", term.key)
        check(path, "category", [term.category], categories, "category")
        check(path, "author", [term.author], authors, "author")
        check(path, "related_terms", term.related_terms, term_keys, "term")
        check(path, "related_careers", term.related_careers, career_keys, "career")
        if term.key in term.related_terms:
            raise ContentError(path, "related_terms", "a term cannot be related to itself")
    for career in corpus.careers:
        path = entry_path(directory, "careers", career.key)
        check(path, "author", [career.author], authors, "author")
        check(path, "related_careers", career.related_careers, career_keys, "career")
        regions = [band.region for band in career.salary_bands]
        duplicates = {region for region in regions if regions.count(region) > 1}
        if duplicates:
            raise ContentError(path, "salary_bands", f"two bands for region {sorted(duplicates)[0]}")
        for language, text in career.texts.items():
            for index, phase in enumerate(text.phases):
                md = entry_path(directory, "careers", career.key, f"{language}.md")
                check(md, f"phases[{index}].terms", phase.terms, term_keys, "term")


def check_slugs(corpus: records.Corpus, directory: Path):
    """(language, slug) is unique per kind: within the files and against other entries' rows."""
    for kind, entries, model, entry_field in (
        ("terms", corpus.terms, term_models.TermVersion, "term__key"),
        ("careers", corpus.careers, career_models.CareerVersion, "career__key"),
    ):
        seen: dict[tuple[str, str], Path] = {}
        for entry in entries:
            for language, text in entry.texts.items():
                path = entry_path(directory, kind, entry.key, f"{language}.md")
                other = seen.setdefault((language, text.slug), path)
                if other != path:
                    raise ContentError(path, "slug", f"{text.slug!r} is already used by {other}")
        file_keys = {entry.key for entry in entries}
        taken = model.objects.exclude(**{f"{entry_field}__in": file_keys}).values_list("language", "slug", entry_field)
        for language, slug, key in taken:
            if (language, slug) in seen:
                raise ContentError(
                    seen[(language, slug)], "slug", f"{slug!r} is already used by the entry {key!r} in the database"
                )


def validate_instance(instance, path: Path, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise ContentError(path, name, " ".join(messages)) from None


# ---------------------------------------------------------------- records → rows


def upsert(model, key: str, values: dict, report: LoadReport, label: str):
    instance = model.objects.filter(key=key).first()
    if instance is None:
        instance = model(key=key, **values)
        instance.save()
        report.created.append(label)
        return instance
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(instance, name, value)
        instance.save()
        report.updated.append(label)
    return instance


def set_if_changed(manager, instances, report: LoadReport, label: str) -> bool:
    current = set(manager.values_list("pk", flat=True))
    wanted = {instance.pk for instance in instances}
    if current != wanted:
        manager.set(instances)
        report.updated.append(label)
        return True
    return False


def save_version(version, text, path: Path, children):
    """Assign a version's fields, validate them, save, then replace its children."""
    validate_instance(version, path, exclude=["term", "career"])
    version.save()
    version.tags.set(text.tags, clear=True)
    children(version)
    version.children_saved()


def term_children(text: records.TermText, path: Path):
    def write(version):
        version.takeaways.all().delete()
        version.faqs.all().delete()
        for position, takeaway in enumerate(text.takeaways):
            row = term_models.Takeaway(version=version, position=position, text=takeaway)
            validate_instance(row, path, exclude=["version"])
            row.save()
        for position, faq in enumerate(text.faqs):
            row = term_models.TermFAQ(version=version, position=position, question=faq.question, answer=faq.answer)
            validate_instance(row, path, exclude=["version"])
            row.save()

    return write


def career_children(text: records.CareerText, path: Path, terms_by_key):
    def write(version):
        version.phases.all().delete()
        version.portfolio_ideas.all().delete()
        version.faqs.all().delete()
        for position, phase in enumerate(text.phases):
            row = career_models.RoadmapPhase(
                version=version, position=position, title=phase.title, week_start=phase.weeks[0],
                week_end=phase.weeks[1], description=phase.description,
            )  # fmt: skip
            validate_instance(row, path, exclude=["version"])
            row.save()
            row.terms.set([terms_by_key[key] for key in phase.terms])
        for position, idea in enumerate(text.portfolio):
            row = career_models.PortfolioIdea(version=version, position=position, text=idea)
            validate_instance(row, path, exclude=["version"])
            row.save()
        for position, faq in enumerate(text.faqs):
            row = career_models.CareerFAQ(version=version, position=position, question=faq.question, answer=faq.answer)
            validate_instance(row, path, exclude=["version"])
            row.save()

    return write


def apply_text(version, text, fields: dict, report: LoadReport, label: str, current, children, path: Path):
    """Write one language version if it differs from the file."""
    if current is not None and current == text:
        report.unchanged += 1
        return
    for name, value in fields.items():
        setattr(version, name, value)
    version.status = text.status
    version.published_at = as_datetime(text.published)
    version.updated_at = as_datetime(text.updated) or timezone.now()
    save_version(version, text, path, children)
    (report.created if current is None else report.updated).append(label)
    if current is not None and words_changed(current, text):
        workflow.mark_revised(version)


def words_changed(current, text) -> bool:
    """Anything but the workflow fields differs: translations made from it become outdated."""
    return dataclasses.replace(current, status=text.status, published=text.published, updated=text.updated) != text


def load_terms(corpus, directory, report, authors, categories):
    entries = {}
    for term in corpus.terms:
        values = {"category": categories[term.category], "author": authors[term.author]}
        entries[term.key] = upsert(term_models.Term, term.key, values, report, f"term {term.key}")
    return entries


def load_term_texts(corpus, directory, report, terms):
    for term in corpus.terms:
        entry = terms[term.key]
        existing = {v.language: v for v in entry.versions.prefetch_related("tags", "takeaways", "faqs")}
        for language, text in term.texts.items():
            path = entry_path(directory, "terms", term.key, f"{language}.md")
            version = existing.get(language) or term_models.TermVersion(term=entry, language=language)
            current = term_text_from_row(version) if version.pk else None
            fields = {
                "slug": text.slug, "name": text.name, "title": text.title, "lede": text.lede,
                "aliases": "\n".join(text.aliases), "cta_title": text.cta_title, "cta_text": text.cta_text,
                "cta_url": text.cta_url, "definition": text.definition, "analogy": text.analogy, "market": text.market,
            }  # fmt: skip
            apply_text(
                version, text, fields, report, f"term {term.key} [{language}]", current, term_children(text, path), path
            )


def load_careers(corpus, directory, report, authors, terms):
    entries = {}
    all_terms = {t.key: t for t in term_models.Term.objects.all()} | terms
    for career in corpus.careers:
        path = entry_path(directory, "careers", career.key)
        entry = upsert(
            career_models.Career, career.key, {"author": authors[career.author]}, report, f"career {career.key}"
        )
        entries[career.key] = entry
        current = [band_from_row(b) for b in entry.salary_bands.all()]
        if current != career.salary_bands:
            # Bands are replaced as a whole, but who verified a band is kept when it is unchanged.
            verifiers = {(b.region, b.verified_on): b.verified_by_id for b in entry.salary_bands.all()}
            entry.salary_bands.all().delete()
            for position, band in enumerate(career.salary_bands):
                row = career_models.SalaryBand(
                    career=entry,
                    position=position,
                    verified_by_id=verifiers.get((band.region, band.verified_on)),
                    **vars(band),
                )
                validate_instance(row, path, exclude=["career", "verified_by"])
                row.save()
            report.updated.append(f"career {career.key} salary bands")
    return entries, all_terms


def load_career_texts(corpus, directory, report, careers, all_terms):
    for career in corpus.careers:
        entry = careers[career.key]
        existing = {
            v.language: v for v in entry.versions.prefetch_related("tags", "phases__terms", "portfolio_ideas", "faqs")
        }
        for language, text in career.texts.items():
            path = entry_path(directory, "careers", career.key, f"{language}.md")
            version = existing.get(language) or career_models.CareerVersion(career=entry, language=language)
            current = career_text_from_row(version) if version.pk else None
            fields = {"slug": text.slug, "title": text.title, "summary": text.summary, "overview": text.overview}
            children = career_children(text, path, all_terms)
            apply_text(version, text, fields, report, f"career {career.key} [{language}]", current, children, path)


def load_corpus(corpus: records.Corpus, directory: Path) -> LoadReport:
    """Upsert the whole corpus in one transaction; any ContentError rolls everything back."""
    directory = Path(directory)
    report = LoadReport()
    check_references(corpus, directory)
    check_slugs(corpus, directory)
    with transaction.atomic():
        authors = {
            a.key: upsert(
                publishing_models.Author,
                a.key,
                {k: v for k, v in vars(a).items() if k != "key"},
                report,
                f"author {a.key}",
            )
            for a in corpus.authors
        }
        authors |= {a.key: a for a in publishing_models.Author.objects.exclude(key__in=authors)}
        categories = {
            c.key: upsert(
                term_models.Category,
                c.key,
                {k: v for k, v in vars(c).items() if k != "key"},
                report,
                f"category {c.key}",
            )
            for c in corpus.categories
        }
        categories |= {c.key: c for c in term_models.Category.objects.exclude(key__in=categories)}
        terms = load_terms(corpus, directory, report, authors, categories)
        careers, all_terms = load_careers(corpus, directory, report, authors, terms)
        all_careers = {c.key: c for c in career_models.Career.objects.all()}
        for term in corpus.terms:
            entry = terms[term.key]
            set_if_changed(
                entry.related_terms,
                [all_terms[k] for k in term.related_terms],
                report,
                f"term {term.key} related_terms",
            )
            set_if_changed(
                entry.related_careers,
                [all_careers[k] for k in term.related_careers],
                report,
                f"term {term.key} related_careers",
            )
        for career in corpus.careers:
            entry = careers[career.key]
            set_if_changed(
                entry.related_careers,
                [all_careers[k] for k in career.related_careers],
                report,
                f"career {career.key} related_careers",
            )
        load_term_texts(corpus, directory, report, terms)
        load_career_texts(corpus, directory, report, careers, all_terms)
    return report
