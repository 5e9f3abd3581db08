"""Creating accounts: sign-up, and the two demo accounts of the local site."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import REVIEWERS_GROUP

DEMO_EDITOR = "editor"
DEMO_REVIEWER = "reviewer"


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "") -> User:
    """A new editor account with that password; the caller has validated all three."""
    return User.objects.create_user(username=username, email=email, password=password)


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
