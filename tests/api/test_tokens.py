"""The API's tokens: one made with a password or by a signed-in account, named and
expiring as asked, listed and revoked by its owner alone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import API_TOKEN_IDLE_DAYS, API_TOKENS_PER_USER, ApiToken
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/auth/token/"
TOKENS = "/api/auth/tokens/"


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_is_made_with_the_name_and_lifetime_asked(api_client, editor):
    response = api_client.post(
        TOKEN,
        {"username": "ada", "password": PASSWORD, "name": "Casualty bot", "expires_in_days": 7},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Casualty bot"
    expires_at = timezone.datetime.fromisoformat(body["expires_at"])
    assert expires_at == pytest.approx(timezone.now() + timedelta(days=7), abs=timedelta(minutes=1))
    assert client_with(body["token"]).get(TOKENS).status_code == 200


def test_each_token_request_makes_another_token(api_client, editor):
    credentials = {"username": "ada", "password": PASSWORD}
    first = api_client.post(TOKEN, credentials).json()["token"]
    second = api_client.post(TOKEN, credentials).json()["token"]

    assert first != second
    assert ApiToken.objects.filter(user=editor).count() == 2


def test_a_token_left_without_a_lifetime_lapses_when_unused(api_client, editor):
    response = api_client.post(TOKEN, {"username": "ada", "password": PASSWORD})

    assert response.json()["renews_on_use"] is True
    expires_at = timezone.datetime.fromisoformat(response.json()["expires_at"])
    assert expires_at == pytest.approx(
        timezone.now() + timedelta(days=API_TOKEN_IDLE_DAYS), abs=timedelta(minutes=1)
    )


def test_a_token_asked_to_last_forever_never_expires(api_client, editor):
    response = api_client.post(
        TOKEN, {"username": "ada", "password": PASSWORD, "expires_in_days": None}
    )

    assert response.json()["expires_at"] is None


@pytest.mark.parametrize("days", [0, 366, "soon", 1.5])
def test_a_lifetime_out_of_bounds_is_a_400_and_makes_no_token(api_client, editor, days):
    response = api_client.post(
        TOKEN, {"username": "ada", "password": PASSWORD, "expires_in_days": days}
    )

    assert response.status_code == 400
    assert response.json()["errors"]["expires_in_days"]
    assert not ApiToken.objects.exists()


def test_the_list_shows_the_owners_tokens_and_marks_the_one_in_use(api_token, editor, reviewer):
    in_use = api_token(editor, name="Laptop")
    api_token(editor, name="Server")
    api_token(reviewer, name="Not Ada's")

    response = client_with(in_use).get(TOKENS)

    assert response.status_code == 200
    listed = response.json()["results"]
    assert [(token["name"], token["current"]) for token in listed] == [
        ("Server", False),
        ("Laptop", True),
    ]
    assert "token" not in listed[0]
    assert listed[1]["last_used_at"] is not None


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_signed_in_account_makes_a_token_for_a_program(editor):
    response = signed_in(editor).post(TOKENS, {"name": "Mapping script", "expires_in_days": 365})

    assert response.status_code == 201
    assert client_with(response.json()["token"]).get(TOKENS).status_code == 200
    assert ApiToken.objects.get(pk=response.json()["id"]).name == "Mapping script"


def test_past_the_limit_of_fixed_lifetime_tokens_a_new_token_is_a_409(api_token, editor):
    for _ in range(API_TOKENS_PER_USER):
        api_token(editor, days=30)

    response = signed_in(editor).post(TOKENS, {})

    assert response.status_code == 409
    assert "revoke one" in response.json()["detail"]


def test_a_token_cannot_make_tokens(editor_client, editor):
    response = editor_client.post(TOKENS, {"expires_in_days": None})

    assert response.status_code == 403
    assert "A token cannot make tokens" in response.json()["detail"]
    assert ApiToken.objects.filter(user=editor).count() == 1


def test_an_answer_with_a_token_is_never_cached(api_client, editor):
    by_password = api_client.post(TOKEN, {"username": "ada", "password": PASSWORD})
    by_session = signed_in(editor).post(TOKENS, {})

    for response in (by_password, by_session):
        assert "no-store" in response["Cache-Control"]


def test_a_stale_token_sent_with_the_password_does_not_stop_a_new_one(api_client, editor):
    api_client.credentials(HTTP_AUTHORIZATION="Token revoked-long-ago")

    response = api_client.post(TOKEN, {"username": "ada", "password": PASSWORD})

    assert response.status_code == 200


def test_a_token_header_that_is_not_utf8_is_a_401(api_client, db):
    response = api_client.get(TOKENS, HTTP_AUTHORIZATION="Token caf\xe9")

    assert response.status_code == 401
    assert "not UTF-8" in response.json()["detail"]


def test_a_revoked_token_no_longer_signs_in(api_token, editor):
    keep, revoke = api_token(editor), api_token(editor, name="Leaked")
    leaked = ApiToken.objects.get(user=editor, name="Leaked")

    response = client_with(keep).delete(f"{TOKENS}{leaked.pk}/")

    assert response.status_code == 204
    assert client_with(revoke).get(TOKENS).status_code == 401
    assert client_with(keep).get(TOKENS).status_code == 200


def test_a_token_can_revoke_itself(api_token, editor):
    token = api_token(editor)
    client = client_with(token)

    assert client.delete(f"{TOKENS}{ApiToken.objects.get().pk}/").status_code == 204
    assert client.get(TOKENS).status_code == 401


@pytest.mark.parametrize("which", ["another's", "unknown", "past any id"])
def test_revoking_a_token_one_does_not_hold_is_a_404(api_token, editor, reviewer, which):
    client = client_with(api_token(editor))
    api_token(reviewer)
    others = ApiToken.objects.get(user=reviewer)
    token_id = {"another's": others.pk, "unknown": others.pk + 1, "past any id": 10**17}[which]

    response = client.delete(f"{TOKENS}{token_id}/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=others.pk).exists()


def test_tokens_are_for_signed_in_accounts_only(api_client, db):
    assert api_client.get(TOKENS).status_code == 401
    assert api_client.post(TOKENS, {}).status_code == 401


def test_a_token_request_reads_the_token_once_and_records_its_use_once_in_a_while(
    api_token, editor, django_assert_num_queries
):
    client = client_with(api_token(editor))
    client.get(TOKENS)  # the first use is recorded

    # The token with its owner; the page's count and rows. No write, no other token read.
    with django_assert_num_queries(3):
        assert client.get(TOKENS).status_code == 200
