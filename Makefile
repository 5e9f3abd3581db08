# Annals: `make run` for the local demo, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/annals
SQLITE_URL ?= sqlite:///$(CURDIR)/.test.sqlite3
HOST ?= 127.0.0.1:8000

.PHONY: run test lint check-migrations test-postgres test-sqlite bench postgres browser redis

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_articles fixtures/
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py runserver $(HOST)

test: lint check-migrations test-postgres test-sqlite

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$(SQLITE_URL) \
		$(BIN)/python manage.py makemigrations --check --dry-run

test-postgres: $(VENV)/.dev postgres browser redis
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

test-sqlite: $(VENV)/.dev browser
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest

# Benchmarks print every figure beside its target and write BENCHMARKS.md; they assert
# nothing. BENCH_ARTICLES=100000 for full size; 500 and BENCH_REVISIONS=200 while developing.
BENCH_ARTICLES ?= 20000
BENCH_REVISIONS ?= 10000
bench: $(VENV)/.dev postgres
	BENCH_ARTICLES=$(BENCH_ARTICLES) BENCH_REVISIONS=$(BENCH_REVISIONS) \
		DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m bench

# The suite needs the local PostgreSQL; start the cluster when it is down, fail if it stays down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true
	@for attempt in $$(seq 1 30); do \
		pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; \
	done; echo "PostgreSQL is not reachable on 127.0.0.1:5432; the suite cannot run." >&2; exit 1

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

# Tests that share the cache, or lose it, start a throwaway redis-server of their own.
redis:
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }
