"""Recent changes: every published revision across the site, newest first, filtered and
paged by revision id (`?before=`, `?after=`), each page one query however deep."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from conflicts import models as m
from conflicts.summaries import (
    IMPORT_SUMMARY_PREFIX,
    PREFER_SUMMARY_PREFIX,
    RENAME_SUMMARY_PREFIX,
    REVERT_SUMMARY_PREFIX,
    UNDO_SUMMARY_PREFIX,
)

# What a revision was, told by how it was published: approving a proposal links it to
# the proposal; reverting, undoing, importing, preferring another figure and renaming
# write their own summaries.
KINDS = {
    "approval": ("Approved proposals", Q(proposal__isnull=False)),
    "revert": ("Reverts", Q(revision__comment__startswith=REVERT_SUMMARY_PREFIX)),
    "undo": ("Undos", Q(revision__comment__startswith=UNDO_SUMMARY_PREFIX)),
    "import": ("Imports", Q(revision__comment__startswith=IMPORT_SUMMARY_PREFIX)),
    "figure": ("Preferred figures", Q(revision__comment__startswith=PREFER_SUMMARY_PREFIX)),
    "rename": ("Renames", Q(revision__comment__startswith=RENAME_SUMMARY_PREFIX)),
}


@dataclass(frozen=True)
class RecentFilters:
    """Which revisions to list: of one article (slug), by one person (username), of one
    kind (a key of KINDS); empty strings for all."""

    article: str = ""
    user: str = ""
    kind: str = ""

    def apply(self, revisions: QuerySet[m.ArticleRevision]) -> QuerySet[m.ArticleRevision]:
        if self.article:
            revisions = revisions.filter(article__slug=self.article)
        if self.user:
            revisions = revisions.filter(
                Q(revision__user__username=self.user) | Q(reviewer__username=self.user)
            )
        if self.kind in KINDS:
            revisions = revisions.filter(KINDS[self.kind][1])
        return revisions


@dataclass(frozen=True)
class RecentPage:
    revisions: list
    # The ids to page from: `?before=` for older ones, `?after=` for newer; None at an end.
    older_before: int | None
    newer_after: int | None


def recent_revisions() -> QuerySet[m.ArticleRevision]:
    """Published revisions of articles readers may see (not deleted), with what a line of
    recent changes shows, newest first."""
    return (
        m.ArticleRevision.objects.filter(article__deleted_at__isnull=True)
        .select_related("article", "revision__user", "reviewer", "proposal")
        .only(
            "revision_id",
            "number",
            "size",
            "size_delta",
            "previous_id",
            "article__slug",
            "article__title",
            "revision__date_created",
            "revision__comment",
            "revision__user__username",
            "reviewer__username",
            "proposal__id",
            "content_hidden",
            "summary_hidden",
            "author_hidden",
        )
        .order_by("-revision_id")
    )


def recent_page(
    filters: RecentFilters, *, size: int, before: int | None = None, after: int | None = None
) -> RecentPage:
    """`size` revisions: the newest, those older than revision id `before`, or those just
    newer than `after`."""
    revisions = filters.apply(recent_revisions())
    if after is not None:
        rows = list(revisions.filter(revision_id__gt=after).order_by("revision_id")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return RecentPage(
            rows,
            older_before=rows[-1].revision_id if rows else None,
            newer_after=rows[0].revision_id if rows and more_newer else None,
        )
    if before is not None:
        revisions = revisions.filter(revision_id__lt=before)
    rows = list(revisions[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return RecentPage(
        rows,
        older_before=rows[-1].revision_id if rows and more_older else None,
        newer_after=rows[0].revision_id if rows and before is not None else None,
    )


def recent_proposals(filters: RecentFilters, *, size: int) -> list[m.Proposal]:
    """The `size` open proposals last submitted or reworked, newest first, of the
    article and by the author `filters` name: for reviewers, whose work they are. Only
    their page shows them (`permissions.review`); the kind filter is of revisions."""
    proposals = m.Proposal.objects.open().select_related("article", "author")
    if filters.article:
        proposals = proposals.filter(article__slug=filters.article)
    if filters.user:
        proposals = proposals.filter(author__username=filters.user)
    return list(proposals.order_by("-updated_at", "-id")[:size])
