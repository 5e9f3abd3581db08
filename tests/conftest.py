"""Fixtures shared by the whole suite: people, and articles with history."""

import socket
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.services.importing import article_import
from tests.factories import ReviewerFactory, UserFactory, committed, revise

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


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (a moment ago it was free)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
