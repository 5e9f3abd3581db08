"""Roles an account holds: every signed-in account edits; the `reviewers` group reviews.

A role is a fact about an account; what it lets the account do is decided in one place,
`conflicts.permissions`.
"""

REVIEWERS_GROUP = "reviewers"


def is_reviewer(user) -> bool:
    """Whether `user` is an active member of the reviewers group (superusers always are)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a page asks this many times.
    if not hasattr(user, "_is_reviewer"):
        user._is_reviewer = user.groups.filter(name=REVIEWERS_GROUP).exists()
    return user._is_reviewer
