"""Competing figures of a field: reviewers add one with its source, make one preferred (a
revision; the figure it replaces is kept) or withdraw one; the figures cover them all."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.services.errors import StateError
from facts.models import ArticleFigures, FieldClaim
from facts.services.claims import field_claim_add, field_claim_prefer, field_claim_withdraw
from tests.factories import committed, revise

pytestmark = pytest.mark.django_db


def value_of(article, key):
    article.refresh_from_db()
    state = selectors.article_current_state(article)
    return next(entry.value for entry in state.infobox if entry.key == key)


def test_a_reviewer_gives_a_field_another_figure_and_its_value_stays_preferred(
    disputed, reviewer, add_figure
):
    claim = add_figure(disputed)

    assert (claim.key, claim.value, claim.source) == (
        "Casualties1",
        "14 killed",
        "Reuters, 29 July 2017",
    )
    assert claim.added_by == reviewer
    assert claim.revision == disputed.current_revision
    assert claim.is_open
    assert value_of(disputed, "Casualties1") == f"36 killed[[ref:{disputed.references.get().pk}]]"


def test_the_figures_of_an_article_cover_its_other_figures(disputed, add_figure):
    add_figure(disputed, "14 killed")
    add_figure(disputed, "about 60 killed")

    figures = ArticleFigures.objects.get(article=disputed)
    assert (figures.killed_low, figures.killed_high) == (14 + 5, 60 + 5)


def test_editors_may_not_add_figures(disputed, editor):
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        field_claim_add(
            article=disputed, key="Casualties1", value="14", source="Reuters", user=editor
        )

    assert not FieldClaim.objects.exists()


@pytest.mark.parametrize(
    ("key", "value", "source", "field", "message"),
    [
        ("Strength1", "1,500", "Reuters", "key", "no field “Strength1”"),
        ("Casualties1", "  ", "Reuters", "value", "Write the other figure"),
        ("Casualties1", "14 killed", "", "source", "Say where the other figure comes from"),
        ("Casualties1", "14[[ref:1]]", "Reuters", "value", "without citations"),
        ("Casualties1", "36 killed", "Reuters", "value", "preferred figure already"),
        ("Casualties1", "x" * 2_001, "Reuters", "value", "under 2,000 characters"),
        ("Casualties1", "14\x00", "Reuters", "value", "contains a NUL character"),
    ],
)
def test_a_figure_that_cannot_be_added_is_refused_with_the_reason(
    disputed, reviewer, key, value, source, field, message
):
    with pytest.raises(ValidationError) as refused:
        field_claim_add(article=disputed, key=key, value=value, source=source, user=reviewer)

    assert message in " ".join(refused.value.message_dict[field])
    assert not FieldClaim.objects.exists()


def test_the_same_figure_is_not_added_twice(disputed, reviewer, add_figure):
    add_figure(disputed, "14 killed")

    with pytest.raises(ValidationError, match="has that figure already"):
        add_figure(disputed, "14 killed", source="AFP")


def test_making_a_figure_preferred_publishes_it_with_its_source_and_keeps_the_old_one(
    disputed, reviewer, second_reviewer, add_figure
):
    claim = add_figure(disputed)
    before = disputed.current_revision

    with committed():
        revision = field_claim_prefer(claim=claim, reviewer=second_reviewer, reason="Later count")

    assert revision.number == before.number + 1
    assert (revision.revision.user, revision.reviewer) == (second_reviewer, second_reviewer)
    assert revision.revision.comment == (
        "Preferred figure for Casualties (side 1): 14 killed (Reuters, 29 July 2017) "
        "over 36 killed: Later count"
    )
    state = selectors.revision_state(revision)
    reuters = next(r for r in state.references if r.text == "Reuters, 29 July 2017")
    assert value_of(disputed, "Casualties1") == f"14 killed[[ref:{reuters.id}]]"
    claim.refresh_from_db()
    assert (claim.outcome, claim.retired_by, claim.preferred_in) == (
        FieldClaim.Outcome.PREFERRED,
        second_reviewer,
        revision,
    )
    former = FieldClaim.objects.get(retired_at__isnull=True)
    assert (former.key, former.value, former.source) == (
        "Casualties1",
        "36 killed",
        "MNLA communiqué, 28 July 2017",
    )
    assert former.revision == revision


def test_preferring_back_and_forth_keeps_one_open_figure_of_each(disputed, reviewer, add_figure):
    add_figure(disputed)
    for _ in range(3):
        with committed():
            field_claim_prefer(claim=FieldClaim.objects.get(retired_at=None), reviewer=reviewer)

    assert value_of(disputed, "Casualties1").startswith("14 killed")
    assert list(FieldClaim.objects.filter(retired_at=None).values_list("value", flat=True)) == [
        "36 killed"
    ]
    assert FieldClaim.objects.count() == 4


def test_a_figure_preferred_or_withdrawn_already_cannot_be_again(disputed, reviewer, add_figure):
    preferred, withdrawn = add_figure(disputed), add_figure(disputed, "20 killed")
    field_claim_prefer(claim=preferred, reviewer=reviewer)
    field_claim_withdraw(claim=withdrawn, reviewer=reviewer, reason="A typo for 14")

    with pytest.raises(StateError, match="rokia made this the preferred figure already"):
        field_claim_prefer(claim=preferred, reviewer=reviewer)
    with pytest.raises(StateError, match="rokia withdrew this figure already"):
        field_claim_withdraw(claim=withdrawn, reviewer=reviewer, reason="Again")


def test_a_figure_of_a_field_the_article_no_longer_has_cannot_be_preferred(
    disputed, reviewer, add_figure
):
    claim = add_figure(disputed)
    state = selectors.article_current_state(disputed)
    revise(disputed, state.replace(infobox=(InfoboxEntry("Date", "27 July 2017"),)))

    with pytest.raises(StateError, match="no longer has the field “Casualties1”"):
        field_claim_prefer(claim=claim, reviewer=reviewer)
    claim.refresh_from_db()
    assert claim.is_open


def test_withdrawing_a_figure_keeps_it_with_the_reason_and_narrows_the_figures(
    disputed, reviewer, add_figure
):
    claim = add_figure(disputed, "about 60 killed")

    with committed():
        field_claim_withdraw(claim=claim, reviewer=reviewer, reason="A rumour")

    claim.refresh_from_db()
    assert (claim.outcome, claim.retired_reason) == (FieldClaim.Outcome.WITHDRAWN, "A rumour")
    figures = ArticleFigures.objects.get(article=disputed)
    assert (figures.killed_low, figures.killed_high) == (41, 41)


def test_withdrawing_needs_a_reason_and_a_reviewer(disputed, editor, reviewer, add_figure):
    claim = add_figure(disputed)

    with pytest.raises(PermissionDenied):
        field_claim_withdraw(claim=claim, reviewer=editor, reason="Mine is better")
    with pytest.raises(ValidationError, match="Say why the figure goes"):
        field_claim_withdraw(claim=claim, reviewer=reviewer, reason=" ")
    claim.refresh_from_db()
    assert claim.is_open
