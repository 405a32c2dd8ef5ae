"""Expensive database state built once per session and replayed per test.

`capture(build)` runs `build` (loading content/, making the hostile site) inside a transaction,
reads back every row it added, and rolls back. `Snapshot.restore()` inserts those rows again
with plain INSERTs: no model `save()`, no signal, no Markdown rendering, so a test gets the
exact rows the loader wrote in a few hundredths of a second instead of a full load.

Measured on this machine (2 cores): `load_content` of the 154-term corpus takes about 50 s
of CPU; restoring its rows takes about 0.1 s on SQLite and 0.3 s on PostgreSQL. A SQLite
file copy or a PostgreSQL template database would be as fast but would need one mechanism
per engine and a database per state; `serialized_rollback` re-saves every row through the
ORM and keeps the corpus in every test (which would break the factory tests that count rows).

Rows point at content types by id (taggit, reversion, the admin log). A transactional test
flushes the database and Django recreates the content types with new ids, so restore maps
those columns through (app_label, model), the content type's natural key.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

CONTENT_TYPES = ContentType._meta.db_table


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[tuple]
    content_type_columns: list[int] = field(default_factory=list)


@dataclass
class Snapshot:
    tables: list[Table]
    content_types: dict[int, tuple[str, str]]  # id at capture → (app_label, model)
    result: object = None  # what `build` returned (the hostile site's rows, say)

    def restore(self, apps: tuple[str, ...] = ()) -> None:
        """Insert the rows again; given app labels, only those of their tables."""
        current = {key: pk for pk, key in _content_types().items()}
        remap = {old: current[key] for old, key in self.content_types.items() if key in current}
        quote = connection.ops.quote_name
        prefixes = tuple(f"{label}_" for label in apps)
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                if prefixes and not table.name.startswith(prefixes):
                    continue
                rows = table.rows
                if table.content_type_columns:
                    rows = [_remapped(row, table.content_type_columns, remap) for row in rows]
                columns = ", ".join(quote(column) for column in table.columns)
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", rows)


def reset_sequences(app_labels) -> None:
    """Move the id sequence of each table of these apps past its rows (PostgreSQL; SQLite's
    follow the rows by themselves): for tables created anew, then given rows with their ids."""
    models = [
        model for label in app_labels for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _remapped(row: tuple, positions: list[int], remap: dict[int, int]) -> tuple:
    values = list(row)
    for position in positions:
        if values[position] is not None:
            values[position] = remap[values[position]]
    return tuple(values)


def _content_types() -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, app_label, model FROM {connection.ops.quote_name(CONTENT_TYPES)}")
        return {pk: (app_label, model) for pk, app_label, model in cursor.fetchall()}


def _tables(cursor) -> list[str]:
    names = connection.introspection.table_names(cursor)
    if connection.vendor == "sqlite":
        # An FTS5 table keeps its index in shadow tables (`search_fts_data`, …): copying the
        # virtual table's rows rebuilds them.
        cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
        virtual = [row[0] for row in cursor.fetchall()]
        names = [name for name in names if not any(name.startswith(f"{table}_") for table in virtual)]
    return names


def _content_type_columns() -> dict[str, set[str]]:
    """Columns that hold a content type's id, by table (generic relations, the admin log)."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is ContentType:
                found.setdefault(model._meta.db_table, set()).add(model_field.column)
    return found


def _read(cursor, tables: list[str]) -> dict[str, tuple[list[str], list[tuple]]]:
    quote = connection.ops.quote_name
    contents = {}
    for name in tables:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, name)]
        cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(name)}")
        contents[name] = (columns, [tuple(row) for row in cursor.fetchall()])
    return contents


def capture(build: Callable[[], object]) -> Snapshot:
    """The rows `build` adds to the database, which is left as it was."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            names = _tables(cursor)
            before = _read(cursor, names)
        result = build()
        with connection.cursor() as cursor:
            after = _read(cursor, names)
        content_types = _content_types()
        transaction.set_rollback(True)
    content_type_columns = _content_type_columns()
    tables = []
    for name in names:
        columns, rows = after[name]
        old = set(before[name][1])
        if missing := old.difference(rows):
            raise AssertionError(f"{name}: the build changed or deleted {len(missing)} existing rows")
        added = [row for row in rows if row not in old]
        if added:
            positions = [columns.index(c) for c in sorted(content_type_columns.get(name, ()))]
            tables.append(Table(name, columns, added, positions))
    return Snapshot(tables, content_types, result)
