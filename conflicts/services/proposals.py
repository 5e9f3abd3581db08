"""Editors' proposals: creating, updating and withdrawing them.

A proposal stores only what it changes relative to its base revision (a partial
document, `conflicts.changes`); the web form sends a whole edited article and the API a
partial one, and both end here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from conflicts import models as m
from conflicts import permissions, selectors
from conflicts.changes import PARTS, ChangesError, changes_apply, changes_between
from conflicts.document import ArticleState
from conflicts.limits import SOURCE_MAX_LENGTH, SUMMARY_MAX_LENGTH
from conflicts.merge import changes_merge, changes_rebase
from conflicts.services.articles import (
    article_lock,
    article_slug_for,
    article_state_errors,
    state_normalised,
)
from conflicts.services.errors import ArticleExists, ProposalConflict, ProposalStateError
from conflicts.text import is_blank, normalise_text, text_problem
from notifications import events
from notifications.services import article_watch


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
    `base_revision` (default: the current revision). Raises PermissionDenied when
    `author` may not propose (`permissions.propose`), and ValidationError, by field, for
    invalid content, a missing summary, or a proposal that changes nothing; a blocked
    author, or one a protection of the article keeps out (`permissions.propose_to`), is
    told why. The author watches the article from then on; reviewers are told once it
    commits.
    """
    permissions.propose_to.require(author, article)
    base_revision = base_revision or selectors.article_current_revision(article)
    changes = _validated_changes(
        article, base_revision, summary=summary, source=source, proposed=proposed, changes=changes
    )
    with transaction.atomic():
        proposal = m.Proposal.objects.create(
            article=article,
            author=author,
            base_revision=base_revision,
            changes=changes,
            summary=normalise_text(summary),
            source=normalise_text(source),
        )
        # Authors are told when the article changes again, as Wikipedia's editors are.
        article_watch(user=author, article=article)
        events.proposal_submitted(proposal)
    return proposal


def article_propose(
    *,
    author,
    summary: str,
    source: str = "",
    proposed: ArticleState | None = None,
    changes: dict | None = None,
) -> m.Proposal:
    """Store `author`'s proposal of a new article for review: the whole `proposed`
    article, or `changes`, a partial document that names its title.

    It belongs to an article row held, unpublished, for its title's slug: readers see
    nothing of it until a reviewer approves it as revision 1. Proposals of one new title
    share that row, so the second one approved clashes with the first, as any proposal
    with what was published since it was written. Raises PermissionDenied when `author`
    may not propose (`permissions.propose`), ArticleExists when an article of that title
    or slug is published, and ValidationError, by field, for invalid content or a missing
    title or summary.
    """
    permissions.propose.require(author)
    if changes is not None:
        try:
            proposed = changes_apply(selectors.NO_ARTICLE, changes)
        except ChangesError as error:
            raise ValidationError(error.errors) from error
    title = state_normalised(proposed).title
    if is_blank(title):
        raise ValidationError({"title": ["A new article needs a title."]})
    with transaction.atomic():
        # A refused proposal leaves no row behind: the row is rolled back with it.
        return proposal_create(
            article=_article_home(title),
            author=author,
            summary=summary,
            source=source,
            proposed=proposed,
        )


