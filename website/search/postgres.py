"""PostgreSQL: stored weighted tsvectors, websearch queries, ts_rank, pg_trgm suggestions."""

from django.contrib.postgres.search import SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import TextField, Value
from django.utils import timezone

from publishing.models import Status
from publishing.querysets import published_q

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


MATCH_SQL = """
WITH titled AS (
    SELECT v.id FROM {table} v
    WHERE v.language = %(language)s AND v.status = %(published)s AND v.published_at <= %(now)s {category}
      AND v.search_vector @@ websearch_to_tsquery('{config}'::regconfig, %(text)s)
      AND to_tsvector('{config}'::regconfig, {title}) @@ websearch_to_tsquery('{config}'::regconfig, %(text)s)
    LIMIT %(limit)s
), sample AS (
    SELECT v.id FROM {table} v
    WHERE v.language = %(language)s AND v.status = %(published)s AND v.published_at <= %(now)s {category}
      AND v.search_vector @@ websearch_to_tsquery('{config}'::regconfig, %(text)s)
    LIMIT %(limit)s
)
SELECT v.id, ts_rank(v.search_vector, websearch_to_tsquery('{config}'::regconfig, %(text)s))
       + CASE WHEN v.id IN (SELECT id FROM titled) THEN {bonus} ELSE 0 END AS rank
FROM {table} v
WHERE v.id IN (SELECT id FROM titled UNION SELECT id FROM sample)
ORDER BY rank DESC, v.id
LIMIT %(limit)s
"""
TERM_CATEGORY = "AND v.term_id IN (SELECT t.id FROM encyclopedia_term t WHERE t.category_id = %(category)s)"


def match(query, *, language, kind, category, limit):
    """Ranked matches, with the ranking work capped (performance issue: search p95).

    `ts_rank` reads each row's whole vector, so ranking every entry that mentions a broad
    word ("data" matches every synthetic term) cost 60–70 ms. Instead each kind ranks at
    most 2 × `limit` candidates: every entry whose name, title or alias matches (found by
    the title GIN index of its language, migration publishing/0005, and always ranked
    first), plus the first `limit` other matches the per-language GIN index returns (in no
    particular order). Narrow queries (fewer than `limit` matches) are ranked exactly as
    before. One SQL statement per kind, written out: the configuration and table names are
    constants of ours, never input; the reader's text is a parameter.
    """
    rows = []
    for name, model in models().items():
        if (kind and kind != name) or (category is not None and name != "term"):
            continue
        sql = MATCH_SQL.format(
            table=model._meta.db_table,
            config=config(language),
            title=TITLE_DOCUMENTS[name],
            bonus=TITLE_BONUS,
            category=TERM_CATEGORY if category is not None else "",
        )
        # Published and due, as `published_q` says for the ORM (a future date means scheduled).
        params = {
            "language": language,
            "published": Status.PUBLISHED,
            "now": timezone.now(),
            "text": query.text,
            "limit": limit,
        }
        if category is not None:
            params["category"] = category.pk
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows += [(name, pk, rank) for pk, rank in cursor.fetchall()]
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
