"""Creating accounts (sign-up, and the two demo accounts of the local site) and erasing
one at its owner's request."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import ApiToken, User
from accounts.roles import REVIEWERS_GROUP
from governance.models import LogEntry
from notifications.models import Notification, Watch

DEMO_EDITOR = "editor"
DEMO_REVIEWER = "reviewer"


@transaction.atomic
def user_create(*, username: str, password: str, email: str) -> User:
    """A new editor account with that password, its e-mail address waiting to be confirmed
    (`accounts.confirmation`); the caller has validated all three."""
    return User.objects.create_user(
        username=username, email=email, password=password, email_confirmation_pending=True
    )


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    # Set only when this call created the account or gave it a new password.
    password: str | None


@transaction.atomic
def demo_accounts_ensure(*, reset: bool = False) -> list[DemoAccount]:
    """The demo editor and reviewer, created when missing, with random passwords.

    An account that already exists keeps its password unless `reset` is true; either way
    the reviewer ends up in the reviewers group. Meant for the local demo only: the
    caller decides whether demo accounts may exist at all.
    """
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    accounts = []
    for username, role in ((DEMO_EDITOR, "editor"), (DEMO_REVIEWER, "reviewer")):
        user, created = User.objects.get_or_create(username=username)
        password = None
        if created or reset:
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
        if role == "reviewer":
            user.groups.add(reviewers)
        accounts.append(DemoAccount(username=username, role=role, password=password))
    return accounts


def former_username(user) -> str:
    """The stable name an erased account is shown by: "former-user-17"."""
    return f"former-user-{user.pk}"


@transaction.atomic
def account_erase(user: User) -> User:
    """Erase `user`'s personal data at their request: their name becomes
    `former_username(user)` everywhere it is shown, their e-mail address, names, password,
    last address, API tokens, sessions (their password changes, which ends them), watches,
    notifications and records of failed sign-ins go; their proposals, revisions, comments
    and the log stay in history under the new name. The account can no longer sign in."""
    user = User.objects.select_for_update().get(pk=user.pk)
    old_username = user.get_username()
    user.username = former_username(user)
    user.first_name = user.last_name = user.email = ""
    user.last_address = None
    user.email_notifications = False
    user.is_active = False
    user.set_unusable_password()
    user.save()
    ApiToken.objects.filter(user=user).delete()
    Watch.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    AccessAttempt.objects.filter(username=old_username).delete()
    AccessFailureLog.objects.filter(username=old_username).delete()
    LogEntry.objects.filter(user=user).update(subject=user.username)
    return user
