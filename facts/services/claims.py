"""Competing figures of an infobox field (`FieldClaim`): a reviewer adds another figure
with its source, makes one the preferred figure, or withdraws one.

The field's value stays the preferred figure, so the article's text, its history and the
`{key: value}` shape of the API and of proposals are the same with claims or without.
Making a claim preferred is an edit like any other: a revision, by the reviewer, that
gives the field the claim's value citing its source; the value the field had becomes a
claim in turn, citing the sources it cited, so no figure is ever lost."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from conflicts import permissions, selectors
from conflicts.citations import citations_in, sources_cited, state_with_source, without_citations
from conflicts.document import InfoboxEntry
from conflicts.limits import (
    EDIT_REASON_MAX_LENGTH,
    INFOBOX_VALUE_MAX_LENGTH,
    REVIEW_REASON_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
)
from conflicts.models import Article, ArticleRevision
from conflicts.presentation import infobox_key_label
from conflicts.services.articles import article_lock, article_revise
from conflicts.services.errors import StateError
from conflicts.services.written import written_text
from conflicts.summaries import prefer_summary
from facts import tasks
from facts.models import FieldClaim
from notifications import events


def field_claim_add(*, article: Article, key: str, value: str, source: str, user) -> FieldClaim:
    """Give the article's field `key` another figure, `value`, from `source`.

    Raises PermissionDenied for anyone but a reviewer (`permissions.weigh_figures`), and
    ValidationError, by field, when the article has no such field, the value is missing,
    too long, cites a reference (the source says where it comes from) or is the field's
    value or one of its figures already, or when the source is missing or unstorable."""
    permissions.weigh_figures.require(user)
    value = written_text(
        value,
        "value",
        max_length=INFOBOX_VALUE_MAX_LENGTH,
        missing="Write the other figure.",
        what="figure",
    )
    if any(citations_in(value)):
        raise ValidationError(
            {"value": "Give the figure without citations: its source goes in the source."}
        )
    source = written_text(
        source,
        "source",
        max_length=SOURCE_MAX_LENGTH,
        missing="Say where the other figure comes from: who says so, where and when.",
    )
    with transaction.atomic():
        article = article_lock(article)
        if article.current_revision is None:
            raise ValidationError("The article has no published version to add figures to.")
        current = _field_value(article, key)
        if current is None:
            raise ValidationError({"key": f"The article has no field “{key}”."})
        if value == without_citations(current).strip():
            raise ValidationError({"value": "That is the field's preferred figure already."})
        if _open_claims(article, key).filter(value=value).exists():
            raise ValidationError({"value": "The field has that figure already."})
        claim = FieldClaim.objects.create(
            article=article,
            key=key,
            value=value,
            source=source,
            added_by=user,
            revision=article.current_revision,
        )
        tasks.article_facts_refresh_after_commit(article.pk)
    return claim


def field_claim_prefer(*, claim: FieldClaim, reviewer, reason: str = "") -> ArticleRevision:
    """Make `claim` the preferred figure of its field: publish a revision by `reviewer`
    in which the field reads the claim's value citing its source, and keep the value it
    read as a claim, with the sources that value cited. Returns the revision.

    Raises PermissionDenied for anyone but a reviewer, ValidationError for a reason that
    cannot be stored, and StateError when the claim was withdrawn or preferred already,
    or the article no longer has its field."""
    permissions.weigh_figures.require(reviewer)
    reason = written_text(reason, "reason", max_length=EDIT_REASON_MAX_LENGTH)
    with transaction.atomic():
        article = article_lock(claim.article)
        claim = _open_claim_locked(claim)
        current = selectors.article_current_state(article)
        former = next((entry.value for entry in current.infobox if entry.key == claim.key), None)
        if former is None:
            raise StateError(f"The article no longer has the field “{claim.key}”.")
        state = current.replace(
            infobox=tuple(
                InfoboxEntry(entry.key, claim.value) if entry.key == claim.key else entry
                for entry in current.infobox
            )
        )
        state = state_with_source(state, claim.source, [claim.key])
        former_value = without_citations(former).strip()
        revision = article_revise(
            article=article,
            current=current,
            state=state,
            author=reviewer,
            reviewer=reviewer,
            summary=prefer_summary(
                infobox_key_label(claim.key), claim.value, claim.source, former_value, reason
            ),
        )
        _retire(claim, FieldClaim.Outcome.PREFERRED, reviewer, reason, preferred_in=revision)
        kept = _open_claims(article, claim.key).filter(value=former_value).exists()
        if former_value and former_value != claim.value and not kept:
            FieldClaim.objects.create(
                article=article,
                key=claim.key,
                value=former_value,
                source=sources_cited(former, current.references)[:SOURCE_MAX_LENGTH],
                added_by=reviewer,
                revision=revision,
            )
        events.revision_published(revision)
    return revision


def field_claim_withdraw(*, claim: FieldClaim, reviewer, reason: str) -> FieldClaim:
    """Take `claim` off its field, saying why; it is kept as the record of that.

    Raises PermissionDenied for anyone but a reviewer, ValidationError for a missing or
    unstorable reason, and StateError when it was withdrawn or preferred already."""
    permissions.weigh_figures.require(reviewer)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why the figure goes: the next reviewer reads it.",
    )
    with transaction.atomic():
        article_lock(claim.article)
        claim = _open_claim_locked(claim)
        _retire(claim, FieldClaim.Outcome.WITHDRAWN, reviewer, reason)
        tasks.article_facts_refresh_after_commit(claim.article_id)
    return claim


def _field_value(article: Article, key: str) -> str | None:
    state = selectors.article_current_state(article)
    return next((entry.value for entry in state.infobox if entry.key == key), None)


def _open_claims(article: Article, key: str):
    return FieldClaim.objects.filter(article=article, key=key, retired_at__isnull=True)


def _open_claim_locked(claim: FieldClaim) -> FieldClaim:
    """The claim re-read under a lock (its article locked first, as every writer does),
    or StateError when it is no longer open."""
    claim = (
        FieldClaim.objects.select_for_update(of=("self",))
        .select_related("retired_by")
        .get(pk=claim.pk)
    )
    if not claim.is_open:
        raise StateError(_ALREADY[claim.outcome].format(reviewer=claim.retired_by))
    return claim


_ALREADY = {
    FieldClaim.Outcome.PREFERRED: "{reviewer} made this the preferred figure already.",
    FieldClaim.Outcome.WITHDRAWN: "{reviewer} withdrew this figure already.",
}


def _retire(claim: FieldClaim, outcome: str, reviewer, reason: str, preferred_in=None) -> None:
    claim.outcome = outcome
    claim.retired_by = reviewer
    claim.retired_at = timezone.now()
    claim.retired_reason = reason
    claim.preferred_in = preferred_in
    claim.save(
        update_fields=["outcome", "retired_by", "retired_at", "retired_reason", "preferred_in"]
    )
