"""Every error is the site's own page, or the API's JSON error shape under /api/ and for
clients that ask for JSON: 404, an unexpected error (500) and a database outage (503,
with Retry-After), whatever layer meets it."""

import psycopg
import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError
from django.test import Client

from conflicts import selectors
from conflicts.http_errors import DATABASE_RETRY_AFTER_SECONDS

KIDAL = "/articles/second-battle-of-kidal/"
API_KIDAL = "/api/articles/second-battle-of-kidal/"


@pytest.fixture
def client():
    """A client that answers an exception as the server would, rather than raising it."""
    return Client(raise_request_exception=False)


def fail_reading_articles(monkeypatch, exception: Exception) -> None:
    """Make every read of an article, for reading or proposing, raise `exception`."""

    def fail(*args, **kwargs):
        raise exception

    for name in ("article_reading", "article_published"):
        monkeypatch.setattr(selectors, name, fail)


def outage() -> OperationalError:
    """What Django raises when PostgreSQL cannot be reached: no SQLSTATE."""
    error = OperationalError("connection failed: Connection refused")
    error.__cause__ = psycopg.OperationalError("connection failed: Connection refused")
    return error


def is_site_page(response) -> bool:
    return (
        response["Content-Type"].startswith("text/html")
        and b'<link rel="stylesheet" href="/static/css/annals.css">' in response.content
    )


# --- 404 ------------------------------------------------------------------------------------


def test_an_address_that_is_no_page_is_the_sites_404_page(client, db):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert is_site_page(response)
    assert "There is nothing at this address." in response.content.decode()


def test_a_missing_article_is_the_sites_404_page_with_the_account_links(client, editor):
    client.force_login(editor)

    response = client.get("/articles/no-such-battle/")

    assert response.status_code == 404
    assert is_site_page(response)
    assert "My proposals" in response.content.decode()


def test_an_api_address_that_is_no_endpoint_is_a_json_404(client, db):
    response = client.get("/api/no/such/endpoint/")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}


def test_a_client_that_asks_for_json_gets_a_json_404_outside_the_api(client, db):
    response = client.get("/no/such/page/", HTTP_ACCEPT="application/json")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}


def test_a_browser_that_accepts_anything_gets_the_page(client, db):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    response = client.get("/no/such/page/", HTTP_ACCEPT=accept)

    assert is_site_page(response)


# --- 500 ------------------------------------------------------------------------------------


def test_an_unexpected_error_is_the_sites_500_page_made_without_the_database(client, monkeypatch):
    """No `db` fixture: the page would fail if rendering it ran a query."""
    fail_reading_articles(monkeypatch, RuntimeError("a bug"))

    response = client.get(KIDAL)

    assert response.status_code == 500
    assert is_site_page(response)
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert f"quote the reference {response['X-Request-ID']}" in page
    assert "a bug" not in page


def test_an_unexpected_error_in_the_api_is_a_json_500(client, monkeypatch):
    fail_reading_articles(monkeypatch, RuntimeError("a bug"))

    response = client.get(API_KIDAL)

    assert response.status_code == 500
    assert response.json() == {
        "detail": "Something went wrong on our side, and it has been logged. If it happens "
        f"again, quote the reference {response['X-Request-ID']}."
    }


def test_the_500_page_says_a_form_may_not_have_been_saved(client, editor, monkeypatch):
    client.force_login(editor)
    fail_reading_articles(monkeypatch, RuntimeError("a bug"))

    response = client.post(f"{KIDAL}propose/", {"summary": "Fix"})

    assert response.status_code == 500
    assert "Nothing you typed is lost" in response.content.decode()


# --- 503 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [outage(), InterfaceError("connection already closed")],
    ids=["unreachable", "connection-closed"],
)
def test_a_database_outage_is_the_sites_503_page_with_retry_after(client, monkeypatch, error):
    fail_reading_articles(monkeypatch, error)

    response = client.get(KIDAL)

    assert response.status_code == 503
    assert response["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)
    assert is_site_page(response)
    assert "The database is unavailable for a moment" in response.content.decode()


def test_a_database_outage_in_the_api_is_a_json_503_with_retry_after(client, monkeypatch):
    fail_reading_articles(monkeypatch, outage())

    response = client.get(API_KIDAL)

    assert response.status_code == 503
    assert response["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "The database is unavailable for a moment; nothing you sent was saved. "
        f"Try again in {DATABASE_RETRY_AFTER_SECONDS} seconds."
    }


def test_a_database_outage_met_by_a_middleware_is_a_503_too(client, monkeypatch):
    def fail(self, request):
        raise outage()

    monkeypatch.setattr(SessionMiddleware, "process_request", fail)

    response = client.get(API_KIDAL)

    assert response.status_code == 503
    assert response["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)


def test_with_debug_on_a_database_outage_is_still_the_sites_503(client, monkeypatch, settings):
    settings.DEBUG = True
    fail_reading_articles(monkeypatch, outage())

    response = client.get(KIDAL)

    assert response.status_code == 503
    assert is_site_page(response)


def test_a_database_outage_is_logged_with_its_traceback(client, monkeypatch, json_log):
    fail_reading_articles(monkeypatch, outage())

    response = client.get(KIDAL)

    (record,) = (r for r in json_log() if r["logger"] == "conflicts.middleware")
    assert record["level"] == "ERROR"
    assert record["request_id"] == response["X-Request-ID"]
    assert "Connection refused" in record["traceback"]


def test_a_query_cancelled_by_the_server_is_an_error_not_an_outage(client, monkeypatch):
    """PostgreSQL's statement timeout: the database is there, the query is at fault."""
    error = OperationalError("canceling statement due to statement timeout")
    error.__cause__ = psycopg.errors.QueryCanceled()
    fail_reading_articles(monkeypatch, error)

    response = client.get(API_KIDAL)

    assert response.status_code == 500
    assert "Retry-After" not in response
