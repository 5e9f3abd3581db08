"""Fixtures shared by the whole suite: people, articles with history, and the environment
of a production deployment."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.services.importing import article_import
from tests.factories import ReviewerFactory, UserFactory, committed, revise

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED_FILES = sorted(FIXTURES.glob("*.txt"))
# Set for the test settings or the browser tests, so not what a deployment would have.
_TEST_ONLY = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counts and revision states live in the (locmem) cache, and SQLite reuses
    the ids of rolled-back rows: no test inherits another's entries."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="ada", first_name="Ada")


@pytest.fixture
def seed_articles(db):
    """The five seed articles, imported as `make run` imports them."""
    with committed():
        outcomes = [article_import(path=path) for path in SEED_FILES]
    return {outcome.article.slug: outcome.article for outcome in outcomes}


@pytest.fixture
def kidal(seed_articles):
    """The Second Battle of Kidal (seed 004), freshly imported."""
    return seed_articles["second-battle-of-kidal"]


@pytest.fixture
def corrected_kidal(kidal):
    """Kidal with a second revision that corrects the casualty figures."""
    state = selectors.article_state(selectors.article_published().get(pk=kidal.pk))
    infobox = tuple(
        InfoboxEntry(e.key, e.value.replace("40 killed, 50 wounded", "50 killed, 40 wounded"))
        for e in state.infobox
    )
    revise(
        kidal,
        state.replace(infobox=infobox),
        author=UserFactory(username="mariam"),
        summary="Casualties as in the body: 50 killed, 40 wounded",
    )
    return kidal


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, full-text search); make test runs it there")


@pytest.fixture
def count_queries():
    """How many queries `selectors.article_count` runs on a short list: the planner's
    estimate, then the count, on PostgreSQL; the count alone on SQLite."""
    return 2 if connection.vendor == "postgresql" else 1


@pytest.fixture
def reviewer(db):
    """Rokia, a reviewer."""
    return ReviewerFactory(username="rokia", first_name="Rokia")


@pytest.fixture
def second_reviewer(db):
    """Bakary, another reviewer, for two people deciding at once."""
    return ReviewerFactory(username="bakary", first_name="Bakary")


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def manage():
    """Run `manage.py *args` in a process of its own with exactly `env=`; the completed
    process, whatever its exit status."""
    return _manage


@pytest.fixture(scope="session")
def clean_env() -> dict[str, str]:
    """The environment the suite runs in, less what only the test settings set."""
    return {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}


@pytest.fixture(scope="session")
def production_env(clean_env, tmp_path_factory) -> dict[str, str]:
    """The environment of a production deployment (config.settings.prod with everything it
    requires) whose STATIC_ROOT is still empty; tests copy it and change what they test."""
    return clean_env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "annals.example",
        "DATABASE_URL": "postgres://annals@db.annals.example:5432/annals",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "0",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static-root-empty")),
    }


@pytest.fixture(scope="session")
def collected_static(production_env, tmp_path_factory) -> Path:
    """A STATIC_ROOT filled by `manage.py collectstatic` with the production settings, as
    the deploy steps fill it: hashed names, compressed copies and the manifest."""
    root = tmp_path_factory.mktemp("static-root")
    result = _manage("collectstatic", "--noinput", env=production_env | {"STATIC_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (a moment ago it was free)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
