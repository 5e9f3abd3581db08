"""Fixtures for the REST API tests: clients with and without a token."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api_client():
    """An anonymous reader's client."""
    return APIClient()


@pytest.fixture
def token_client(db):
    """Make a client that sends `user`'s API token with every request."""

    def make(user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def editor_client(token_client, editor):
    return token_client(editor)


@pytest.fixture
def reviewer_client(token_client, reviewer):
    return token_client(reviewer)
