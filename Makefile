# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

# `make run` serves with DEBUG off (real 404 pages, hashed static files) on plain HTTP.
RUN_ENV := DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')

.PHONY: run test test-fast screenshots lint check-content install browser services messages bench-db bench-search bench soak clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

run: $(INSTALLED)
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) load_content
	$(RUN_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; the HTML check runs the Nu checker with Java; the
# cache tests start a redis-server. Installed from Debian when missing and root (these
# machines); elsewhere, a message names the package to install.
debian_install = { \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's $(1) for $(2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); \
	else \
		echo "$(1) is missing ($(2) need it): apt-get install $(1), or your system's package"; exit 1; \
	fi; }

browser:
	@command -v chromium >/dev/null 2>&1 || $(call debian_install,chromium,the browser tests)
	@command -v java >/dev/null 2>&1 || $(call debian_install,default-jre-headless,the HTML validity tests)

# The cache tests start their own redis-server on a free port (tests/services.py).
services:
	@command -v redis-server >/dev/null 2>&1 || $(call debian_install,redis-server,the cache tests)

# PYTEST_ARGS for a selection: make test PYTEST_ARGS="-m engine" (what CI runs on PostgreSQL).
PYTEST_ARGS ?=
# pytest-xdist: one worker per core, each with its own test database, redis-server and browser.
WORKERS ?= auto
test: $(INSTALLED) browser services
	$(BIN)/python -m pytest -n $(WORKERS) $(PYTEST_ARGS)

# The inner loop: no browser, no JVM, no whole-site sweep, fewer Hypothesis examples.
test-fast: $(INSTALLED) services
	$(BIN)/python -m pytest -n $(WORKERS) -m "not browser and not jvm and not sweep" --hypothesis-profile fast $(PYTEST_ARGS)

# The pages as a person sees them, to look at after a change: every page type in both
# languages at 375 and 1280 px, light and dark, and the term previews, into screenshots/.
screenshots: $(INSTALLED) browser
	SCREENSHOTS=1 $(BIN)/python -m pytest -n $(WORKERS) tests/browser/test_pages.py::test_every_page_type_renders_without_errors_or_overflow tests/browser/test_term_previews.py

# The editorial check on content/: loaded into a scratch database, nothing kept; fails on an error.
check-content: $(INSTALLED)
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$$scratch/check.sqlite3 $(MANAGE) migrate -v0 && \
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$$scratch/check.sqlite3 $(MANAGE) check_content --strict content

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# After changing interface strings: update both catalogues, then translate fr/ by hand.
messages: $(INSTALLED)
	DJANGO_DEBUG=1 $(MANAGE) makemessages -l fr -l en --ignore=.venv --ignore=staticfiles
	DJANGO_DEBUG=1 $(MANAGE) fill_source_catalogue
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache

# Search latency at 10,000 terms per language on PostgreSQL (issue: search); the full load
# benchmark with gunicorn, wrk and nginx is `make bench` (bench/loadtest.py).
BENCH_DB ?= gneurone_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
# A Redis database the bench may flush.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_SECONDS ?= 10
bench-db:
	pg_isready -h 127.0.0.1 -p 5432 -q
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || \
		psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $(BENCH_DB)"

bench-search: $(INSTALLED) bench-db
	DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=testserver \
		DJANGO_SECRET_KEY=bench-only-secret-key-not-for-production-use-0123456789 \
		DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/search_p95.py

# One table: term (cache off/on), career, index, search, nginx with deploy/nginx.conf, the
# static-file limit; ratios, search p95, worker memory. Loopback only; stops what it starts.
bench: $(INSTALLED) bench-db
	$(BIN)/python bench/loadtest.py bench --seconds $(BENCH_SECONDS) \
		--database-url $(BENCH_DATABASE_URL) --redis-url $(BENCH_REDIS_URL)

# 60 s at 64 connections over mixed pages (term, career, index, search, 404): no 5xx, no socket error.
soak: $(INSTALLED) bench-db
	$(BIN)/python bench/loadtest.py soak --seconds 60 \
		--database-url $(BENCH_DATABASE_URL) --redis-url $(BENCH_REDIS_URL)
