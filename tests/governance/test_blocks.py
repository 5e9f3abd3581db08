"""Blocks: a reviewer stops a vandal from proposing and commenting, for a while or until
lifted, and their address from signing up again; the vandal is told why and until when
on every refused action; the log keeps both sides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conflicts import permissions
from conflicts.services.discussion import proposal_comment_add
from conflicts.services.errors import StateError
from governance.models import Block, LogEntry
from governance.selectors import active_block, address_block
from governance.services import user_block, user_unblock
from tests.factories import propose

pytestmark = pytest.mark.django_db

WEEK = timedelta(weeks=1)


def fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def blocked(editor, reviewer):
    """Ada, blocked by Rokia for a week, from the address she last signed in from."""
    type(editor).objects.filter(pk=editor.pk).update(last_address="203.0.113.9")
    return user_block(
        user=fresh(editor),
        by=reviewer,
        reason="Vandalised three articles",
        expires_at=timezone.now() + WEEK,
    )


def test_a_blocked_account_may_not_propose_and_is_told_why_and_until_when(blocked, editor, kidal):
    with pytest.raises(PermissionDenied) as refused:
        propose(kidal, {"lead": "Vandalism."}, author=fresh(editor))

    message = str(refused.value)
    assert message.startswith("Your account is blocked until ")
    assert f"{blocked.expires_at:%Y}, " in message
    assert message.endswith("by rokia: “Vandalised three articles”")


def test_a_blocked_author_may_not_comment_on_their_proposal(editor, reviewer, kidal):
    proposal = propose(kidal, {"lead": "A lead."}, author=editor)
    user_block(user=editor, by=reviewer, reason="Spam", expires_at=None)

    with pytest.raises(PermissionDenied, match="blocked indefinitely by rokia: “Spam”"):
        proposal_comment_add(proposal=proposal, user=fresh(editor), text="Please approve")


def test_a_block_ends_when_it_expires(blocked, editor):
    Block.objects.filter(pk=blocked.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert active_block(fresh(editor)) is None
    assert permissions.propose(fresh(editor))


def test_lifting_a_block_lets_the_account_propose_again_and_is_logged(blocked, editor, reviewer):
    user_unblock(user=fresh(editor), by=reviewer, reason="Apologised")

    assert permissions.propose(fresh(editor))
    blocked.refresh_from_db()
    assert (blocked.lifted_by, blocked.lift_reason) == (reviewer, "Apologised")
    assert [entry.action for entry in LogEntry.objects.all()] == ["unblock", "block"]


def test_the_block_is_logged_with_its_reason_and_end(blocked):
    entry = LogEntry.objects.get()

    assert (entry.action, entry.actor.username, entry.subject) == ("block", "rokia", "ada")
    assert entry.reason.startswith("Vandalised three articles (until ")


def test_the_last_address_may_not_sign_up_for_at_most_a_week(blocked):
    assert address_block("203.0.113.9") == blocked
    assert address_block("203.0.113.10") is None
    Block.objects.filter(pk=blocked.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert address_block("203.0.113.9") is None


def test_editors_may_not_block(editor, other_editor):
    with pytest.raises(PermissionDenied, match="Only reviewers can block"):
        user_block(user=other_editor, by=editor, reason="I disagree", expires_at=None)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("second_reviewer", "bakary reviews: their role goes first"),
        ("reviewer", "You cannot block yourself."),
    ],
)
def test_reviewers_and_oneself_are_not_blocked(request, reviewer, who, message):
    with pytest.raises(StateError, match=message):
        user_block(user=request.getfixturevalue(who), by=reviewer, reason="x", expires_at=None)

    assert not Block.objects.exists()


def test_a_block_needs_a_reason_and_an_end_in_the_future(editor, reviewer):
    with pytest.raises(ValidationError, match="Say why"):
        user_block(user=editor, by=reviewer, reason=" ", expires_at=None)
    with pytest.raises(ValidationError, match="ends in the future"):
        user_block(user=editor, by=reviewer, reason="x", expires_at=timezone.now())


def test_an_account_is_not_blocked_twice_nor_unblocked_when_it_is_not(blocked, editor, reviewer):
    with pytest.raises(StateError, match="ada is blocked already, until"):
        user_block(user=editor, by=reviewer, reason="Again", expires_at=None)
    user_unblock(user=editor, by=reviewer, reason="Done")
    with pytest.raises(StateError, match="ada is not blocked"):
        user_unblock(user=editor, by=reviewer, reason="Again")
