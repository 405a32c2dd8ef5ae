"""SQLite: one FTS5 table (created by publishing's migration 0003), diacritics removed."""

from django.db import connection
from django.utils import timezone

from publishing.querysets import published_q

from .documents import kind_of, models, plain, stem

TABLE = "search_fts"
# bm25 weights per column: kind, version_id, language (unindexed), title+aliases, lede, body.
RANK = f"bm25({TABLE}, 0.0, 0.0, 0.0, 10.0, 4.0, 1.0)"


def index(version):
    """Published versions are indexed, scheduled ones too: `match` reads the clock, so a
    scheduled page is found from its publication date on without re-indexing."""
    unindex(version)
    if version.status != "published":
        return
    fields = version.search_fields()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (kind, version_id, language, title, lede, body) VALUES (%s, %s, %s, %s, %s, %s)",
            [kind_of(version), version.pk, version.language, fields["A"], fields["B"], plain(fields["C"])],
        )


def unindex(version):
    if version.pk is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE kind = %s AND version_id = %s", [kind_of(version), version.pk])


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(query) -> str:
    """Every part of the reader's query quoted: FTS5 operators in the input are plain text."""
    # Prefix matching folds plurals and close forms; too short a stem would match everything.
    parts = [quoted(stem(word)) + ("*" if len(stem(word)) >= 3 else "") for word in query.words]
    parts += [quoted(" ".join(phrase)) for phrase in query.phrases]
    expression = " ".join(parts)
    for word in query.excluded:
        expression += f" NOT {quoted(word)}"
    return expression


def due_clause() -> tuple[str, list]:
    """Only versions published by now (a scheduled one stays out until its date)."""
    parts, params = [], []
    now = timezone.now()
    for kind, model in models().items():
        table = model._meta.db_table
        parts.append(f"(kind != %s OR version_id IN (SELECT id FROM {table} WHERE status = %s AND published_at <= %s))")
        params += [kind, "published", now]
    return " AND ".join(parts), params


def match(query, *, language, kind, category, limit):
    due, due_params = due_clause()
    sql = f"SELECT kind, version_id, {RANK} AS rank FROM {TABLE} WHERE {TABLE} MATCH %s AND language = %s AND {due}"
    params = [fts_expression(query), language, *due_params]
    if kind:
        sql += " AND kind = %s"
        params.append(kind)
    sql += " ORDER BY rank LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [(kind_, pk, -rank) for kind_, pk, rank in cursor.fetchall()]
    if category is not None:
        term_ids = {pk for kind_, pk, _rank in rows if kind_ == "term"}
        allowed = set(
            models()["term"].objects.filter(pk__in=term_ids, term__category=category).values_list("pk", flat=True)
        )
        rows = [row for row in rows if row[0] == "term" and row[1] in allowed]
    return rows


def closest_name(text, *, language):
    return ""


def names(*, language):
    from encyclopedia.models import TermAlias

    term_model, career_model = models()["term"], models()["career"]
    yield from term_model.objects.published().in_language(language).values_list("name", flat=True)
    yield from career_model.objects.published().in_language(language).values_list("title", flat=True)
    yield from TermAlias.objects.filter(published_q("version__"), language=language).values_list("name", flat=True)
