"""Signing out: a POST that says it worked; a GET that explains instead of a bare 405."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_signing_out_says_so(editor):
    client = Client()
    client.force_login(editor)

    response = client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "You are signed out." in response.content.decode()
    assert "Sign in" in response.content.decode()


def test_a_get_offers_the_button_and_signs_nobody_out(editor):
    client = Client()
    client.force_login(editor)

    response = client.get("/accounts/logout/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are signed in as <strong>ada</strong>" in html
    assert '<form method="post" action="/accounts/logout/"' in html
    assert client.get("/notifications/").status_code == 200  # still signed in


def test_a_get_when_signed_out_says_so(client):
    response = client.get("/accounts/logout/")

    assert response.status_code == 200
    assert "You are not signed in." in response.content.decode()
