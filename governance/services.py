"""Governance actions and their log. Every action records itself (`log_record`) in the
transaction that does it, so the log holds exactly what was done."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import REVIEWERS_GROUP, is_reviewer
from conflicts import permissions
from conflicts.limits import REVIEW_REASON_MAX_LENGTH
from conflicts.models import Article, ArticleRevision
from conflicts.services.errors import StateError
from conflicts.services.written import written_text
from governance.models import LogEntry

Action = LogEntry.Action


def log_record(
    action: str,
    *,
    actor,
    reason: str = "",
    article: Article | None = None,
    user: User | None = None,
    revision: ArticleRevision | None = None,
) -> LogEntry:
    """Add `action` by `actor` to the log, about `article` or `user`; call it inside the
    action's own transaction."""
    subject = article.title if article is not None else user.get_username()
    return LogEntry.objects.create(
        action=action,
        actor=actor,
        reason=reason,
        subject=subject,
        article=article,
        user=user,
        revision=revision,
    )


def reviewer_role_set(*, user: User, reviewer: bool, by, reason: str) -> LogEntry:
    """Make `user` a reviewer, or no longer one, for `reason`, as administrator `by`.

    Raises PermissionDenied for anyone but an administrator (`permissions.manage_roles`),
    ValidationError for a missing or unstorable reason, and StateError when the account
    already is (or is not) a reviewer, or is a superuser, who always reviews."""
    permissions.manage_roles.require(by)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why: the log keeps it.",
    )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_superuser:
            raise StateError(f"{user} is an administrator, who always reviews.")
        if is_reviewer(user) == reviewer:
            state = "a reviewer" if reviewer else "no reviewer"
            raise StateError(f"{user} is {state} already.")
        group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
        if reviewer:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        action = Action.ROLE_GRANTED if reviewer else Action.ROLE_REMOVED
        return log_record(action, actor=by, reason=reason, user=user)
