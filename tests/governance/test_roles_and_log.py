"""The audit log and roles without the admin: administrators grant and remove the reviewer
role with a reason; reverts and undos by reviewers are logged with theirs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import is_reviewer
from conflicts import selectors
from conflicts.services.errors import StateError
from conflicts.services.reviews import article_revert, revision_undo
from governance.models import LogEntry
from governance.services import reviewer_role_set
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.django_db

Action = LogEntry.Action


def fresh(user):
    """`user` read again, without the role cached on the instance."""
    return type(user).objects.get(pk=user.pk)


def test_an_administrator_makes_an_editor_a_reviewer_and_the_log_says_why(editor, superuser):
    entry = reviewer_role_set(user=editor, reviewer=True, by=superuser, reason="Six months of work")

    assert is_reviewer(fresh(editor))
    assert (entry.action, entry.actor, entry.user, entry.subject, entry.reason) == (
        Action.ROLE_GRANTED,
        superuser,
        editor,
        "ada",
        "Six months of work",
    )


def test_an_administrator_removes_the_reviewer_role(reviewer, superuser):
    reviewer_role_set(user=reviewer, reviewer=False, by=superuser, reason="Asked to step down")

    assert not is_reviewer(fresh(reviewer))
    assert LogEntry.objects.get().action == Action.ROLE_REMOVED


def test_reviewers_may_not_change_roles(editor, reviewer):
    with pytest.raises(PermissionDenied, match="Only administrators"):
        reviewer_role_set(user=editor, reviewer=True, by=reviewer, reason="A friend")

    assert not is_reviewer(fresh(editor))
    assert not LogEntry.objects.exists()


def test_a_role_change_needs_a_reason(editor, superuser):
    with pytest.raises(ValidationError, match="Say why"):
        reviewer_role_set(user=editor, reviewer=True, by=superuser, reason="  ")

    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(
    ("who", "make_reviewer", "message"),
    [
        ("reviewer", True, "rokia is a reviewer already."),
        ("editor", False, "ada is no reviewer already."),
        ("superuser", False, "root is an administrator, who always reviews."),
    ],
)
def test_a_role_the_account_has_or_cannot_lose_is_refused(
    request, superuser, who, make_reviewer, message
):
    user = request.getfixturevalue(who)

    with pytest.raises(StateError, match=message):
        reviewer_role_set(user=user, reviewer=make_reviewer, by=superuser, reason="Tidying")

    assert not LogEntry.objects.exists()


def test_a_revert_is_logged_with_its_reason_and_revision(article, reviewer):
    first = article.current_revision
    revise(article, selectors.article_state(article).replace(lead="Vandalism."))

    revision = article_revert(article=article, revision=first, reviewer=reviewer, reason="Vandal")

    entry = LogEntry.objects.get()
    assert (entry.action, entry.actor, entry.article, entry.revision, entry.reason) == (
        Action.REVERT,
        reviewer,
        article,
        revision,
        "Vandal",
    )
    assert entry.subject == article.title


def test_an_undo_by_a_reviewer_is_logged_and_one_by_an_editor_is_a_proposal_instead(
    article, reviewer, editor
):
    lead = revise(article, selectors.article_state(article).replace(lead="Unsourced claim."))
    article.refresh_from_db()

    revision_undo(article=article, revision=lead, user=editor, reason="Unsourced")
    assert not LogEntry.objects.exists()
    published = revision_undo(article=article, revision=lead, user=reviewer, reason="Unsourced")

    entry = LogEntry.objects.get()
    assert (entry.action, entry.revision, entry.reason) == (Action.UNDO, published, "Unsourced")


def test_an_entry_keeps_naming_what_it_was_about_when_the_account_goes(superuser):
    gone = UserFactory(username="moussa")
    reviewer_role_set(user=gone, reviewer=True, by=superuser, reason="Trusted")
    gone.delete()

    entry = LogEntry.objects.get()
    assert (entry.user, entry.subject) == (None, "moussa")
