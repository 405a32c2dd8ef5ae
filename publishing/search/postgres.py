"""PostgreSQL: stored weighted tsvectors, websearch queries, ts_rank, pg_trgm suggestions."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db.models import F, TextField, Value

from publishing.models import published_q

from .documents import models, plain

# Text search configurations created by publishing's migration 0003: the language's own
# stemmer with unaccent in front, so "ethique" finds "éthique" and "réseaux" finds "réseau".
CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
SIMILARITY = 0.3


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


def match(query, *, language, kind, category, limit):
    search_query = SearchQuery(query.text, search_type="websearch", config=config(language))
    rows = []
    for name, model in models().items():
        if (kind and kind != name) or (category is not None and name != "term"):
            continue
        queryset = model.objects.published().in_language(language).filter(search_vector=search_query)
        if category is not None:
            queryset = queryset.filter(term__category=category)
        ranked = queryset.annotate(rank=SearchRank(F("search_vector"), search_query)).order_by("-rank", "pk")
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
        (TermAlias.objects.filter(published_q("version__"), language=language), "name"),
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
