"""Requests no view could read are refused at the edge, with a 404, 400 or 413 that says
why, in the format the client asked for, before a session, a view or a query sees them.

Tests without the `db` fixture prove that last part too: any query would fail them.
"""

import json

import pytest
from django.http import HttpResponse, QueryDict

from conflicts import limits
from conflicts.middleware import RequestGuardMiddleware

KIDAL = "second-battle-of-kidal"


def is_site_page(response) -> bool:
    return response["Content-Type"].startswith("text/html") and b"Annals" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/articles/%00/",
        "/accounts/%00/",
        "/proposals/%00/",
        f"/articles/{KIDAL}%00/history/",
        "/%00",
    ],
)
def test_a_nul_character_in_the_address_of_a_page_is_the_404_page_saying_so(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert is_site_page(response)
    assert "No page has this address: it contains a NUL character" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/api/articles/%00/", f"/api/articles/{KIDAL}/revisions/%00/", "/api/%00"]
)
def test_a_nul_character_in_an_api_address_is_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json()["detail"].startswith(
        "No page has this address: it contains a NUL character (at character "
    )


def test_a_nul_character_in_a_search_is_a_400_page_naming_the_search(client):
    response = client.get("/?q=%00")

    assert response.status_code == 400
    assert is_site_page(response)
    assert "The query parameter “q” contains a NUL character" in response.content.decode()


@pytest.mark.parametrize("path", ["/?q=%00", "/articles/%00/", "/api/articles/%00/"])
def test_refusals_carry_the_security_headers_every_answer_has(client, path):
    response = client.get(path)

    assert response.status_code in (400, 404)
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_a_nul_character_in_an_api_query_is_a_json_400_by_parameter(client):
    response = client.get("/api/articles/?q=Ki%00dal")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The query parameter “q” contains a NUL character (at character 3).",
        "errors": {"q": ["It contains a NUL character (at character 3)."]},
    }


def test_a_nul_character_in_the_name_of_a_query_parameter_is_a_400(client):
    response = client.get("/api/articles/?q%00=Kidal")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": [
            "The name of a query parameter contains a NUL character (at character 2)."
        ]
    }


def test_other_control_characters_are_left_to_the_views(client, db):
    """A database stores them; a search for one simply finds nothing."""
    assert client.get("/?q=%1B").status_code == 200


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_ACCEPT_LANGUAGE"])
def test_a_nul_character_in_a_header_is_a_400_naming_the_header(client, header):
    response = client.get("/api/articles/", **{header: "ab\x00c"})

    assert response.status_code == 400
    name = header.removeprefix("HTTP_").replace("_", "-").title()
    assert response.json()["detail"] == (
        f"The {name} header contains a NUL character (at character 3)."
    )


def test_a_nul_character_in_the_session_cookie_never_reaches_the_database(client):
    response = client.get(f"/articles/{KIDAL}/", HTTP_COOKIE="sessionid=abcdefgh\x00ijkl")

    assert response.status_code == 400
    assert "The Cookie header contains a NUL character" in response.content.decode()
    assert is_site_page(response)


def _surrogate_in_the_address(request):
    request.path_info = "/api/articles/\ud800/"


def _surrogate_in_the_query(request):
    request.GET = QueryDict(mutable=True)
    request.GET["q"] = "\udfff"


def _surrogate_in_a_header(request):
    request.META["HTTP_X_NOTE"] = "\ud83d"


@pytest.mark.parametrize(
    ("put_surrogate", "status"),
    [
        (_surrogate_in_the_address, 404),
        (_surrogate_in_the_query, 400),
        (_surrogate_in_a_header, 400),
    ],
    ids=["address", "query", "header"],
)
def test_a_lone_surrogate_anywhere_in_the_request_line_or_headers_is_refused(
    rf, put_surrogate, status
):
    """WSGI servers pass only bytes, which never decode to a lone surrogate; another kind
    of server might, and the guard does not rely on it."""
    request = rf.get("/api/articles/")
    put_surrogate(request)

    response = RequestGuardMiddleware(lambda request: HttpResponse("read"))(request)

    assert response.status_code == status
    assert "contains a lone surrogate U+D" in json.loads(response.content)["detail"]


def test_a_request_with_nothing_wrong_goes_through(rf):
    request = rf.get("/articles/битва-за-кидаль/?q=Kidal\tGao", HTTP_USER_AGENT="Mozilla/5.0")

    response = RequestGuardMiddleware(lambda request: HttpResponse("read"))(request)

    assert response.content == b"read"


# --- Bodies over the limit ------------------------------------------------------------------


TOO_LARGE = limits.REQUEST_BODY_MAX_BYTES + 1


def test_a_form_over_the_size_limit_is_a_413_page_that_keeps_the_draft(client):
    response = client.post(
        f"/articles/{KIDAL}/propose/",
        b"x" * TOO_LARGE,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413
    assert is_site_page(response)
    page = response.content.decode()
    assert f"the most this site reads is {limits.REQUEST_BODY_MAX_BYTES:,}" in page
    assert "Nothing you typed is lost" in page


def test_an_api_body_over_the_size_limit_is_a_json_413(client):
    response = client.post("/api/auth/token/", b"[" * TOO_LARGE, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "detail": f"The request body is {TOO_LARGE:,} bytes; the most this site reads is "
        f"{limits.REQUEST_BODY_MAX_BYTES:,}, enough for an article at its largest."
    }


def test_a_body_of_exactly_the_size_limit_is_read(client, db):
    body = b" " * (limits.REQUEST_BODY_MAX_BYTES - 2) + b"{}"

    response = client.post("/api/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username", "password"}
