"""Each request has an id of its own, on its response and on what is logged while it is
served; an unexpected error is logged, as one JSON line, with its traceback and that id."""

import re

import pytest
from django.test import Client

from conflicts import selectors

REQUEST_ID = re.compile("[0-9a-f]{32}")


def test_every_response_carries_a_request_id_of_its_own(client, db):
    first, second = client.get("/"), client.get("/no/such/page/")

    assert REQUEST_ID.fullmatch(first["X-Request-ID"])
    assert REQUEST_ID.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_request_id_sent_by_the_client_is_not_taken(client, db):
    response = client.get("/", HTTP_X_REQUEST_ID="0" * 32)

    assert response["X-Request-ID"] != "0" * 32


def test_a_refused_request_carries_a_request_id_too(client):
    assert REQUEST_ID.fullmatch(client.get("/articles/%00/")["X-Request-ID"])


@pytest.mark.parametrize("path", ["/articles/kidal/", "/api/articles/kidal/"])
def test_an_unexpected_error_is_logged_with_its_traceback_and_request_id(
    monkeypatch, json_log, path
):
    def fail():
        raise RuntimeError("an unforeseen bug")

    monkeypatch.setattr(selectors, "article_reading", fail)

    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 500
    (record,) = (r for r in json_log() if r["level"] == "ERROR")
    assert record["logger"] == "django.request"
    assert record["message"] == f"Internal Server Error: {path}"
    assert record["request_id"] == response["X-Request-ID"]
    assert record["traceback"].startswith("Traceback (most recent call last):")
    assert record["traceback"].endswith("RuntimeError: an unforeseen bug")
    assert "timestamp" in record
