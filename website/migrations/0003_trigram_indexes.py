"""Trigram GIN indexes for "did you mean" on PostgreSQL (nothing on SQLite)."""

from django.db import migrations

UP = """
CREATE INDEX IF NOT EXISTS term_version_name_trgm ON encyclopedia_termversion USING GIN (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS career_version_title_trgm ON careers_careerversion USING GIN (title gin_trgm_ops);
CREATE INDEX IF NOT EXISTS term_alias_name_trgm ON encyclopedia_termalias USING GIN (name gin_trgm_ops);
"""
DOWN = """
DROP INDEX IF EXISTS term_version_name_trgm;
DROP INDEX IF EXISTS career_version_title_trgm;
DROP INDEX IF EXISTS term_alias_name_trgm;
"""


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("website", "0002_search_index")]

    operations = [migrations.RunPython(run(UP), run(DOWN))]
