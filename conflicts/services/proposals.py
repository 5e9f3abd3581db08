"""Editors' proposals: creating, updating and withdrawing them.

A proposal stores only what it changes relative to its base revision (a partial
document, `conflicts.changes`); the web form sends a whole edited article and the API a
partial one, and both end here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from conflicts import models as m
from conflicts import selectors
from conflicts.changes import ChangesError, changes_apply, changes_between
from conflicts.document import ArticleState
from conflicts.services.articles import article_state_errors, state_normalised
from conflicts.services.errors import ProposalStateError

SUMMARY_MAX_LENGTH = m.Proposal._meta.get_field("summary").max_length
SOURCE_MAX_LENGTH = m.Proposal._meta.get_field("source").max_length


def proposal_create(
    *,
    article: m.Article,
    author,
    summary: str,
    source: str = "",
    proposed: ArticleState | None = None,
    changes: dict | None = None,
    base_revision: m.ArticleRevision | None = None,
) -> m.Proposal:
    """Store `author`'s proposed change to `article` for review.

    Give either the whole `proposed` article or partial `changes`, relative to
    `base_revision` (default: the current revision). Raises ValidationError, by field,
    for invalid content, a missing summary, or a proposal that changes nothing.
    """
    base_revision = base_revision or selectors.article_current_revision(article)
    changes = _validated_changes(
        article, base_revision, summary=summary, source=source, proposed=proposed, changes=changes
    )
    return m.Proposal.objects.create(
        article=article,
        author=author,
        base_revision=base_revision,
        changes=changes,
        summary=summary.strip(),
        source=source.strip(),
    )


def proposal_update(
    *,
    proposal: m.Proposal,
    user,
    summary: str,
    source: str = "",
    proposed: ArticleState | None = None,
    changes: dict | None = None,
    base_revision: m.ArticleRevision | None = None,
) -> m.Proposal:
    """Replace an open proposal's content; it becomes pending again.

    Only its author may; `base_revision` (default: unchanged) lets the author rebase a
    conflicting proposal on the current version. Raises PermissionDenied,
    ProposalStateError or ValidationError.
    """
    if proposal.author_id != user.pk:
        raise PermissionDenied("Only the author can update a proposal.")
    with transaction.atomic():
        proposal = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalStateError(f"This proposal is {proposal.get_status_display().lower()}.")
        base_revision = base_revision or proposal.base_revision
        proposal.changes = _validated_changes(
            proposal.article,
            base_revision,
            summary=summary,
            source=source,
            proposed=proposed,
            changes=changes,
        )
        proposal.base_revision = base_revision
        proposal.summary = summary.strip()
        proposal.source = source.strip()
        proposal.status = m.Proposal.Status.PENDING
        proposal.conflicts = []
        proposal.save()
    return proposal


def proposal_withdraw(*, proposal: m.Proposal, user) -> m.Proposal:
    """The author takes back an open proposal. Raises PermissionDenied or ProposalStateError."""
    if proposal.author_id != user.pk:
        raise PermissionDenied("Only the author can withdraw a proposal.")
    with transaction.atomic():
        proposal = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalStateError(f"This proposal is {proposal.get_status_display().lower()}.")
        proposal.status = m.Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status", "updated_at"])
    return proposal


def _validated_changes(article, base_revision, *, summary, source, proposed, changes) -> dict:
    if (proposed is None) == (changes is None):
        raise TypeError("Give either `proposed` or `changes`.")
    errors: dict[str, list[str]] = {}
    if base_revision is None or base_revision.article_id != article.pk:
        raise ValidationError({"base_revision": "That revision is not a revision of this article."})
    if not summary.strip():
        errors["summary"] = ["Say what you changed and why in the edit summary."]
    elif len(summary.strip()) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [f"Keep the edit summary under {SUMMARY_MAX_LENGTH} characters."]
    if len(source.strip()) > SOURCE_MAX_LENGTH:
        errors["source"] = [f"Keep the source under {SOURCE_MAX_LENGTH:,} characters."]
    base = selectors.revision_state(base_revision)
    if proposed is None:
        try:
            proposed = changes_apply(base, changes)
        except ChangesError as error:
            raise ValidationError({**error.errors, **errors}) from error
    proposed = state_normalised(proposed)
    errors.update(article_state_errors(proposed))
    if errors:
        raise ValidationError(errors)
    changes = changes_between(base, proposed)
    current = selectors.article_state(selectors.article_published().get(pk=article.pk))
    if not changes or proposed == current:
        raise ValidationError(
            "This is identical to the current version of the article: there is nothing to review."
        )
    return changes
