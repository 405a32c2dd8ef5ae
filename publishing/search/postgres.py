"""PostgreSQL: stored weighted tsvectors, websearch queries, ts_rank, pg_trgm suggestions."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db.models import BooleanField, Case, F, FloatField, TextField, Value, When
from django.db.models.expressions import RawSQL

from .documents import models, plain

# Text search configurations created by publishing's migration 0003: the language's own
# stemmer with unaccent in front, so "ethique" finds "éthique" and "réseaux" finds "réseau".
CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
SIMILARITY = 0.3
# The name/title/aliases document of each kind, exactly as migration publishing/0005 indexes it.
TITLE_DOCUMENTS = {"term": "(name || ' ' || title || ' ' || aliases)", "career": "title"}
# Title matches always come before body-only matches.
TITLE_BONUS = 10.0


def config(language: str) -> str:
    return CONFIGS.get(language, "simple")


def vector(version):
    fields = version.search_fields()
    cfg = config(version.language)
    texts = {"A": fields["A"], "B": fields["B"], "C": plain(fields["C"])}
    parts = [SearchVector(Value(text, output_field=TextField()), weight=w, config=cfg) for w, text in texts.items()]
    return parts[0] + parts[1] + parts[2]


def index(version):
    type(version).objects.filter(pk=version.pk).update(search_vector=vector(version))


def unindex(version):
    """Nothing to do: the vector lives on the row and goes with it."""


def title_match(kind, language, text):
    """`name/title/aliases @@ query`, written so that the partial GIN index of its language
    (migration publishing/0005) serves it: the configuration is a constant of ours, never input."""
    sql = f"to_tsvector('{config(language)}'::regconfig, {TITLE_DOCUMENTS[kind]}) @@ websearch_to_tsquery('{config(language)}'::regconfig, %s)"  # noqa: E501
    return RawSQL(sql, [text], output_field=BooleanField())


def match(query, *, language, kind, category, limit):
    """Ranked matches, with the ranking work capped (performance issue: search p95).

    `ts_rank` reads each row's whole vector, so ranking every entry that mentions a broad
    word ("data" matches every synthetic term) cost 60–70 ms. Instead each kind ranks at
    most 2 × `limit` candidates: every entry whose name, title or alias matches (found by
    its own small index, ranked first), plus the first `limit` other matches the index
    returns. Narrow queries (fewer than `limit` matches) are ranked exactly as before; a
    broad one ranks its title matches fully and a capped sample of the body-only rest.
    """
    search_query = SearchQuery(query.text, search_type="websearch", config=config(language))
    rows = []
    for name, model in models().items():
        if (kind and kind != name) or (category is not None and name != "term"):
            continue
        matching = model.objects.published().in_language(language).filter(search_vector=search_query)
        if category is not None:
            matching = matching.filter(term__category=category)
        titled = matching.filter(title_match(name, language, query.text)).values("pk")[:limit]
        sample = matching.values("pk")[:limit]
        ranked = (
            model.objects.filter(pk__in=titled.union(sample))
            .annotate(
                rank=SearchRank(F("search_vector"), search_query)
                + Case(When(pk__in=titled, then=Value(TITLE_BONUS)), default=Value(0.0), output_field=FloatField())
            )
            .order_by("-rank", "pk")
        )
        rows += [(name, pk, rank) for pk, rank in ranked.values_list("pk", "rank")[:limit]]
    return sorted(rows, key=lambda row: -row[2])[:limit]


def closest_name(text, *, language):
    """The most similar title or alias; `%` (trigram_similar) lets the trigram GIN indexes
    of migration publishing/0004 find candidates without scanning every name."""
    from encyclopedia.models import TermAlias

    term_model, career_model = models()["term"], models()["career"]
    candidates = [
        (term_model.objects.published().in_language(language), "name"),
        (career_model.objects.published().in_language(language), "title"),
        (TermAlias.objects.filter(language=language, version__status="published"), "name"),
    ]
    best, score = "", SIMILARITY
    for queryset, field in candidates:
        row = (
            queryset.filter(**{f"{field}__trigram_similar": text})
            .annotate(similarity=TrigramSimilarity(field, text))
            .order_by("-similarity")
            .values_list(field, "similarity")
            .first()
        )
        if row and row[1] > score:
            best, score = row
    return best


def names(*, language):
    return []
