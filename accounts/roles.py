"""Who may do what: every signed-in account edits; the `reviewers` group reviews."""

REVIEWERS_GROUP = "reviewers"


def is_reviewer(user) -> bool:
    """Whether `user` may approve, reject and revert (superusers always may)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a page asks this many times.
    if not hasattr(user, "_is_reviewer"):
        user._is_reviewer = user.groups.filter(name=REVIEWERS_GROUP).exists()
    return user._is_reviewer
