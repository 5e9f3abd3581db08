"""Resetting a forgotten password by email, with Django's views in the site's pages."""

import re

import pytest
from django.contrib import auth
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ravens over the Adrar at dusk"


def test_the_sign_in_page_offers_a_reset(client):
    assert 'href="/accounts/password_reset/">Forgot your password?</a>' in (
        client.get("/accounts/login/").content.decode()
    )


def test_a_reset_link_by_email_sets_a_new_password(client, editor):
    response = client.post("/accounts/password_reset/", {"email": editor.email}, follow=True)

    assert "Check your email" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Annals: choose a new password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)[1]
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your new password is set." in done.content.decode()
    signed_in = Client()
    signed_in.post("/accounts/login/", {"username": editor.username, "password": NEW_PASSWORD})
    assert auth.get_user(signed_in) == editor


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, editor):
    response = client.post(
        "/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True
    )

    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_a_used_or_forged_link_says_so(client, editor):
    response = client.get("/accounts/reset/MQ/forged-token/", follow=True)

    assert "This link does not work any more" in response.content.decode()


def test_reset_emails_to_one_address_stop_at_the_limit_and_the_page_says_the_same(
    client, editor, settings
):
    settings.PASSWORD_RESET_RATE = "2/hour"

    pages = [
        Client().post("/accounts/password_reset/", {"email": editor.email.upper()}, follow=True)
        for _ in range(3)
    ]

    assert len(mail.outbox) == 2
    assert all("Check your email" in page.content.decode() for page in pages)
    other = UserFactory(username="moussa")
    client.post("/accounts/password_reset/", {"email": other.email})
    assert mail.outbox[-1].to == [other.email]  # each address has its own limit
