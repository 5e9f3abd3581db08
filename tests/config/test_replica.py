"""Which database a request reads from once a replica is configured (`config.replica`).

The routing is proved here without a replica server, by the router's answers outside a
database test's transaction, as a request's queries run; `test_replica_streaming.py`
serves from a real one.
"""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config import replica
from conflicts.models import Article


@pytest.fixture
def with_replica(monkeypatch):
    # Routing asks whether a replica is configured; no query reaches one here.
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def serve(request) -> tuple[str, dict]:
    """The database the router picks for a read made while serving `request`, and the
    response's cookies."""
    picked = []

    def view(request):
        picked.append(replica.ReplicaRouter().db_for_read(Article))
        return HttpResponse()

    response = replica.ReplicaMiddleware(view)(request)
    return picked[0], response.cookies


def read_database(request) -> str:
    return serve(request)[0]


def wrote(request) -> str:
    """The "read your writes" cookie that serving the write `request` set."""
    return serve(request)[1][replica.READ_YOUR_WRITES_COOKIE].value


def test_an_anonymous_read_goes_to_the_replica(with_replica):
    assert read_database(RequestFactory().get("/articles/x/")) == replica.REPLICA


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Token abc"},
    ],
    ids=["signed-in by session", "signed-in by token"],
)
def test_a_signed_in_read_goes_to_the_primary(with_replica, request_kwargs):
    assert read_database(RequestFactory().get("/", **request_kwargs)) == replica.PRIMARY


def test_a_write_goes_to_the_primary_and_marks_the_writer(with_replica):
    database, cookies = serve(RequestFactory().post("/accounts/signup/"))

    assert database == replica.PRIMARY
    assert replica.READ_YOUR_WRITES_COOKIE in cookies


def test_whoever_wrote_lately_reads_from_the_primary(with_replica):
    cookie = wrote(RequestFactory().post("/accounts/signup/"))
    request = RequestFactory().get("/", HTTP_COOKIE=f"{replica.READ_YOUR_WRITES_COOKIE}={cookie}")

    assert read_database(request) == replica.PRIMARY


def test_a_forged_read_your_writes_cookie_is_ignored(with_replica):
    request = RequestFactory().get("/", HTTP_COOKIE=f"{replica.READ_YOUR_WRITES_COOKIE}=1")

    assert read_database(request) == replica.REPLICA


def test_the_mark_lapses(with_replica, settings):
    settings.REPLICA_READ_YOUR_WRITES_SECONDS = -1
    cookie = wrote(RequestFactory().post("/"))
    request = RequestFactory().get("/", HTTP_COOKIE=f"{replica.READ_YOUR_WRITES_COOKIE}={cookie}")

    assert read_database(request) == replica.REPLICA


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(with_replica):
    def view(request):
        with transaction.atomic():
            return HttpResponse(replica.ReplicaRouter().db_for_read(Article))

    response = replica.ReplicaMiddleware(view)(RequestFactory().get("/"))

    assert response.content.decode() == replica.PRIMARY


def test_without_a_replica_every_read_goes_to_the_primary():
    assert read_database(RequestFactory().get("/")) == replica.PRIMARY


def test_migrations_run_on_the_primary_alone():
    router = replica.ReplicaRouter()

    assert router.allow_migrate(replica.PRIMARY, "conflicts")
    assert not router.allow_migrate(replica.REPLICA, "conflicts")
