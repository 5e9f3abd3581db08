"""API tokens on their owner's page: listed, made (the token shown once, never cached)
and revoked; nobody else sees or touches them."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import API_TOKENS_PER_USER, ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def profile(user) -> str:
    return reverse("user_profile", args=[user.get_username()])


def make_token(client, user, **data):
    return client.post(
        reverse("token_create", args=[user.get_username()]),
        {"name": "Casualty bot", "lifetime": "30", **data},
    )


def signs_in(token: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get("/api/auth/tokens/").status_code == 200


def test_the_owner_sees_their_tokens_with_when_each_expires_and_was_used(client, editor, api_token):
    api_token(editor, name="Laptop script", days=None)
    client.force_login(editor)

    page = client.get(profile(editor)).content.decode()

    assert 'id="tokens"' in page
    assert "Laptop script" in page
    assert "Never" in page
    assert "Revoke" in page


@pytest.mark.parametrize("viewer", [None, "other_editor", "reviewer", "superuser"])
def test_nobody_else_sees_an_accounts_tokens(client, editor, api_token, request, viewer):
    api_token(editor, name="Laptop script")
    if viewer:
        client.force_login(request.getfixturevalue(viewer))

    page = client.get(profile(editor)).content.decode()

    assert 'id="tokens"' not in page
    assert "Laptop script" not in page


def test_a_token_made_on_the_page_is_shown_once_and_works(client, editor):
    client.force_login(editor)

    response = make_token(client, editor)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert signs_in(secret)
    assert secret not in client.get(profile(editor)).content.decode()
    assert "Casualty bot" in client.get(profile(editor)).content.decode()


def test_a_token_without_a_name_is_refused_with_the_reason(client, editor):
    client.force_login(editor)

    response = make_token(client, editor, name="")

    assert response.status_code == 400
    assert "Name the token: say what it is for." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_past_the_limit_the_page_says_to_revoke_one(client, editor, api_token):
    for _ in range(API_TOKENS_PER_USER):
        api_token(editor, days=30)
    client.force_login(editor)

    response = make_token(client, editor)

    assert response.status_code == 400
    assert "revoke one" in response.content.decode()


def test_revoking_a_token_on_the_page_stops_it(client, editor, api_token):
    secret = api_token(editor, name="Leaked")
    client.force_login(editor)
    token = ApiToken.objects.get(user=editor)

    response = client.post(
        reverse("token_revoke", args=[editor.get_username(), token.pk]), follow=True
    )

    assert "Revoked the token “Leaked”" in response.content.decode()
    assert not signs_in(secret)


def test_nobody_makes_or_revokes_anothers_tokens(client, editor, api_token):
    secret = api_token(editor)
    token = ApiToken.objects.get(user=editor)
    client.force_login(UserFactory(username="mallory", is_superuser=True))

    assert make_token(client, editor).status_code == 403
    revoke = reverse("token_revoke", args=[editor.get_username(), token.pk])
    assert client.post(revoke).status_code == 403
    assert signs_in(secret)
    assert ApiToken.objects.filter(user=editor).count() == 1


def test_revoking_a_token_already_revoked_is_a_404(client, editor):
    client.force_login(editor)

    response = client.post(reverse("token_revoke", args=[editor.get_username(), 10**17]))

    assert response.status_code == 404
