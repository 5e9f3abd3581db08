"""Roles an account holds: every signed-in account edits; the `reviewers` group reviews;
the `oversight` group hides revisions.

A role is a fact about an account; what it lets the account do is decided in one place,
`conflicts.permissions`.
"""

REVIEWERS_GROUP = "reviewers"
# Members hide revisions' content, summaries or authors from everyone else, and see them.
OVERSIGHT_GROUP = "oversight"


def is_reviewer(user) -> bool:
    """Whether `user` is an active member of the reviewers group (superusers always are)."""
    return _in_group(user, REVIEWERS_GROUP)


def is_oversight(user) -> bool:
    """Whether `user` is an active member of the oversight group (superusers always are)."""
    return _in_group(user, OVERSIGHT_GROUP)


def _in_group(user, name: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The account's groups, read once per user object: a page asks about roles many times.
    if not hasattr(user, "_group_names"):
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return name in user._group_names
