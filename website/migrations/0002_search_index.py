"""Search structures that depend on the database vendor (see publishing/search).

PostgreSQL: the unaccent and pg_trgm extensions, French and English text search
configurations with unaccent in front of the stemmer, and GIN indexes on the vectors.
SQLite: the FTS5 table, with diacritics removed by its tokenizer.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION english_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS term_version_search ON encyclopedia_termversion USING GIN (search_vector);
CREATE INDEX IF NOT EXISTS career_version_search ON careers_careerversion USING GIN (search_vector);
"""
POSTGRES_DOWN = """
DROP INDEX IF EXISTS term_version_search;
DROP INDEX IF EXISTS career_version_search;
DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;
"""
SQLITE_UP = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  kind UNINDEXED, version_id UNINDEXED, language UNINDEXED, title, lede, body,
  tokenize = 'unicode61 remove_diacritics 2'
)
"""
SQLITE_DOWN = "DROP TABLE IF EXISTS search_fts"


def run(statements):
    def operation(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_editors_group"),
        ("encyclopedia", "0002_search_and_aliases"),
        ("careers", "0003_careerversion_search_vector"),
    ]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
