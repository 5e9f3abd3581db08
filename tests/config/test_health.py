"""/healthz tells a load balancer whether this server reaches its database and its cache."""

import pytest
from django.db import connection, connections

from config import health
from config.cache import cache_from_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ANSWER = {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.fixture
def cache_down(settings, free_port):
    """The cache is Redis as production configures it (degrading: errors swallowed, reads
    answering as a miss), on a port where none listens."""
    settings.CACHES = {"default": cache_from_url(f"redis://127.0.0.1:{free_port}/0")}


@pytest.fixture
def database_down(monkeypatch, free_port, tmp_path):
    """The health check's database connection leads nowhere: PostgreSQL on a port where
    none listens, or an SQLite file in a directory that does not exist."""
    unreachable = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        unreachable.update(HOST="127.0.0.1", PORT=free_port)
    else:
        unreachable.update(NAME=str(tmp_path / "missing" / "annals.sqlite3"))
    down = type(connections["default"])(unreachable, alias="unreachable")
    monkeypatch.setattr(health, "connection", down)
    yield
    down.close()


def test_a_server_whose_database_and_cache_answer_is_healthy(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == ALL_ANSWER
    assert "no-store" in response["Cache-Control"]


def test_a_server_whose_cache_does_not_answer_is_unavailable(client, cache_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_a_server_whose_database_does_not_answer_is_unavailable(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_a_server_that_reaches_neither_is_unavailable(client, database_down, cache_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "unavailable",
    }


def test_the_health_check_reads_no_session_and_sets_no_cookie(client, django_assert_num_queries):
    client.force_login(UserFactory())

    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_load_balancers_probing_over_plain_http_are_answered_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_the_health_check_only_reads(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
