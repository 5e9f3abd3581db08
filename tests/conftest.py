"""Fixtures shared by the whole suite: people, and articles with history."""

import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.db import connection

from config.cache import cache_from_url
from conflicts.services.importing import article_import
from tests.factories import ReviewerFactory, UserFactory, committed

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
def sign_in_limits(settings):
    """Failed sign-ins allowed for one test: 3 per (account, address), 5 per address."""
    settings.SIGN_IN_FAILURES_PER_ACCOUNT = 3
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 5
    return settings


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


class RedisServer:
    """A throwaway redis-server on a free port, keeping nothing on disk."""

    def __init__(self, directory: Path):
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.fail("redis-server is not installed: `make redis` installs it.")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        # Nothing kept on disk: no snapshots, no append-only file.
        options = {"port": self.port, "bind": "127.0.0.1", "save": "", "appendonly": "no"}
        options["dir"] = directory
        arguments = [part for name, value in options.items() for part in (f"--{name}", str(value))]
        self._process = subprocess.Popen([executable, *arguments], stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise
                time.sleep(0.05)
        client.close()

    def cache_settings(self) -> dict:
        """CACHES for Django's default cache on this server, as `CACHE_URL` makes them,
        under a key prefix of their own."""
        return {"default": cache_from_url(f"{self.url}?key_prefix=annals-{uuid.uuid4().hex}")}

    def stop(self):
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path, on_postgres):
    """A Redis of the test's own, which it may stop (`.stop()`) to see the cache go away.
    Stopped after the test whatever happened."""
    server = RedisServer(tmp_path)
    yield server
    server.stop()
