"""Reviewers' decisions: approving, rejecting, and reverting an article.

Each decision runs in one transaction that locks the article row, then re-reads the
proposal inside the lock, so two reviewers (or a double click) cannot both act on it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conflicts import models as m
from conflicts import permissions, selectors
from conflicts.changes import changes_apply
from conflicts.limits import REVIEW_REASON_MAX_LENGTH
from conflicts.merge import changes_merge
from conflicts.services.articles import article_lock, article_revise
from conflicts.services.errors import ProposalConflict, ProposalStateError
from conflicts.text import text_problem
from notifications import events

Status = m.Proposal.Status


def proposal_approve(*, proposal: m.Proposal, reviewer) -> m.ArticleRevision:
    """Publish the proposal on top of the article as it is now; returns the new revision.

    The proposal is merged three ways (base revision, current version, proposal) field
    by field. When a field it changes was also changed since its base, nothing is
    published, the proposal is marked `conflict` with those fields, and
    ProposalConflict is raised. Raises ProposalStateError when it is not pending or
    its changes are already published, and PermissionDenied when `reviewer` may not
    approve it (`permissions.approve_proposal`).
    """
    permissions.approve_proposal.require(reviewer, proposal)
    with transaction.atomic():
        article = article_lock(proposal.article)
        proposal = _locked_in(proposal, Status.PENDING)
        # Both read together, from the revision state cache while it holds them.
        states = selectors.revision_states([proposal.base_revision_id, article.current_revision_id])
        base, current = states[proposal.base_revision_id], states[article.current_revision_id]
        merged = changes_merge(base, current, changes_apply(base, proposal.changes))
        if merged.clean and merged.state == current:
            raise ProposalStateError(
                "Its changes are already published; there is nothing to approve. "
                "Reject it, or let its author withdraw it."
            )
        if merged.clean:
            revision = article_revise(
                article=article,
                current=current,
                state=merged.state,
                author=proposal.author,
                summary=proposal.summary,
                reviewer=reviewer,
            )
            _decide(proposal, Status.APPROVED, reviewer, resulting_revision=revision)
            events.proposal_decided(proposal)
            return revision
        _decide(proposal, Status.CONFLICT, reviewer=None, conflicts=list(merged.conflicts))
        events.proposal_decided(proposal)
    # Raised after the transaction so that the proposal's `conflict` state is kept.
    raise ProposalConflict(proposal.conflicts)


def proposal_reject(*, proposal: m.Proposal, reviewer, reason: str) -> m.Proposal:
    """Refuse an open proposal with a reason its author will read.

    Raises PermissionDenied when `reviewer` may not (`permissions.reject_proposal`),
    ValidationError for a missing or overlong reason, ProposalStateError when the
    proposal is no longer open.
    """
    permissions.reject_proposal.require(reviewer, proposal)
    if not reason.strip():
        raise ValidationError({"reason": "Tell the author why the proposal is rejected."})
    if problem := text_problem(reason):
        raise ValidationError({"reason": f"The reason {problem}."})
    if len(reason.strip()) > REVIEW_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": f"Keep the reason under {REVIEW_REASON_MAX_LENGTH:,} characters."}
        )
    with transaction.atomic():
        proposal = _locked_in(proposal, *m.Proposal.OPEN_STATUSES)
        _decide(proposal, Status.REJECTED, reviewer, review_reason=reason.strip())
        events.proposal_decided(proposal)
    return proposal


def article_revert(
    *, article: m.Article, revision: m.ArticleRevision, reviewer
) -> m.ArticleRevision:
    """Publish an earlier revision's content again, as a new revision by `reviewer`.

    History is never rewritten. Raises PermissionDenied when `reviewer` may not
    (`permissions.revert_article`), or ValidationError when the article already reads
    exactly like that revision.
    """
    permissions.revert_article.require(reviewer)
    if revision.article_id != article.pk:
        raise ValidationError("That revision belongs to another article.")
    with transaction.atomic():
        article = article_lock(article)
        state = selectors.revision_state(revision)
        current = selectors.article_current_state(article)
        if state == current:
            raise ValidationError("The article already reads exactly like that revision.")
        published = article_revise(
            article=article,
            current=current,
            state=state,
            author=reviewer,
            summary=f"Reverted to revision {revision.number}",
            reviewer=reviewer,
        )
        events.revision_published(published)
        return published


def _locked_in(proposal: m.Proposal, *statuses: str) -> m.Proposal:
    proposal = (
        m.Proposal.objects.select_for_update(of=("self",))
        .select_related("author", "base_revision")
        .get(pk=proposal.pk)
    )
    if proposal.status not in statuses:
        raise ProposalStateError(
            f"This proposal is already {proposal.get_status_display().lower()}."
        )
    return proposal


def _decide(proposal: m.Proposal, status: str, reviewer, **fields) -> None:
    proposal.status = status
    if reviewer is not None:
        proposal.reviewer = reviewer
        proposal.reviewed_at = timezone.now()
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save()
