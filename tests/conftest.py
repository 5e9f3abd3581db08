"""Fixtures shared by the whole suite: people, and articles with history."""

import io
import json
import logging
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection

from conflicts.services.importing import article_import
from tests.factories import ReviewerFactory, UserFactory, committed
from tests.throwaway import Postgres, Redis

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_FILES = sorted(FIXTURES.glob("*.txt"))


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
def other_editor(db):
    """Moussa, an editor besides `editor`: someone else's proposals are not his."""
    return UserFactory(username="moussa")


@pytest.fixture
def superuser(db):
    """Root, a superuser (and staff, as `createsuperuser` makes one)."""
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def people(editor, other_editor, reviewer, superuser) -> dict:
    """The five kinds of person the access rules tell apart, by name: an anonymous
    visitor, the author (`editor`), another editor, a reviewer and a superuser."""
    return {
        "anonymous": AnonymousUser(),
        "author": editor,
        "other editor": other_editor,
        "reviewer": reviewer,
        "superuser": superuser,
    }


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


def _require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, search, own servers); make test runs it there")


@pytest.fixture
def sign_in_limits(settings):
    """Failed sign-ins allowed for one test: 3 per (account, address), 5 per address."""
    settings.SIGN_IN_FAILURES_PER_ACCOUNT = 3
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 5
    return settings


@pytest.fixture
def on_postgres():
    _require_postgres()


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


@pytest.fixture
def json_log():
    """What the site logs during the test, as it writes it to stdout (one JSON object a
    line, `LOGGING` in config/settings/base.py); call it for the records so far."""
    (handler,) = (h for h in logging.getLogger().handlers if h.name == "stdout")
    written = io.StringIO()
    stdout = handler.setStream(written)
    yield lambda: [json.loads(line) for line in written.getvalue().splitlines()]
    handler.setStream(stdout)


@pytest.fixture(scope="module")
def throwaway_postgres():
    """A started PostgreSQL cluster (tests.throwaway) on a free port, shared by the tests of
    a module, as making one and migrating it is slow; removed at the end, however they
    end. Only in runs on PostgreSQL: the tests that stop it are not repeated on SQLite."""
    _require_postgres()
    server = Postgres.create()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def throwaway_redis(tmp_path):
    """A started Redis server of this test's own (tests.throwaway); stopped at the end."""
    redis = Redis(tmp_path)
    redis.start()
    yield redis
    redis.stop()
