"""Several servers behind one Redis: two gunicorn servers with the production settings and
two workers each, on a throwaway PostgreSQL and a throwaway Redis, count one set of rate
limits, so that spreading requests over servers and workers lifts none."""

import httpx
import pytest

from tests.throwaway import Site, manage

pytestmark = pytest.mark.slow

LIMIT = 4


@pytest.fixture(scope="module")
def database(throwaway_postgres):
    """The throwaway cluster's `annals` database, migrated."""
    throwaway_postgres.sql("CREATE DATABASE annals")
    url = throwaway_postgres.url("annals")
    manage(
        "migrate",
        "--noinput",
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url},
    )
    return url


@pytest.fixture
def two_servers(database, throwaway_redis, production_env, collected_static):
    env = production_env | {
        "DATABASE_URL": database,
        "CACHE_URL": throwaway_redis.url,
        "STATIC_ROOT": str(collected_static),
        "ALLOWED_HOSTS": "127.0.0.1",
        "ANNALS_LOCAL_HTTP": "1",
        "WEB_CONCURRENCY": "2",
        "API_RATE_ANONYMOUS": f"{LIMIT}/min",
    }
    servers = []
    try:
        servers += [Site(env, server="gunicorn"), Site(env, server="gunicorn")]
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_two_gunicorn_servers_sharing_redis_enforce_one_rate_limit(two_servers):
    first, second = two_servers
    # Alternating servers, and a new connection each time, so that both workers of each
    # server answer in turn.
    statuses = [
        httpx.get(f"{server.url}/api/articles/").status_code for server in [first, second] * LIMIT
    ]

    assert statuses == [200] * LIMIT + [429] * LIMIT


def test_no_forwarded_address_lifts_the_shared_limit(two_servers):
    first, second = two_servers
    for server in [first, second] * (LIMIT // 2):
        assert httpx.get(f"{server.url}/api/articles/").status_code == 200

    spoofed = [
        httpx.get(
            f"{server.url}/api/articles/", headers={"X-Forwarded-For": f"203.0.113.{n}"}
        ).status_code
        for n, server in enumerate([first, second])
    ]

    assert spoofed == [429, 429]
