# Annals: `make run` for the local demo, `make serve` for production settings under gunicorn,
# `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/annals
SQLITE_URL ?= sqlite:///$(CURDIR)/.test.sqlite3
HOST ?= 127.0.0.1:8000

.PHONY: run serve load test lint check-migrations test-postgres test-sqlite bench postgres browser redis

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
	@# The task worker (notifications, emails) runs beside the server and stops with it.
	$(BIN)/python manage.py db_worker & trap "kill $$!" EXIT; \
		$(BIN)/python manage.py runserver $(HOST)

# Production settings under gunicorn, on this machine's PostgreSQL and Redis, over plain http
# on 127.0.0.1: ANNALS_LOCAL_HTTP=1 is the one override (no HTTPS redirect, cookies a browser
# sends over http), and `manage.py check --deploy` flags it. The database is created on first
# use and the seed articles imported (again: unchanged files change nothing); the secret key is
# made once per checkout and kept out of git.
SERVE_DATABASE_URL ?= $(POSTGRES_URL)
SERVE_CACHE_URL ?= redis://127.0.0.1:6379/0
SERVE_STATIC_ROOT ?= $(CURDIR)/staticfiles
SERVE_ENV = DJANGO_SETTINGS_MODULE=config.settings.prod ANNALS_LOCAL_HTTP=1 \
	SECRET_KEY="$$(cat .secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_HSTS_INCLUDE_SUBDOMAINS=0 SECURE_HSTS_PRELOAD=0 \
	DATABASE_URL="$(SERVE_DATABASE_URL)" CACHE_URL="$(SERVE_CACHE_URL)" EMAIL_URL=consolemail:// \
	STATIC_ROOT="$(SERVE_STATIC_ROOT)" GUNICORN_BIND=$(HOST)
serve: $(VENV)/.runtime postgres redis .secret-key
	@psql -q "$(SERVE_DATABASE_URL)" -c "" 2>/dev/null || createdb \
		--maintenance-db="$(dir $(SERVE_DATABASE_URL))postgres" "$(notdir $(SERVE_DATABASE_URL))"
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput
	$(SERVE_ENV) $(BIN)/python manage.py import_articles fixtures/
	$(SERVE_ENV) $(BIN)/python manage.py db_worker & trap "kill $$!" EXIT; \
		$(SERVE_ENV) $(BIN)/gunicorn -c config/gunicorn.conf.py

# Locust against `make serve`, headless, on a database of its own (load/__main__.py): prints
# throughput, p50/p95/p99 and errors, checks every approval is in history exactly once and
# writes the figures to BENCHMARKS.md. Not part of `make test`.
LOAD_SECONDS ?= 60
LOAD_USERS ?= 40
LOAD_ARTICLES ?= 2000
load: $(VENV)/.dev postgres redis .secret-key
	LOAD_SECONDS=$(LOAD_SECONDS) LOAD_USERS=$(LOAD_USERS) LOAD_ARTICLES=$(LOAD_ARTICLES) \
		$(BIN)/python -m load

.secret-key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

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

# The suite needs the local PostgreSQL, with the RUM index extension (Debian's
# postgresql-<version>-rum) that migration 0011 of the search index uses; start the
# cluster when it is down, fail if it stays down.
postgres:
	@test -f /usr/share/postgresql/$$(ls /etc/postgresql)/extension/rum.control || \
		{ apt-get update -qq && apt-get install -y -qq postgresql-$$(ls /etc/postgresql)-rum; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true
	@for attempt in $$(seq 1 30); do \
		pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; \
	done; echo "PostgreSQL is not reachable on 127.0.0.1:5432; the suite cannot run." >&2; exit 1

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

# The shared Redis on 127.0.0.1:6379 (make serve, make load, the gunicorn test), started when
# it is down; tests that lose the cache start a throwaway redis-server of their own.
redis:
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || \
		redis-server --bind 127.0.0.1 --port 6379 --daemonize yes >/dev/null
	@for attempt in $$(seq 1 30); do \
		redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 0.2; \
	done; echo "Redis is not reachable on 127.0.0.1:6379." >&2; exit 1
