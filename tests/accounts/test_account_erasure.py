"""Erasure: an editor deletes their account; their name becomes "former-user-N" wherever
it is shown, their personal data goes, and history keeps what they wrote."""

from __future__ import annotations

import pytest

from accounts.models import ApiToken, User
from accounts.services import account_erase
from accounts.tokens import api_token_create
from conflicts.services.reviews import proposal_approve
from governance.models import LogEntry
from governance.services import user_block
from notifications.models import Watch
from tests.conflicts.pages import html, signed_in
from tests.factories import committed, propose

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def contributed(kidal, editor, reviewer):
    """Ada's approved correction to Kidal, her token and her watch of the article."""
    with committed():
        proposal = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
        proposal_approve(proposal=proposal, reviewer=reviewer)
    api_token_create(editor)
    return proposal


def test_erasing_keeps_history_under_a_stable_former_name(contributed, editor, kidal, client):
    account_erase(editor)

    erased = User.objects.get(pk=editor.pk)
    name = f"former-user-{editor.pk}"
    assert erased.username == name
    history = html(client.get(f"{kidal.get_absolute_url()}history/"))
    assert f'href="/accounts/{name}/">{name}</a>' in history
    assert ">ada<" not in history
    assert client.get(f"/accounts/{name}/").status_code == 200


def test_erasing_removes_personal_data_and_the_means_to_sign_in(contributed, editor):
    type(editor).objects.filter(pk=editor.pk).update(last_address="203.0.113.9")

    account_erase(editor)

    erased = User.objects.get(pk=editor.pk)
    assert (erased.email, erased.first_name, erased.last_address) == ("", "", None)
    assert not erased.is_active
    assert not erased.has_usable_password()
    assert not ApiToken.objects.filter(user=erased).exists()
    assert not Watch.objects.filter(user=erased).exists()
    assert not erased.notifications.exists()


def test_the_log_names_an_erased_account_by_its_former_name(editor, reviewer):
    user_block(user=editor, by=reviewer, reason="Vandalism", expires_at=None)

    account_erase(editor)

    assert LogEntry.objects.get().subject == f"former-user-{editor.pk}"


def test_an_editor_deletes_their_account_from_their_page_with_their_password(contributed, editor):
    browser = signed_in(editor)
    assert "Delete my account" in html(browser.get("/accounts/ada/"))

    wrong = browser.post("/accounts/ada/delete/", {"password": "not it"})
    assert wrong.status_code == 400
    assert "That is not your password." in html(wrong)
    assert User.objects.get(pk=editor.pk).username == "ada"

    done = browser.post("/accounts/ada/delete/", {"password": PASSWORD}, follow=True)
    assert "Your account is deleted." in html(done)
    assert f"former-user-{editor.pk}" in html(done)
    assert User.objects.get(pk=editor.pk).username == f"former-user-{editor.pk}"
    assert browser.get("/notifications/").status_code == 302  # signed out


def test_nobody_else_may_delete_an_account(editor, reviewer, superuser):
    for other in (reviewer, superuser):
        page = signed_in(other)
        assert "Delete my account" not in html(page.get("/accounts/ada/"))
        assert page.post("/accounts/ada/delete/", {"password": PASSWORD}).status_code == 403
    assert User.objects.get(pk=editor.pk).username == "ada"
