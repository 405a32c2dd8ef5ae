"""Search execution: indexing on save, ranked matching, snippets and suggestions."""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from publishing.folding import fold

from . import documents, postgres, sqlite
from .query import ParsedQuery, parse
from .trigrams import best_match

PAGE_SIZE = 20
# A ranked search reads at most this many matches; pages beyond are not offered.
MAX_MATCHES = 1000
MARK_START, MARK_END = "\x02", "\x03"


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def index_version(version):
    backend().index(version)


def unindex_version(version):
    backend().unindex(version)


def version_saved(sender, *, version, **kwargs):
    """Receiver of the write path's signal (publishing.services.version_saved)."""
    index_version(version)


def version_deleted(sender, *, instance, **kwargs):
    unindex_version(instance)


def highlight(text: str) -> SafeString:
    """Entry text escaped; only our own <mark> elements are markup."""
    escaped = escape(text)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


@dataclass
class Result:
    kind: str  # "term" or "career"
    version: object
    snippet: SafeString

    @property
    def category(self):
        return getattr(getattr(self.version, "term", None), "category", None)


@dataclass
class SearchPage:
    query: ParsedQuery
    results: list[Result] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    suggestion: str = ""

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


class PageOutOfRange(Exception):
    pass


def load(window, query: ParsedQuery) -> list[Result]:
    """The page's rows, in rank order, with escaped snippets (two queries at most)."""
    registry = documents.models()
    ids = {kind: [pk for k, pk, _rank in window if k == kind] for kind in registry}
    loaded = {}
    for kind, model in registry.items():
        if not ids[kind]:
            continue
        queryset = model.objects.published().filter(pk__in=ids[kind]).defer("search_vector")
        queryset = queryset.select_related("term__category") if kind == "term" else queryset.select_related("career")
        loaded |= {(kind, version.pk): version for version in queryset}
    results = []
    for kind, pk, _rank in window:
        version = loaded.get((kind, pk))
        if version is None:
            continue
        fields = version.search_fields()
        text = " ".join(fields["B"].split()) + " " + documents.plain(fields["C"])
        results.append(Result(kind, version, highlight(documents.snippet(text, query.highlight_words))))
    return results


def search(text: str, *, language: str, kind: str = "", category=None, page: int = 1) -> SearchPage:
    query = parse(text)
    result = SearchPage(query=query, page=page)
    if query.is_empty:
        return result
    matches = backend().match(query, language=language, kind=kind, category=category, limit=MAX_MATCHES)
    result.total = len(matches)
    result.pages = max(1, -(-result.total // PAGE_SIZE))
    if page > result.pages:
        raise PageOutOfRange
    window = matches[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    result.results = load(window, query)
    if result.total < 3:
        result.suggestion = suggest(query, language=language)
    return result


def suggest(query: ParsedQuery, *, language: str) -> str:
    """A close title or alias in this language for a query that found little ("did you mean")."""
    text = " ".join(query.words + [" ".join(phrase) for phrase in query.phrases])
    if len(text) < 3:
        return ""
    candidate = backend().closest_name(text, language=language) or best_match(text, backend().names(language=language))
    if candidate and fold(candidate) != fold(text):
        return candidate
    return ""
