"""The shared cache: `CACHE_URL=redis://…` is Django's own Redis backend; servers sharing
it share one count per limit; while it is away, limits fail open with a logged warning,
pages are still served, and failed sign-ins (counted in the database) still lock out."""

import logging

import pytest
from django.core.cache import CacheHandler
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from accounts.throttling import SignupThrottle
from config.cache import DegradingRedisCache, cache_from_url
from conflicts import selectors
from tests.factories import committed, propose


def test_a_redis_url_is_djangos_redis_cache_with_its_settings_and_timeouts():
    config = cache_from_url("redis://cache.internal:6379/2?key_prefix=annals&socket_timeout=3")

    cache = CacheHandler({"default": config})["default"]

    assert isinstance(cache, RedisCache)
    assert isinstance(cache, DegradingRedisCache)
    assert config["LOCATION"] == "redis://cache.internal:6379/2"
    assert cache.key_prefix == "annals"
    assert config["OPTIONS"] == {"socket_connect_timeout": 1, "socket_timeout": 3}


def test_the_demo_keeps_its_local_memory_cache():
    assert cache_from_url("locmemcache://annals") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "annals",
    }


def signup_allowed(cache, address="198.51.100.1") -> bool:
    throttle = SignupThrottle()
    throttle.cache = cache
    return throttle.allow_request(RequestFactory().post("/", REMOTE_ADDR=address), None)


@pytest.mark.slow
def test_two_servers_sharing_redis_count_one_limit(on_postgres, throwaway_redis, settings):
    """Two cache objects with connection pools of their own, as two servers have."""
    settings.SIGNUP_RATE = "3/hour"
    config = throwaway_redis.cache_settings()
    first, second = CacheHandler(config)["default"], CacheHandler(config)["default"]

    allowed = [signup_allowed(cache) for cache in (first, second, first, second)]

    assert allowed == [True, True, True, False]
    assert signup_allowed(first, address="198.51.100.2")


@pytest.mark.slow
@pytest.mark.usefixtures("sign_in_limits")
def test_while_redis_is_away_limits_fail_open_pages_are_served_and_lockouts_hold(
    on_postgres, throwaway_redis, settings, kidal, editor, caplog
):
    settings.CACHES = throwaway_redis.cache_settings()
    settings.SIGNUP_RATE = "1/hour"
    signup = {
        "email": "someone@example.org",
        "password1": "ravens over the Adrar",
        "password2": "ravens over the Adrar",
    }
    assert Client().post("/accounts/signup/", signup | {"username": "fatou"}).status_code == 302
    assert Client().post("/accounts/signup/", signup | {"username": "moussa"}).status_code == 429

    throwaway_redis.stop()

    client = Client()
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert client.post("/accounts/signup/", signup | {"username": "moussa"}).status_code == 302
        assert client.get("/articles/second-battle-of-kidal/").status_code == 200
        assert client.get("/api/articles/second-battle-of-kidal/").status_code == 200
    assert "The cache (Redis) cannot be reached" in caplog.text
    wrong = {"username": "ada", "password": "wrong"}
    statuses = [Client().post("/accounts/login/", wrong).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# --- The revision-state cache while Redis is away ------------------------------------------


@pytest.fixture
def redis_cache(on_postgres, throwaway_redis, settings):
    """The site's cache in the throwaway Redis."""
    settings.CACHES = throwaway_redis.cache_settings()
    return throwaway_redis


@pytest.fixture
def kidal_pages(redis_cache, kidal) -> list[str]:
    """Pages of the Second Battle of Kidal, imported while the cache was up."""
    revision = kidal.current_revision_id
    base = f"/articles/{kidal.slug}/"
    return [
        base,
        f"{base}history/",
        f"{base}revisions/{revision}/",
        f"{base}compare/?from={revision}&to={revision}",
    ]


def cache_warnings(json_log) -> list[dict]:
    return [record for record in json_log() if record["logger"] == "config.cache"]


@pytest.mark.slow
def test_pages_are_read_from_the_database_while_the_cache_is_down(
    redis_cache, kidal_pages, json_log
):
    client = Client()
    assert [client.get(page).status_code for page in kidal_pages] == [200] * len(kidal_pages)
    assert cache_warnings(json_log) == []

    redis_cache.stop()

    responses = [client.get(page) for page in kidal_pages]
    assert [response.status_code for response in responses] == [200] * len(kidal_pages)
    assert "Second Battle of Kidal" in responses[0].content.decode()
    warnings = cache_warnings(json_log)
    assert {record["level"] for record in warnings} == {"WARNING"}
    assert "The cache (Redis) cannot be reached" in warnings[0]["message"]


@pytest.mark.slow
def test_a_proposal_is_approved_and_published_while_the_cache_is_down(
    redis_cache, kidal, kidal_pages, editor, reviewer, json_log
):
    proposal = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
    client = Client()
    client.force_login(reviewer)
    redis_cache.stop()

    with committed():  # the new revision's state would be cached once it commits
        response = client.post(f"/proposals/{proposal.pk}/approve/")

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    kidal.refresh_from_db()
    assert kidal.current_revision == proposal.resulting_revision
    assert selectors.article_current_state(kidal).infobox_value("Strength2") == "400"
    assert client.get(kidal_pages[0]).status_code == 200
    messages = [record["message"] for record in cache_warnings(json_log)]
    assert any("The cache (Redis) cannot be reached" in message for message in messages)
