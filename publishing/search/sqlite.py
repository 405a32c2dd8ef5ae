"""SQLite: one FTS5 table (created by publishing's migration 0003), diacritics removed."""

from django.db import connection

from .documents import kind_of, models, plain, stem

TABLE = "search_fts"
# bm25 weights per column: kind, version_id, language (unindexed), title+aliases, lede, body.
RANK = f"bm25({TABLE}, 0.0, 0.0, 0.0, 10.0, 4.0, 1.0)"


def index(version):
    unindex(version)
    if not version.is_published:
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


def match(query, *, language, kind, category, limit):
    sql = f"SELECT kind, version_id, {RANK} AS rank FROM {TABLE} WHERE {TABLE} MATCH %s AND language = %s"
    params = [fts_expression(query), language]
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
    yield from TermAlias.objects.filter(language=language, version__status="published").values_list("name", flat=True)
