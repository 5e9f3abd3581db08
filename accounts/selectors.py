"""Reads for a user's page: what they published and, for the right viewers, what they proposed.

Each selector runs a fixed number of queries however long the list is.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import ApiToken, User
from accounts.roles import REVIEWERS_GROUP
from conflicts import permissions
from conflicts.models import ArticleRevision, Proposal


def user_contributions(user: User, *, viewer) -> QuerySet[ArticleRevision]:
    """The article revisions `user` authored, newest first, each with `size_delta`; not
    those of deleted articles, which readers cannot open, nor, outside the oversight
    group, those whose author the oversight group hid.

    `size_delta` is the change in size from the article's previous revision, None for an
    article's first revision.
    """
    revisions = ArticleRevision.objects.filter(
        revision__user=user, article__deleted_at__isnull=True
    )
    if not permissions.suppress_revisions(viewer):
        revisions = revisions.filter(author_hidden=False)
    return revisions.select_related("article", "revision").order_by(
        "-revision__date_created", "-revision_id"
    )


def user_proposals(user: User, *, viewer) -> QuerySet[Proposal]:
    """The proposals `user` made that `viewer` may see, newest first.

    That is all of them for the author and for reviewers, the approved ones for anybody
    else (`permissions.proposals_visible_to`).
    """
    return (
        Proposal.objects.filter(permissions.proposals_visible_to(viewer), author=user)
        .select_related("article", "reviewer")
        .order_by("-created_at", "-id")
    )


def api_tokens(user: User) -> QuerySet[ApiToken]:
    """`user`'s API tokens, newest first, expired ones included until they are cleared
    (when the account next makes a token, or the expired token is sent)."""
    return ApiToken.objects.filter(user=user).order_by("-created", "-id")


def reviewers() -> QuerySet[User]:
    """The active accounts that review: members of the reviewers group and superusers, as
    `accounts.roles.is_reviewer` says."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=REVIEWERS_GROUP))
        .distinct()
        .order_by("pk")
    )