def _article_home(title: str, *, held: m.Article | None = None) -> m.Article:
    """The unpublished article row for proposals of a new article titled `title`: `held`
    while its slug still fits the title. Raises ArticleExists when a published article
    has that title or slug, and ValidationError when a deleted one has."""
    slug = article_slug_for(title)
    if held is not None and held.slug == slug:
        return held
    taken = m.Article.objects.filter(
        Q(title=title) | Q(slug=slug), current_revision__isnull=False
    ).first()
    if taken is not None and taken.deleted_at is not None:
        raise ValidationError(
            {
                "title": (
                    f"An article titled “{taken.title}” was deleted: ask a reviewer to "
                    "restore it rather than write it again."
                )
            }
        )
    if taken is not None:
        raise ArticleExists(taken)
    article, _ = m.Article.objects.get_or_create(slug=slug, defaults={"title": title})
    return article


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

    Only its author may (`permissions.change_proposal`); `base_revision` (default:
    unchanged) lets the author rebase a conflicting proposal on the current version.
    Raises PermissionDenied, ProposalStateError or ValidationError.
    """
    permissions.change_proposal.require(user, proposal)
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
        _save_reworked(proposal, base_revision, summary=summary, source=source)
    return proposal


def proposal_patch(
    *,
    proposal: m.Proposal,
    user,
    parts: dict,
    summary: str | None = None,
    source: str | None = None,
    seen_revision: m.ArticleRevision | None = None,
) -> m.Proposal:
    """Replace some parts of an open proposal and move it onto the current revision.

    `parts` is a partial document (`conflicts.changes`): each part it names replaces the
    proposal's value for that part, None drops the part from the proposal, and parts it
    omits stay as they are; `summary` and `source` likewise when given. The proposal is
    rebased on the current revision and becomes pending. When a part it changes was also
    changed since its base, ProposalConflict is raised and nothing is written, unless
    `seen_revision` is the current revision: the author has seen it, the parts are then
    read against it and the author's values win.

    Only its author may (`permissions.change_proposal`). Raises PermissionDenied,
    ProposalStateError, ValidationError (also for a `seen_revision` that is neither the
    current revision nor the proposal's base) or ProposalConflict.
    """
    permissions.change_proposal.require(user, proposal)
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ValidationError({part: "Not a part of a proposal." for part in unknown})
    with transaction.atomic():
        article = article_lock(proposal.article)
        proposal = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalStateError(f"This proposal is {proposal.get_status_display().lower()}.")
        current_revision = article.current_revision
        if seen_revision not in (None, current_revision, proposal.base_revision):
            raise ValidationError(
                {
                    "base_revision": (
                        f"Send the current revision ({current_revision.pk}) once you have "
                        f"read it, or this proposal's base ({proposal.base_revision_id})."
                        if current_revision
                        else "This article is not published yet: it has no revision to send."
                    )
                }
            )
        base = selectors.revision_state(proposal.base_revision)
        current = selectors.article_current_state(article)
        try:
            ours = changes_apply(base, proposal.changes)
            if seen_revision == current_revision:
                rebased = changes_rebase(base, current, ours).state
                proposed = changes_apply(
                    current, _replaced(changes_between(current, rebased), parts)
                )
            else:
                merged = changes_merge(
                    base, current, changes_apply(base, _replaced(proposal.changes, parts))
                )
                if not merged.clean:
                    raise ProposalConflict(list(merged.conflicts))
                proposed = merged.state
        except ChangesError as error:
            raise ValidationError(error.errors) from error
        summary = proposal.summary if summary is None else summary
        source = proposal.source if source is None else source
        proposal.changes = _validated_changes(
            article,
            current_revision,
            summary=summary,
            source=source,
            proposed=proposed,
            changes=None,
        )
        _save_reworked(proposal, current_revision, summary=summary, source=source)
    return proposal


def _replaced(changes: dict, parts: dict) -> dict:
    replaced = {**changes, **parts}
    return {
        part: value for part, value in replaced.items() if not (part in parts and value is None)
    }


def _save_reworked(proposal: m.Proposal, base_revision, *, summary: str, source: str) -> None:
    if base_revision is None:
        # Still a new article: a new title moves it to the row held for that title.
        proposal.article = _article_home(proposal.changes["title"], held=proposal.article)
    proposal.base_revision = base_revision
    proposal.summary = normalise_text(summary)
    proposal.source = normalise_text(source)
    proposal.status = m.Proposal.Status.PENDING
    proposal.conflicts = []
    # A request for changes is answered: it stays in the discussion, not on the proposal.
    proposal.reviewer = None
    proposal.reviewed_at = None
    proposal.review_reason = ""
    proposal.save()
    # Pending again: the reviewers are told, as of a new proposal.
    events.proposal_submitted(proposal)


def proposal_withdraw(*, proposal: m.Proposal, user) -> m.Proposal:
    """The author takes back an open proposal. Raises PermissionDenied or ProposalStateError."""
    permissions.withdraw_proposal.require(user, proposal)
    with transaction.atomic():
        proposal = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalStateError(f"This proposal is {proposal.get_status_display().lower()}.")
        proposal.status = m.Proposal.Status.WITHDRAWN
        proposal.save(update_fields=["status", "updated_at"])
    return proposal


def _validated_changes(article, base_revision, *, summary, source, proposed, changes) -> dict:
    """The changes to store for `proposed` (or `changes`) relative to `base_revision`:
    None, no article, only while `article` is unpublished."""
    if (proposed is None) == (changes is None):
        raise TypeError("Give either `proposed` or `changes`.")
    current_revision_id = m.Article.objects.values_list("current_revision", flat=True).get(
        pk=article.pk
    )
    if base_revision is None and current_revision_id is not None:
        raise ValidationError(
            {
                "base_revision": (
                    f"“{article.title}” is published now: base your proposal on its current "
                    f"revision ({current_revision_id})."
                )
            }
        )
    if base_revision is not None and base_revision.article_id != article.pk:
        raise ValidationError({"base_revision": "That revision is not a revision of this article."})
    errors = _note_errors(summary, source)
    base_revision_id = getattr(base_revision, "pk", None)
    # Read together (often they are one revision), from the cache while it holds them.
    states = selectors.revision_states([base_revision_id, current_revision_id])
    base, current = states[base_revision_id], states[current_revision_id]
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
    if not changes or proposed == current:
        raise ValidationError(
            "This is identical to the current version of the article: there is nothing to review."
        )
    return changes


def _note_errors(summary: str, source: str) -> dict[str, list[str]]:
    """What is wrong with an edit summary and source, by field."""
    errors: dict[str, list[str]] = {}
    summary, source = normalise_text(summary), normalise_text(source)
    if is_blank(summary):
        errors["summary"] = ["Say what you changed and why in the edit summary."]
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [f"Keep the edit summary under {SUMMARY_MAX_LENGTH} characters."]
    if len(source) > SOURCE_MAX_LENGTH:
        errors["source"] = [f"Keep the source under {SOURCE_MAX_LENGTH:,} characters."]
    for field, text in (("summary", summary), ("source", source)):
        problem = text_problem(text)
        if problem:
            errors.setdefault(field, []).append(f"The {field} {problem}.")
    return errors
