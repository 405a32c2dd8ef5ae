import sqlite3

from config.settings import database_from_url

from .support import manage


def test_production_settings_pass_check_deploy():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="gneurone.example",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_database_url_selects_postgresql():
    database = database_from_url("postgres://editor:s%40cret@db.internal:5433/gneurone")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["PASSWORD"], database["HOST"], database["PORT"], database["NAME"]) == (
        "editor", "s@cret", "db.internal", 5433, "gneurone",
    )  # fmt: skip
    assert database["CONN_MAX_AGE"] > 0 and database["CONN_HEALTH_CHECKS"]


def test_a_sqlite_database_url_is_where_commands_write(tmp_path):
    path = tmp_path / "site.sqlite3"
    result = manage("migrate", "--noinput", DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{path}")
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(path) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"django_migrations", "encyclopedia_term", "careers_career"} <= tables
