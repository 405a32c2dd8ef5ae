"""The read-only JSON API, `/api/v1/` (issue 20, README "Open data"), built with django-ninja:
the schemas below are the OpenAPI document (`/api/v1/openapi.json`).

Published content only, in one language per request (`language=fr|en`). Answers carry the
content licence, an ETag (304 on `If-None-Match`), `Cache-Control: public`, and
`Access-Control-Allow-Origin: *`; errors are JSON with their status (400 on a bad parameter,
404, 429 past the per-client rate).
"""

import dataclasses
import datetime
import hashlib
import json
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.html import strip_tags
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.throttling import AnonRateThrottle
from pydantic import Field, create_model

from careers.models import CareerVersion
from careers.paydata import OccupationRecord
from encyclopedia.models import TermVersion
from publishing.choices import Language

from . import sharedcache
from .opendata import records
from .search import engine

PAGE_SIZE = 50
MAX_AGE = 300
LICENCE = settings.CONTENT_LICENCE


class ClientRate(AnonRateThrottle):
    """django-ninja's per-client rate (by address), failing open like the page cache: with the
    shared cache down, requests are let through rather than answered 500."""

    def allow_request(self, request) -> bool:
        try:
            return super().allow_request(request)
        except sharedcache.FAILURES:
            return True


api = NinjaAPI(
    title="gneurone API",
    version="1",
    description=f"Published terms and career guides of gneurone, in French and English. {LICENCE['name']}.",
    urls_namespace="api",
    docs_url=None,  # the reference page is ours (no script from another site under our CSP)
    throttle=[ClientRate(settings.API_RATE)],
)


class Filters(Schema):
    language: Language = Field(Language.FR, description=gettext_noop("fr or en"))
    page: int = Field(1, ge=1, description=gettext_noop("Page number, 50 entries a page"))
    updated_since: datetime.date | None = Field(
        None, description=gettext_noop("Only entries updated on or after this date")
    )


class TermFilters(Filters):
    category: str | None = Field(None, description=gettext_noop("A category key"))
    tag: str | None = Field(None, description=gettext_noop("A tag's slug"))


class Designation(Schema):
    term: str
    status: str
    authority: str
    date: datetime.date | None
    region: str
    url: str


class SourceOut(Schema):
    key: str
    kind: str
    title: str
    author: str
    date: datetime.date | None
    url: str
    accessed: datetime.date | None
    locator: str


class Question(Schema):
    question: str
    answer_html: str


class EntrySummary(Schema):
    key: str
    language: str
    label: str
    description: str
    url: str
    updated: datetime.datetime


class Page(Schema):
    count: int
    page: int
    pages: int
    results: list[EntrySummary]
    license: dict


class Term(EntrySummary):
    category: str
    title: str
    definition_html: str
    analogy_html: str
    takeaways: list[str]
    faqs: list[Question]
    designations: list[Designation]
    sources: list[SourceOut]
    tags: list[str]
    related_terms: list[str]
    related_careers: list[str]
    license: dict


class Band(Schema):
    region: str
    area: str
    currency: str
    statistic: str
    period: str
    low: int
    p25: int | None
    median: int | None
    p75: int | None
    high: int
    flags: dict
    pay_concept: str
    occupation: str
    source_name: str
    source_url: str
    dataset: str
    reference_year: int
    reference_period: str
    licence: str
    verified_on: datetime.date | None
    to_be_verified: bool


# An occupation code's public fields are the content files' (careers.paydata), declared once.
Code = create_model("Code", __base__=Schema, **{f.name: (f.type, ...) for f in dataclasses.fields(OccupationRecord)})


class Phase(Schema):
    title: str
    weeks: list[int]
    description_html: str
    terms: list[str]


class Career(EntrySummary):
    overview_html: str
    phases: list[Phase]
    portfolio: list[str]
    faqs: list[Question]
    sources: list[SourceOut]
    salary_bands: list[Band]
    occupations: list[Code]
    related_careers: list[str]
    license: dict


class SearchFilters(Schema):
    q: str = Field(..., min_length=1, max_length=200, description=gettext_noop("The words to find"))
    language: Language = Field(Language.FR, description=gettext_noop("fr or en"))
    kind: Literal["", "term", "career"] = Field("", description=gettext_noop("Only terms, or only career guides"))
    page: int = Field(1, ge=1)


class Hit(EntrySummary):
    kind: str
    snippet: str  # plain text around the words found


class SearchPage(Schema):
    count: int
    page: int
    pages: int
    suggestion: str
    results: list[Hit]
    license: dict


class Node(EntrySummary):
    id: str  # "term:<key>" or "career:<key>"
    kind: str


