"""An entry as open data: one record per published language version, the same in the API's
detail routes and in the bulk downloads (website.opendata.files).

Records are plain JSON values. `absolute` turns a site path into an address: the request's
own host in the API, `settings.SITE_URL` in the downloads, which are built off-request.
"""

import dataclasses
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone

from careers.models import CareerVersion
from careers.paydata import OccupationRecord
from encyclopedia.models import TermVersion

Absolute = Callable[[str], str]

SOURCE_FIELDS = ("key", "kind", "title", "author", "date", "url", "accessed", "locator")
DESIGNATION_FIELDS = ("term", "status", "authority", "date", "region", "url")
BAND_FIELDS = (
    "region", "area", "currency", "statistic", "period", "low", "p25", "median", "p75", "high", "flags",
    "pay_concept", "occupation", "source_name", "source_url", "dataset", "reference_year",
    "reference_period", "licence", "verified_on",
)  # fmt: skip
CODE_FIELDS = tuple(f.name for f in dataclasses.fields(OccupationRecord))


def site_absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def fields(row, names: Iterable[str]) -> dict:
    return {name: getattr(row, name) for name in names}


def summary(version, absolute: Absolute) -> dict:
    return {
        "key": version.entry.key,
        "language": version.language,
        "label": version.label,
        "description": version.description,
        "url": absolute(version.get_absolute_url()),
        "updated": timezone.localtime(version.updated_at),
    }


def faqs_of(version) -> list[dict]:
    return [{"question": f.question, "answer_html": f.answer_html} for f in version.faqs.all()]


def sources_of(version) -> list[dict]:
    return [fields(s, SOURCE_FIELDS) for s in version.sources.all()]


# ---------------------------------------------------------------- terms

TERM_PREFETCH = ("takeaways", "faqs", "tags", "sources", "designations", "term__related_terms", "term__related_careers")


def live(model, language: str, *, related: str, prefetch: tuple[str, ...], order: str):
    """Every published version of a kind in `language`, with all its record needs."""
    versions = model.objects.live(language).select_related(related).prefetch_related(*prefetch)
    return versions.order_by(order, "pk")


def live_terms(language: str):
    return live(TermVersion, language, related="term__category", prefetch=TERM_PREFETCH, order="sort_name")


def term_record(version, absolute: Absolute) -> dict:
    entry = version.term
    return summary(version, absolute) | {
        "category": entry.category.key,
        "title": version.title,
        "definition_html": version.definition_html,
        "analogy_html": version.analogy_html,
        "takeaways": [t.text for t in version.takeaways.all()],
        "faqs": faqs_of(version),
        "designations": [fields(d, DESIGNATION_FIELDS) for d in version.designations.all()],
        "sources": sources_of(version),
        "tags": sorted(t.slug for t in version.tags.all()),
        "related_terms": sorted(t.key for t in entry.related_terms.all()),
        "related_careers": sorted(c.key for c in entry.related_careers.all()),
    }


# ---------------------------------------------------------------- careers

CAREER_PREFETCH = (
    "portfolio_ideas", "faqs", "sources", "phases__terms",
    "career__salary_bands", "career__occupations", "career__related_careers",
)  # fmt: skip


def live_careers(language: str):
    return live(CareerVersion, language, related="career", prefetch=CAREER_PREFETCH, order="title")


def band_record(band) -> dict:
    return fields(band, BAND_FIELDS) | {"to_be_verified": band.needs_verification}


def career_record(version, absolute: Absolute) -> dict:
    entry = version.career
    return summary(version, absolute) | {
        "overview_html": version.overview_html,
        "phases": [
            {
                "title": p.title,
                "weeks": [p.week_start, p.week_end],
                "description_html": p.description_html,
                "terms": sorted(t.key for t in p.terms.all()),
            }
            for p in version.phases.all()
        ],  # fmt: skip
        "portfolio": [i.text for i in version.portfolio_ideas.all()],
        "faqs": faqs_of(version),
        "sources": sources_of(version),
        "salary_bands": [band_record(b) for b in entry.salary_bands.all()],
        "occupations": [fields(c, CODE_FIELDS) for c in entry.occupations.all()],
        "related_careers": sorted(c.key for c in entry.related_careers.all()),
    }


# ---------------------------------------------------------------- the graph


def graph(language: str, absolute: Absolute) -> dict:
    """Terms and career guides published in `language` as nodes; as edges, what links them:
    a guide's roadmap needs a term (`needs`, with the phase), a term names a role
    (`related_role`), a term relates to a term, a guide to a guide (`related`). Only edges
    whose two ends are published in that language."""
    terms = list(live_terms(language))
    careers = list(live_careers(language))
    term_keys = {v.term.key for v in terms}
    career_keys = {v.career.key for v in careers}
    nodes = [{"id": f"term:{v.term.key}", "kind": "term"} | summary(v, absolute) for v in terms]
    nodes += [{"id": f"career:{v.career.key}", "kind": "career"} | summary(v, absolute) for v in careers]
    edges = set()
    for v in terms:
        source = f"term:{v.term.key}"
        edges |= {(source, f"term:{k.key}", "related", "") for k in v.term.related_terms.all() if k.key in term_keys}
        edges |= {
            (source, f"career:{c.key}", "related_role", "")
            for c in v.term.related_careers.all()
            if c.key in career_keys
        }
    for v in careers:
        source = f"career:{v.career.key}"
        edges |= {
            (source, f"career:{c.key}", "related", "") for c in v.career.related_careers.all() if c.key in career_keys
        }
        for phase in v.phases.all():
            edges |= {(source, f"term:{t.key}", "needs", phase.title) for t in phase.terms.all() if t.key in term_keys}
    return {
        "nodes": nodes,
        "edges": [{"source": s, "target": t, "relation": r, "phase": p} for s, t, r, p in sorted(edges)],
    }
