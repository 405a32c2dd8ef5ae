"""No data lost: a bad load changes nothing, a backup restores the same pages, migrations go back.

Every test here runs on SQLite and, with DATABASE_URL set, on PostgreSQL (CI runs both).
"""

import difflib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.executor import MigrationExecutor
from taggit.models import Tag

from careers.models import Career, CareerVersion
from encyclopedia.models import Category, Term, TermVersion
from publishing.models import Author

from .snapshot import reset_sequences
from .support import entry_folders, front_matter_value, html_sweep, load_content, rendered_pages, replace_in

pytestmark = pytest.mark.engine

CONTENT_APPS = ["publishing", "encyclopedia", "careers", "taggit"]


def fingerprint() -> str:
    """Every row of every content table, serialized: two equal fingerprints are two equal databases."""
    rows = []
    for app in CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            rows.append(serializers.serialize("json", model.objects.order_by("pk")))
    return "\n".join(rows)


def folder(content: Path, kind: str, position: int) -> Path:
    return entry_folders(content, kind)[position]


def duplicate_slug(content: Path) -> None:
    """The last career's French slug, given to the one before it."""
    taken = front_matter_value(folder(content, "careers", -1) / "fr.md", "slug")
    replace_in(folder(content, "careers", -2) / "fr.md", 'slug = "', f'slug = "{taken}" #')


# Entries picked by position (support.entry_folders), so that renaming one breaks nothing.
BAD_CORPORA = {
    "broken TOML in the last career": lambda c: replace_in(folder(c, "careers", -1) / "en.md", 'title = "', "title = "),
    "undecodable bytes": lambda c: (folder(c, "terms", 1) / "en.md").write_bytes(b"\xff\xfe+++\ntitle = 1\n"),
    "a javascript: link": lambda c: replace_in(
        folder(c, "terms", -2) / "en.md", 'cta_url = "', 'cta_url = "javascript:'
    ),
    "a missing entry file": lambda c: (folder(c, "terms", -3) / "entry.toml").unlink(),
    "an unknown author": lambda c: replace_in(folder(c, "terms", 1) / "entry.toml", 'author = "', 'author = "nobody-'),
    "a duplicate slug across entries": duplicate_slug,
}


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", sorted(BAD_CORPORA))
def test_a_bad_corpus_leaves_every_row_as_it_was(corpus, content, breakage):
    edited = folder(content, "terms", 1).name
    TermVersion.objects.filter(term__key=edited, language="en").update(lede="Edited in the admin, not in files.")
    before = fingerprint()
    # Good edits early in the load, then the breakage: nothing of either may stay.
    replace_in(folder(content, "terms", 0) / "en.md", "## definition\n\n", "## definition\n\nChanged. ")
    replace_in(content / "authors.toml", 'name = "', 'name = "Renamed ')
    BAD_CORPORA[breakage](content)
    with pytest.raises(CommandError, match="Nothing was changed"):
        load_content(content)
    assert fingerprint() == before


def first_difference(original, restored, changed) -> str:
    url = changed[0]
    before, after = original[url].decode().splitlines(), restored[url].decode().splitlines()
    return "\n".join([url, *difflib.unified_diff(before, after, lineterm="", n=0)][:12])


def clear_content():
    for model in (Term, Career, Category, Author, Tag):
        model.objects.all().delete()


@pytest.mark.django_db
@html_sweep
def test_export_then_load_restores_identical_pages(client, corpus_pages, tmp_path):
    original = corpus_pages
    assert len(original) > 120

    backup = tmp_path / "backup"
    call_command("export_content", str(backup), verbosity=0)
    clear_content()
    assert TermVersion.objects.count() == 0 and client.get("/fr/encyclopedie/gestion-projet-ia/").status_code == 404
    load_content(backup)

    restored = rendered_pages(client)
    assert restored.keys() == original.keys()
    changed = [url for url in original if restored[url] != original[url]]
    assert changed == [], first_difference(original, restored, changed)


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"), reason="pg_dump backups are for PostgreSQL"
)


def psql(database: str, sql: str) -> str:
    params = connection.settings_dict
    env = os.environ | {"PGPASSWORD": params["PASSWORD"] or ""}
    command = ["psql", "-h", params["HOST"] or "localhost", "-p", str(params["PORT"] or 5432), "-U", params["USER"]]
    result = subprocess.run([*command, "-d", database, "-tAc", sql], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def table_checksums(database: str) -> dict[str, str]:
    checksums = {}
    for app in CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            table = model._meta.db_table
            sql = (
                f"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t"
            )
            checksums[table] = psql(database, sql)
    return checksums


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_give_back_the_same_database(corpus, tmp_path):
    """The production backup as the README documents it: pg_dump -Fc, then pg_restore into a new database."""
    # The corpus is committed (a transactional test): pg_dump runs in another process.
    params = connection.settings_dict
    source, target = params["NAME"], f"{params['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    env = os.environ | {"PGPASSWORD": params["PASSWORD"] or ""}
    where = ["-h", params["HOST"] or "localhost", "-p", str(params["PORT"] or 5432), "-U", params["USER"]]
    dump = tmp_path / "gneurone.dump"
    subprocess.run(["pg_dump", *where, "-Fc", "-f", str(dump), source], env=env, check=True)
    psql("postgres", f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(
            ["pg_restore", *where, "--no-owner", "-d", target, str(dump)], env=env, check=True, capture_output=True
        )
        assert table_checksums(target) == table_checksums(source)
        assert psql(target, "SELECT count(*) FROM encyclopedia_termversion") == str(TermVersion.objects.count())
    finally:
        psql("postgres", f'DROP DATABASE IF EXISTS "{target}"')


OUR_APPS = ["publishing", "encyclopedia", "careers"]


@pytest.mark.sweep
@pytest.mark.django_db(transaction=True)
def test_every_migration_of_our_apps_reverses_and_reapplies(client, corpus):
    """Reversed with the corpus in place (what a real rollback meets); once reapplied, the
    tables take back every row of every one of our tables, each column as it was."""
    counts = (TermVersion.objects.count(), CareerVersion.objects.count())
    executor = MigrationExecutor(connection)
    leaves = [key for key in executor.loader.graph.leaf_nodes() if key[0] in OUR_APPS]
    executor.migrate([(app, None) for app in OUR_APPS])
    executor.loader.build_graph()
    assert not [key for key in executor.loader.applied_migrations if key[0] in OUR_APPS]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "encyclopedia_termversion" not in tables

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    call_command("migrate", verbosity=0, database=DEFAULT_DB_ALIAS)  # and nothing is left to apply
    assert TermVersion.objects.count() == 0
    corpus.restore(apps=tuple(OUR_APPS))
    reset_sequences(OUR_APPS)  # or the next test's new rows would take the restored rows' ids
    assert (TermVersion.objects.count(), CareerVersion.objects.count()) == counts
    for version in (TermVersion.objects.published().first(), CareerVersion.objects.published().first()):
        assert client.get(version.get_absolute_url()).status_code == 200
