"""/healthz tells a load balancer whether this server reaches its database and its cache."""

from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config import health
from config.cache import cache_from_url
from notifications import tasks
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ANSWER = {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}


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
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
        "worker": "ok",
    }


def test_a_server_whose_database_does_not_answer_is_unavailable(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
        "worker": "unavailable",
    }


def test_a_server_that_reaches_neither_is_unavailable(client, database_down, cache_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "unavailable",
        "worker": "unavailable",
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


@pytest.fixture
def task_queue(settings):
    """Tasks queued in the database for a worker, as outside the tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_task(*, waited_seconds: int):
    result = tasks.proposal_submitted.using(backend="default").enqueue(1)
    enqueued_at = timezone.now() - timedelta(seconds=waited_seconds)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=enqueued_at)


@pytest.mark.usefixtures("task_queue")
def test_a_task_waiting_past_the_limit_says_the_worker_is_late_while_pages_are_served(
    client, settings
):
    queued_task(waited_seconds=settings.TASK_WAIT_MAX_SECONDS + 5)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {**ALL_ANSWER, "worker": "late"}


@pytest.mark.usefixtures("task_queue")
def test_a_task_queued_a_moment_ago_leaves_the_worker_ok(client):
    queued_task(waited_seconds=1)

    assert client.get("/healthz").json() == ALL_ANSWER
