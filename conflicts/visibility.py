"""What the oversight group hid of revisions (`governance.services.revision_suppress`),
kept from everyone else wherever a revision is shown: pages, feeds and the API."""

from __future__ import annotations

from conflicts import permissions


def revisions_shown(revisions, user):
    """`revisions` (ArticleRevisions with their `revision` read along; None is passed
    over) as `user` may read them, returned: outside the oversight group, a hidden
    summary reads "" and a hidden author None, in these objects alone, which are never
    saved. Their `*_hidden` flags still say what is hidden, to say so in its place."""
    if permissions.suppress_revisions(user):
        return revisions
    for revision in revisions:
        if revision is None:
            continue
        if revision.summary_hidden:
            revision.revision.comment = ""
        if revision.author_hidden:
            revision.revision.user = None
    return revisions


def content_readable(revision, user) -> bool:
    """Whether `user` may read `revision`'s content: its page, every compare with it, and
    what reverting to it or undoing it would publish. Where not, it is answered as a
    revision that does not exist."""
    return not revision.content_hidden or permissions.suppress_revisions(user)