class Edge(Schema):
    source: str
    target: str
    relation: Literal["needs", "related", "related_role"]
    phase: str  # the roadmap phase that needs the term ("needs" only)


class Graph(Schema):
    nodes: list[Node]
    edges: list[Edge]
    license: dict


class GraphFilters(Schema):
    language: Language = Field(Language.FR, description=gettext_noop("fr or en"))


class Error(Schema):
    detail: str


# ---------------------------------------------------------------- answers


def conditional(request, data) -> HttpResponse:
    """JSON with an ETag of its body: 304 when the client has it; cacheable by anyone, readable
    from any site."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api.exception_handler(NinjaValidationError)
def bad_parameter(request, error):
    first = error.errors[0] if error.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    message = f"{where}: {first.get('msg', 'invalid')}"
    return api.create_response(request, {"detail": message}, status=400)


@api.exception_handler(Http404)
def not_found(request, error):
    return api.create_response(request, {"detail": str(error) or "Not found."}, status=404)


def page_of(request, versions, filters: Filters) -> dict:
    if filters.updated_since:
        start = datetime.datetime.combine(filters.updated_since, datetime.time.min, tzinfo=datetime.UTC)
        versions = versions.filter(updated_at__gte=start)
    count = versions.count()
    pages = max(1, -(-count // PAGE_SIZE))
    if filters.page > pages:
        raise Http404(f"There are {pages} page(s).")
    start = (filters.page - 1) * PAGE_SIZE
    rows = versions[start : start + PAGE_SIZE]
    results = [records.summary(v, request.build_absolute_uri) for v in rows]
    return {"count": count, "page": filters.page, "pages": pages, "results": results, "license": LICENCE}


def published(versions, key: str, missing: str):
    """The one version of the entry `key` among `versions` (live in one language), or a 404."""
    version = versions.filter(**{f"{versions.model.entry_field}__key": key}).first()
    if version is None:
        raise Http404(missing)
    return version


# ---------------------------------------------------------------- routes


@api.get("/terms/", response={200: Page, 400: Error, 404: Error}, summary=gettext_noop("Published terms, A to Z"))
def terms(request, filters: Query[TermFilters]):
    versions = TermVersion.objects.live(filters.language).select_related("term").order_by("sort_name", "pk")
    if filters.category:
        versions = versions.filter(term__category__key=filters.category)
    if filters.tag:
        versions = versions.filter(tags__slug=filters.tag)
    return conditional(request, page_of(request, versions, filters))


@api.get("/terms/{key}", response={200: Term, 400: Error, 404: Error}, summary=gettext_noop("One term in one language"))
def term(request, key: str, language: Language = Language.FR):
    version = published(records.live_terms(language), key, "No published term has this key in this language.")
    return conditional(request, records.term_record(version, request.build_absolute_uri) | {"license": LICENCE})


@api.get("/careers/", response={200: Page, 400: Error, 404: Error}, summary=gettext_noop("Published career guides"))
def careers(request, filters: Query[Filters]):
    versions = CareerVersion.objects.live(filters.language).select_related("career").order_by("title", "pk")
    return conditional(request, page_of(request, versions, filters))


@api.get("/careers/{key}", response={200: Career, 400: Error, 404: Error}, summary=gettext_noop("One career guide"))
def career(request, key: str, language: Language = Language.FR):
    versions = records.live_careers(language)
    version = published(versions, key, "No published career guide has this key in this language.")
    return conditional(request, records.career_record(version, request.build_absolute_uri) | {"license": LICENCE})


@api.get(
    "/search",
    response={200: SearchPage, 400: Error, 404: Error},
    summary=gettext_noop("Search terms and guides"),
    description=gettext_noop("The site’s own search: ranked, accents ignored, a suggestion when little is found"),
)
def search(request, filters: Query[SearchFilters]):
    try:
        found = engine.search(filters.q, language=filters.language, kind=filters.kind, page=filters.page)
    except engine.PageOutOfRange:
        raise Http404("There are fewer pages of results.") from None
    data = {
        "count": found.total,
        "page": found.page,
        "pages": found.pages,
        "suggestion": found.suggestion,
        "results": [
            records.summary(hit.version, request.build_absolute_uri)
            | {"kind": hit.kind, "snippet": strip_tags(hit.snippet)}
            for hit in found.results
        ],
        "license": LICENCE,
    }
    return conditional(request, data)


@api.get(
    "/graph",
    response={200: Graph, 400: Error},
    summary=gettext_noop("Terms and roles, and what links them"),
    description=gettext_noop("A guide’s roadmap needs a term, a term names a role, terms and guides relate to others"),
)
def graph(request, filters: Query[GraphFilters]):
    data = records.graph(filters.language, request.build_absolute_uri) | {"license": LICENCE}
    return conditional(request, data)
