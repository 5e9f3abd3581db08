"""Sign-up confirms the e-mail address: a link is sent, and until it is followed the new
account may not propose; the account's page offers a new link."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.confirmation import confirmation_token
from accounts.models import User
from conflicts import permissions
from tests.conflicts.pages import html

pytestmark = pytest.mark.django_db

PASSWORD = "ravens over the Adrar"


@pytest.fixture
def signed_up(client, mailoutbox, django_capture_on_commit_callbacks):
    """Fatou, just signed up (and so signed in) on `client`; the e-mail she was sent."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signup"),
            {
                "username": "fatou",
                "email": "fatou@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            follow=True,
        )
    assert "We sent a link to fatou@example.org" in html(response)
    (message,) = mailoutbox
    return User.objects.get(username="fatou"), message


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/confirm/[^/\s]+/)", message.body)[1]


def test_signing_up_sends_a_link_to_the_address(signed_up):
    user, message = signed_up

    assert message.to == ["fatou@example.org"]
    assert message.subject == "Confirm your e-mail address for Annals"
    assert link_in(message).startswith("/accounts/confirm/")
    assert user.email_confirmation_pending


def test_until_it_is_confirmed_the_account_may_not_propose_and_is_told_why(
    client, signed_up, kidal
):
    refused = client.get(f"{kidal.get_absolute_url()}propose/")

    assert refused.status_code == 403
    assert "Confirm your e-mail address first" in html(refused)
    assert "Confirm your e-mail address to start proposing" in html(client.get("/accounts/fatou/"))


def test_following_the_link_lets_the_account_propose(client, signed_up, kidal):
    user, message = signed_up

    confirmed = client.get(link_in(message), follow=True)

    assert "Your e-mail address is confirmed" in html(confirmed)
    assert not User.objects.get(pk=user.pk).email_confirmation_pending
    assert client.get(f"{kidal.get_absolute_url()}propose/").status_code == 200


@pytest.mark.parametrize("tamper", ["x", "changed-address"])
def test_a_tampered_or_stale_link_confirms_nothing(client, signed_up, tamper):
    user, message = signed_up
    link = link_in(message)
    if tamper == "x":
        link = link[:-2] + "x/"
    else:
        User.objects.filter(pk=user.pk).update(email="other@example.org")

    refused = client.get(link)

    assert refused.status_code == 400
    assert "This link does not confirm an address" in html(refused)
    assert User.objects.get(pk=user.pk).email_confirmation_pending


def test_the_account_asks_for_a_new_link(
    client, signed_up, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("email_confirm_resend"), follow=True)

    assert "We sent a new link to fatou@example.org." in html(response)
    assert len(mailoutbox) == 2


def test_accounts_made_otherwise_never_wait(editor):
    assert not editor.email_confirmation_pending
    assert permissions.propose(editor)


def test_a_link_names_the_account_and_its_address(client, editor):
    response = client.get(reverse("email_confirm", args=[confirmation_token(editor)]))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/ada/"
