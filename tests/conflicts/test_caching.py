"""The shared cache going away costs time, never a page: the revision states it holds are
read from the database instead, publishing goes on, and each failure is a logged warning.

The cache is a throwaway Redis server (Django's RedisCache, as production runs it), which
the tests stop; the shared one is never touched.
"""

import pytest
from django.test import Client

from conflicts import selectors
from tests.factories import committed, propose

pytestmark = pytest.mark.slow


@pytest.fixture
def redis_cache(on_postgres, throwaway_redis, settings):
    """The site's cache in the throwaway Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": throwaway_redis.url,
        }
    }
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
    return [record for record in json_log() if record["logger"] == "conflicts.caching"]


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
    assert "The cache could not be read" in warnings[0]["message"]


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
    assert any(message.startswith("The cache could not be written") for message in messages)
