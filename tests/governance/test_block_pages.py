"""Blocks on the site and in the API: a reviewer blocks from the account's page or with
POST /api/users/<username>/block/; the blocked account meets the reason and the end on
each refused page and request, and its address cannot sign up again."""

from __future__ import annotations

import pytest

from governance.models import Block
from governance.services import user_block
from tests.conflicts.pages import html, signed_in
from tests.factories import propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocked(editor, reviewer):
    return user_block(user=editor, by=reviewer, reason="Vandalised three articles", expires_at=None)


def test_a_reviewer_blocks_an_account_from_its_page_for_a_week(editor, reviewer):
    browser = signed_in(reviewer)
    assert "Block ada" in html(browser.get("/accounts/ada/"))

    done = browser.post("/accounts/ada/block/", {"duration": "1w", "reason": "Vandalism"})

    assert done.status_code == 302
    block = Block.objects.get()
    assert (block.user, block.reason) == (editor, "Vandalism")
    page = html(browser.get("/accounts/ada/"))
    assert "Blocked ada until " in page
    assert "ada is blocked until " in page
    assert "Lift the block" in page


def test_a_block_without_a_reason_comes_back_refused_with_the_duration_kept(editor, reviewer):
    refused = signed_in(reviewer).post("/accounts/ada/block/", {"duration": "3m", "reason": ""})

    assert refused.status_code == 400
    page = html(refused)
    assert "Say why: the account is told, and the log keeps it." in page
    assert '<option value="3m" selected>Three months</option>' in page
    assert not Block.objects.exists()


def test_a_reviewer_lifts_the_block_from_the_page(blocked, reviewer):
    browser = signed_in(reviewer)

    browser.post("/accounts/ada/block/", {"reason": "Apologised"})

    blocked.refresh_from_db()
    assert blocked.lift_reason == "Apologised"
    assert "Block ada" in html(browser.get("/accounts/ada/"))


def test_readers_see_that_an_account_is_blocked_but_no_form(client, blocked):
    page = html(client.get("/accounts/ada/"))

    assert "ada is blocked indefinitely by" in page
    assert "Lift the block" not in page


@pytest.mark.parametrize("path", ["propose/", "propose/?part=lead", "propose/?field=Date"])
def test_a_blocked_editor_is_told_why_on_the_correction_forms(blocked, editor, kidal, path):
    refused = signed_in(editor).get(f"{kidal.get_absolute_url()}{path}")

    assert refused.status_code == 403
    assert "Your account is blocked indefinitely by rokia: “Vandalised three articles”" in html(
        refused
    ).replace("&#x27;", "'").replace("&ldquo;", "“")


def test_a_blocked_editor_is_told_why_by_the_api(blocked, editor, kidal, client):
    client.force_login(editor)

    response = client.post(
        f"/api/articles/{kidal.slug}/proposals/",
        {"summary": "x", "lead": "Vandalism"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Your account is blocked indefinitely by rokia: “Vandalised three articles”"
    )


def test_the_blocked_address_cannot_sign_up_again(client, editor, reviewer):
    type(editor).objects.filter(pk=editor.pk).update(last_address="127.0.0.1")
    user_block(
        user=type(editor).objects.get(pk=editor.pk), by=reviewer, reason="Vandal", expires_at=None
    )

    refused = client.post(
        "/accounts/signup/",
        {"username": "ada2", "password1": "x7!Kq2#pLm9z", "password2": "x7!Kq2#pLm9z"},
    )

    assert refused.status_code == 403
    assert "Sign-ups from your address are blocked indefinitely: “Vandal”" in html(refused)
    assert not type(editor).objects.filter(username="ada2").exists()


def test_signing_in_remembers_the_address(client, editor):
    client.post("/accounts/login/", {"username": "ada", "password": "correct horse battery staple"})

    assert type(editor).objects.get(pk=editor.pk).last_address == "127.0.0.1"


def test_a_reviewer_blocks_and_unblocks_through_the_api(token_client, reviewer, editor):
    api = token_client(reviewer)

    blocked = api.post(
        "/api/users/ada/block/",
        {"reason": "Vandalism", "expires_at": "2099-01-01T00:00:00Z"},
        format="json",
    )
    again = api.post("/api/users/ada/block/", {"reason": "Again"}, format="json")
    lifted = api.post("/api/users/ada/unblock/", {"reason": "Apologised"}, format="json")

    assert blocked.status_code == 201
    assert blocked.json()["expires_at"] == "2099-01-01T00:00:00Z"
    assert again.status_code == 409
    assert lifted.status_code == 200
    assert lifted.json()["lift_reason"] == "Apologised"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "reason"),
        ({"reason": "x", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"reason": "x", "expires_at": "soon"}, "expires_at"),
        ({"reason": "x", "until": "2099-01-01"}, "until"),
    ],
)
def test_a_block_the_api_cannot_take_is_a_400_naming_the_field(
    token_client, reviewer, editor, body, field
):
    response = token_client(reviewer).post("/api/users/ada/block/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Block.objects.exists()


def test_the_api_answers_404_for_an_account_that_is_not_there(token_client, reviewer):
    response = token_client(reviewer).post(
        "/api/users/nobody/block/", {"reason": "x"}, format="json"
    )

    assert response.status_code == 404


def test_a_blocked_author_sees_why_in_place_of_the_comment_form(editor, reviewer, kidal):
    proposal = propose(kidal, {"lead": "A lead."}, author=editor)
    user_block(user=editor, by=reviewer, reason="Spam in comments", expires_at=None)

    page = html(signed_in(editor).get(f"/proposals/{proposal.pk}/"))

    assert 'class="comment-form"' not in page
    assert "Your account is blocked indefinitely by rokia: “Spam in comments”" in page
