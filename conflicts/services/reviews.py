"""Reviewers' decisions: approving, asking for changes, rejecting, and reverting or undoing.

Each decision runs in one transaction that locks the article row, then re-reads the
proposal inside the lock, so two reviewers (or a double click) cannot both act on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conflicts import citations, permissions, selectors
from conflicts import models as m
from conflicts.changes import changes_apply, changes_parts, changes_split
from conflicts.document import ArticleState
from conflicts.limits import (
    COMMENT_MAX_LENGTH,
    EDIT_REASON_MAX_LENGTH,
    REVIEW_REASON_MAX_LENGTH,
)
from conflicts.merge import changes_merge
from conflicts.services.articles import article_lock, article_revise
from conflicts.services.errors import ProposalConflict, ProposalStateError, UndoConflict
from conflicts.services.proposals import proposal_create
from conflicts.services.written import written_text
from conflicts.summaries import revert_summary, undo_summary
from governance.models import LogEntry
from governance.services import log_record
from notifications import events

Status = m.Proposal.Status


def proposal_approve(*, proposal: m.Proposal, reviewer) -> m.ArticleRevision:
    """Publish the proposal on top of the article as it is now; returns the new revision
    (revision 1, with the proposer as its author, for a proposal of a new article).

    The proposal is merged three ways (base revision, current version, proposal) field
    by field. When a field it changes was also changed since its base, nothing is
    published, the proposal is marked `conflict` with those fields, and
    ProposalConflict is raised. Raises ProposalStateError when it is not pending or
    its changes are already published or its article is deleted, and PermissionDenied
    when `reviewer` may not approve it (`permissions.approve_proposal`).
    """
    permissions.approve_proposal.require(reviewer, proposal)
    with transaction.atomic():
        article = article_lock(proposal.article)
        proposal = _locked_in(proposal, Status.PENDING)
        if article.deleted_at is not None:
            raise ProposalStateError(
                "The article is deleted: a reviewer restores it before anything is published to it."
            )
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
            # The correction's source becomes the source of the fields it changed.
            changed = [key for key, value in proposal.changes.get("infobox", {}).items() if value]
            revision = article_revise(
                article=article,
                current=current,
                state=citations.state_with_source(merged.state, proposal.source, changed),
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


def proposal_approve_part(
    *, proposal: m.Proposal, reviewer, parts: list[str], message: str
) -> tuple[m.Proposal, m.ArticleRevision]:
    """Approve the chosen `parts` of a pending proposal (`changes_parts` names them) and
    return the rest to its author with `message`.

    The chosen parts become a proposal of their own, by the same author, with the same
    base, summary and source, `split_from` the original, and are approved as any proposal
    is; the original keeps the rest and goes back to its author (`changes`, as with
    `proposal_request_changes`). Returns the new proposal and its revision. Raises
    PermissionDenied when `reviewer` may not approve it, ValidationError for no part, every
    part (approve it whole instead), a part it does not change, or a missing message,
    ProposalStateError when it is not pending, and ProposalConflict (nothing done) when
    the chosen parts clash with changes published since its base. A new article's proposal
    is approved whole: ValidationError.
    """
    permissions.approve_proposal.require(reviewer, proposal)
    message = written_text(
        message,
        "message",
        max_length=COMMENT_MAX_LENGTH,
        missing="Tell the author why the rest goes back to them.",
    )
    with transaction.atomic():
        proposal = _locked_in(proposal, Status.PENDING)
        if proposal.is_new_article:
            raise ValidationError({"parts": "A new article is approved whole, or not at all."})
        available = changes_parts(proposal.changes)
        unknown = [part for part in parts if part not in available]
        if unknown:
            raise ValidationError({"parts": f"The proposal does not change {', '.join(unknown)}."})
        if not parts:
            raise ValidationError({"parts": "Choose the parts to approve."})
        if set(parts) == set(available):
            raise ValidationError({"parts": "That is the whole proposal: approve it instead."})
        approved, rest = changes_split(proposal.changes, parts)
        part = m.Proposal.objects.create(
            article=proposal.article,
            author=proposal.author,
            base_revision=proposal.base_revision,
            changes=approved,
            summary=proposal.summary,
            source=proposal.source,
            split_from=proposal,
        )
        revision = proposal_approve(proposal=part, reviewer=reviewer)
        part.refresh_from_db()
        proposal.changes = rest
        proposal.save(update_fields=["changes", "updated_at"])
        proposal_request_changes(proposal=proposal, reviewer=reviewer, message=message)
    return part, revision


def proposal_reject(*, proposal: m.Proposal, reviewer, reason: str) -> m.Proposal:
    """Refuse an open proposal with a reason its author will read.

    Raises PermissionDenied when `reviewer` may not (`permissions.reject_proposal`),
    ValidationError for a missing or overlong reason, ProposalStateError when the
    proposal is no longer open.
    """
    permissions.reject_proposal.require(reviewer, proposal)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Tell the author why the proposal is rejected.",
    )
    with transaction.atomic():
        proposal = _locked_in(proposal, *m.Proposal.OPEN_STATUSES)
        _decide(proposal, Status.REJECTED, reviewer, review_reason=reason)
        events.proposal_decided(proposal)
    return proposal


def proposal_request_changes(*, proposal: m.Proposal, reviewer, message: str) -> m.Proposal:
    """Return a pending proposal to its author with `message`, without rejecting it: it is
    `changes` until the author reworks it (pending again) or withdraws it. The message
    also opens (or continues) the proposal's discussion.

    Raises PermissionDenied when `reviewer` may not (`permissions.request_changes`),
    ValidationError for a missing or overlong message, ProposalStateError when the
    proposal is not pending.
    """
    permissions.request_changes.require(reviewer, proposal)
    message = written_text(
        message,
        "message",
        max_length=COMMENT_MAX_LENGTH,
        missing="Tell the author what to change.",
    )
    with transaction.atomic():
        proposal = _locked_in(proposal, Status.PENDING)
        _decide(proposal, Status.CHANGES, reviewer, review_reason=message)
        m.ProposalComment.objects.create(
            proposal=proposal, author=reviewer, text=message, requests_changes=True
        )
        events.proposal_decided(proposal)
    return proposal


def article_revert(
    *, article: m.Article, revision: m.ArticleRevision, reviewer, reason: str = ""
) -> m.ArticleRevision:
    """Publish an earlier revision's content again, as a new revision by `reviewer`, whose
    summary carries `reason`.

    History is never rewritten. Raises PermissionDenied when `reviewer` may not
    (`permissions.revert_article`), or ValidationError when the article already reads
    exactly like that revision or the reason cannot be stored.
    """
    permissions.revert_article.require(reviewer)
    if revision.article_id != article.pk:
        raise ValidationError("That revision belongs to another article.")
    reason = _edit_reason(reason, required=False)
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
            summary=revert_summary(revision.number, reason),
            reviewer=reviewer,
        )
        log_record(
            LogEntry.Action.REVERT,
            actor=reviewer,
            reason=reason,
            article=article,
            revision=published,
        )
        events.revision_published(published)
        return published


@dataclass(frozen=True)
class Undo:
    """What undoing a revision would make of the article now: `state`, or the parts that
    clash (`conflicts`) with changes published since."""

    current: ArticleState
    state: ArticleState | None
    conflicts: tuple[str, ...] = ()


def revision_undo_preview(*, article: m.Article, revision: m.ArticleRevision) -> Undo:
    """The current version with just `revision`'s changes taken out: a three-way merge of
    the revision (base), the current version and the revision before it. ValidationError
    for the first revision, which created the article."""
    if revision.article_id != article.pk:
        raise ValidationError("That revision belongs to another article.")
    if revision.previous_id is None:
        raise ValidationError("The first revision created the article; there is nothing to undo.")
    ids = [revision.pk, revision.previous_id, article.current_revision_id]
    states = selectors.revision_states(ids)
    current = states[article.current_revision_id]
    merged = changes_merge(states[revision.pk], current, states[revision.previous_id])
    return Undo(current=current, state=merged.state, conflicts=merged.conflicts)


def revision_undo(
    *, article: m.Article, revision: m.ArticleRevision, user, reason: str
) -> m.ArticleRevision | m.Proposal:
    """Take just `revision`'s changes out of the current version, with `reason` in the
    summary: published at once by a reviewer (a revision), proposed by an editor (a
    proposal for review). Raises PermissionDenied for anonymous users, UndoConflict
    when a part it changed was changed again since, ValidationError when nothing of it is
    left to undo or the reason is missing."""
    permissions.propose.require(user)
    reason = _edit_reason(reason, required=True)
    summary = undo_summary(revision.number, reason)
    with transaction.atomic():
        article = article_lock(article)
        undo = revision_undo_preview(article=article, revision=revision)
        if undo.state is None:
            raise UndoConflict(list(undo.conflicts))
        if undo.state == undo.current:
            raise ValidationError("Nothing of that revision is left in the article to undo.")
        if not permissions.review(user):
            return proposal_create(
                article=article, author=user, summary=summary, proposed=undo.state
            )
        published = article_revise(
            article=article,
            current=undo.current,
            state=undo.state,
            author=user,
            summary=summary,
            reviewer=user,
        )
        log_record(
            LogEntry.Action.UNDO, actor=user, reason=reason, article=article, revision=published
        )
        events.revision_published(published)
        return published


def _edit_reason(reason: str, *, required: bool) -> str:
    return written_text(
        reason,
        "reason",
        max_length=EDIT_REASON_MAX_LENGTH,
        missing="Say why: the summary of the change carries it." if required else None,
    )


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
    """Record the decision: what it changes alone is written, not the proposal's content."""
    proposal.status = status
    written = {"status", "updated_at", *fields}
    if reviewer is not None:
        proposal.reviewer = reviewer
        proposal.reviewed_at = timezone.now()
        written |= {"reviewer", "reviewed_at"}
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.save(update_fields=sorted(written))
