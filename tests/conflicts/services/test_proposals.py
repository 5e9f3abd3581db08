"""Editors' proposals: what is stored, what is refused, and who may change or withdraw them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.models import Proposal
from conflicts.services.errors import ProposalConflict, ProposalStateError
from conflicts.services.proposals import proposal_create, proposal_update, proposal_withdraw
from conflicts.services.reviews import proposal_approve, proposal_reject
from tests.conflicts.services import (
    assert_nothing_published,
    assert_refused,
    published,
    published_state,
    with_infobox,
)
from tests.factories import ArticleStateFactory, UserFactory, propose, publish, revise

pytestmark = pytest.mark.django_db

SWAPPED = "50 killed, 40 wounded"
SWAP = {"infobox": {"Casualties1": SWAPPED}}
SUMMARY = "Killed and wounded were swapped; the body says 50 killed and 40 wounded"


@pytest.fixture
def article():
    """An article whose infobox reads Casualties1 = "40 killed, 50 wounded"."""
    return publish(ArticleStateFactory(title="Second Battle of Ménaka")).article


@pytest.fixture
def proposal(article, editor):
    return propose(article, SWAP, author=editor, summary=SUMMARY)


def assert_no_proposals() -> None:
    assert not Proposal.objects.exists()


def assert_unchanged(proposal: Proposal) -> None:
    """The proposal in the database still reads as it did when the test got it."""
    stored = Proposal.objects.get(pk=proposal.pk)
    kept = ("status", "changes", "summary", "source", "base_revision_id", "conflicts")
    assert {f: getattr(stored, f) for f in kept} == {f: getattr(proposal, f) for f in kept}


# --- Creating ---------------------------------------------------------------------------------


def test_a_proposal_from_a_whole_edited_article_stores_only_what_it_changes(article, editor):
    edited = with_infobox(published_state(article), Casualties1=SWAPPED)

    proposal = proposal_create(article=article, author=editor, summary=SUMMARY, proposed=edited)

    proposal.refresh_from_db()
    assert proposal.changes == SWAP
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.author == editor
    assert proposal.summary == SUMMARY


def test_a_proposal_from_partial_changes_is_stored_as_the_api_sent_it(kidal, editor):
    changes = {"infobox": {"Casualties1": "50 killed"}}

    proposal = proposal_create(
        article=kidal,
        author=editor,
        summary="The body gives 50 killed",
        source="https://example.org/kidal-casualties",
        changes=changes,
    )

    proposal.refresh_from_db()
    assert proposal.changes == changes
    assert proposal.source == "https://example.org/kidal-casualties"


def test_parts_sent_unchanged_are_not_stored(article, editor):
    current = published_state(article)
    changes = {
        "lead": current.lead,
        "infobox": {"Casualties1": SWAPPED, "Date": current.infobox_value("Date")},
    }

    proposal = propose(article, changes, author=editor)

    assert proposal.changes == SWAP


def test_summary_and_source_are_stored_without_surrounding_whitespace(article, editor):
    proposal = propose(article, SWAP, author=editor, summary="  Swap figures \n", source=" p. 3 ")

    proposal.refresh_from_db()
    assert (proposal.summary, proposal.source) == ("Swap figures", "p. 3")


def test_a_proposal_is_based_on_the_current_revision_by_default(article, editor):
    revise(article, published_state(article).replace(lead="A corrected lead."))

    proposal = propose(article, SWAP, author=editor)

    assert proposal.base_revision == selectors.article_current_revision(article)
    assert proposal.base_revision.number == 2


def test_a_proposal_can_be_based_on_an_earlier_revision_of_the_article(article, editor):
    first = selectors.article_current_revision(article)
    revise(article, published_state(article).replace(lead="A corrected lead."))

    proposal = propose(article, SWAP, author=editor, base_revision=first)

    assert proposal.base_revision == first
    assert proposal.changes == SWAP


def test_a_base_revision_of_another_article_is_refused(article, editor):
    elsewhere = publish(ArticleStateFactory(title="Raid on Ménaka"))

    with pytest.raises(ValidationError) as refused:
        propose(article, SWAP, author=editor, base_revision=elsewhere)

    assert_refused(refused.value, "base_revision")
    assert_no_proposals()


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        pytest.param({"summary": ""}, "summary", id="empty summary"),
        pytest.param({"summary": " \n\t "}, "summary", id="blank summary"),
        pytest.param({"summary": "x" * 501}, "summary", id="summary over 500 characters"),
        pytest.param({"source": "x" * 1001}, "source", id="source over 1,000 characters"),
    ],
)
def test_a_missing_or_over_long_summary_or_source_is_refused(article, editor, fields, at_fault):
    with pytest.raises(ValidationError) as refused:
        propose(article, SWAP, author=editor, **fields)

    assert_refused(refused.value, at_fault)
    assert_no_proposals()


def test_a_summary_and_source_at_their_limits_are_accepted(article, editor):
    proposal = propose(article, SWAP, author=editor, summary="x" * 500, source="y" * 1000)

    assert (len(proposal.summary), len(proposal.source)) == (500, 1000)


@pytest.mark.parametrize(
    "how",
    ["no changes", "the current value again", "the whole article unedited"],
)
def test_a_proposal_identical_to_the_current_version_is_refused(article, editor, how):
    current = published_state(article)
    content = {
        "no changes": {"changes": {}},
        "the current value again": {
            "changes": {"infobox": {"Casualties1": current.infobox_value("Casualties1")}}
        },
        "the whole article unedited": {"proposed": current},
    }[how]

    with pytest.raises(ValidationError) as refused:
        proposal_create(article=article, author=editor, summary=SUMMARY, **content)

    assert not hasattr(refused.value, "error_dict"), "a message about the whole proposal"
    assert "identical to the current version" in refused.value.messages[0]
    assert_no_proposals()


def test_a_proposal_repeating_what_was_published_since_its_base_is_refused(article, editor):
    first = selectors.article_current_revision(article)
    revise(article, with_infobox(published_state(article), Casualties1=SWAPPED))

    with pytest.raises(ValidationError) as refused:
        propose(article, SWAP, author=editor, base_revision=first)

    assert "identical to the current version" in refused.value.messages[0]
    assert_no_proposals()


@pytest.mark.parametrize(
    ("changes", "at_fault"),
    [
        pytest.param({"infobox": "x"}, "infobox", id="infobox not an object"),
        pytest.param({"infobox": {"Casualties1": 50}}, "infobox", id="infobox value a number"),
        pytest.param({"infobox": {"Notes": None}}, "infobox", id="removing a missing field"),
        pytest.param({"title": ["Battle"]}, "title", id="title not text"),
        pytest.param(
            {"sections": [{"id": 999_999, "heading": "Battle", "level": 2, "body": ""}]},
            "sections",
            id="unknown section id",
        ),
        pytest.param(
            {"sections": [{"id": None, "heading": "Battle", "level": 4, "body": ""}]},
            "sections",
            id="section level 4",
        ),
        pytest.param({"coordinates": {"lat": "NaN", "lon": "1"}}, "coordinates", id="NaN"),
        pytest.param({"casualties": "50 killed"}, "non_field_errors", id="unknown part"),
    ],
)
def test_malformed_changes_are_refused_by_part_and_nothing_is_stored(
    article, editor, changes, at_fault
):
    with pytest.raises(ValidationError) as refused:
        propose(article, changes, author=editor)

    assert_refused(refused.value, at_fault)
    assert_no_proposals()


def test_every_problem_is_reported_at_once(article, editor):
    with pytest.raises(ValidationError) as refused:
        propose(article, {"infobox": "x", "title": 1}, author=editor, summary=" ")

    assert_refused(refused.value, "infobox", "title", "summary")


def _repeating_a_key(current):
    return {"proposed": current.replace(infobox=(*current.infobox, InfoboxEntry("Date", "1990")))}


@pytest.mark.parametrize(
    ("content", "at_fault"),
    [
        pytest.param(lambda _: {"changes": {"title": ""}}, "title", id="empty title"),
        pytest.param(lambda _: {"changes": {"title": "   "}}, "title", id="blank title"),
        pytest.param(
            lambda _: {"changes": {"infobox": {"Casualties1": "x" * 2001}}},
            "infobox",
            id="infobox value over 2,000 characters",
        ),
        pytest.param(lambda _: {"changes": {"lead": "x" * 20_001}}, "lead", id="lead too long"),
        pytest.param(
            lambda _: {"changes": {"coordinates": {"lat": "91", "lon": "0"}}},
            "coordinates",
            id="latitude out of range",
        ),
        pytest.param(_repeating_a_key, "infobox", id="a whole article repeating a key"),
    ],
)
def test_invalid_content_is_refused_by_field_and_nothing_is_stored(
    article, editor, content, at_fault
):
    with pytest.raises(ValidationError) as refused:
        proposal_create(
            article=article, author=editor, summary=SUMMARY, **content(published_state(article))
        )

    assert_refused(refused.value, at_fault)
    assert_no_proposals()


def test_creating_a_proposal_never_changes_the_published_article_or_its_history(article, editor):
    before = published(article)

    propose(article, SWAP, author=editor)
    propose(article, {"lead": "A pending lead.", "title": "Pending title"}, author=editor)

    assert_nothing_published(article, since=before)


def test_giving_both_a_whole_article_and_changes_is_a_programming_error(article, editor):
    with pytest.raises(TypeError):
        propose(article, SWAP, author=editor, proposed=published_state(article))


# --- Updating ---------------------------------------------------------------------------------


def test_the_author_can_replace_the_content_of_a_pending_proposal(proposal, editor):
    updated = proposal_update(
        proposal=proposal,
        user=editor,
        summary="The figures are 50 killed, per the body",
        source="Body, paragraph 2",
        changes={"infobox": {"Casualties1": "50 killed"}},
    )

    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored == updated
    assert stored.changes == {"infobox": {"Casualties1": "50 killed"}}
    assert (stored.summary, stored.source) == (
        "The figures are 50 killed, per the body",
        "Body, paragraph 2",
    )
    assert stored.status == Proposal.Status.PENDING
    assert stored.base_revision == proposal.base_revision


def test_updating_a_conflicting_proposal_on_the_current_revision_makes_it_pending_again(
    article, editor, reviewer
):
    first = propose(article, {"infobox": {"Casualties1": "45 killed"}})
    conflicting = propose(article, SWAP, author=editor)
    proposal_approve(proposal=first, reviewer=reviewer)
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=conflicting, reviewer=reviewer)
    current = selectors.article_current_revision(article)

    proposal_update(
        proposal=conflicting,
        user=editor,
        summary="Rebased on the 45 killed correction",
        changes={"infobox": {"Casualties1": "45 killed, 40 wounded"}},
        base_revision=current,
    )

    conflicting.refresh_from_db()
    assert conflicting.status == Proposal.Status.PENDING
    assert conflicting.conflicts == []
    assert conflicting.base_revision == current
    assert conflicting.changes == {"infobox": {"Casualties1": "45 killed, 40 wounded"}}


def test_an_invalid_update_leaves_the_proposal_as_it_was(proposal, editor):
    with pytest.raises(ValidationError) as refused:
        proposal_update(proposal=proposal, user=editor, summary="", changes={"infobox": "x"})

    assert_refused(refused.value, "infobox", "summary")
    assert_unchanged(proposal)


def test_an_update_back_to_the_current_version_is_refused(proposal, editor):
    with pytest.raises(ValidationError):
        proposal_update(proposal=proposal, user=editor, summary=SUMMARY, changes={})

    assert_unchanged(proposal)


def _update(proposal, user):
    proposal_update(proposal=proposal, user=user, summary="Mine now", changes={"lead": "Mine."})


def _withdraw(proposal, user):
    proposal_withdraw(proposal=proposal, user=user)


@pytest.mark.parametrize("action", [_update, _withdraw], ids=["update", "withdraw"])
def test_only_the_author_can_update_or_withdraw_a_proposal(proposal, reviewer, action):
    for someone_else in (UserFactory(username="moussa"), reviewer):
        with pytest.raises(PermissionDenied):
            action(proposal, someone_else)

    assert_unchanged(proposal)


def test_the_author_can_withdraw_a_pending_proposal_once(proposal, editor):
    proposal_withdraw(proposal=proposal, user=editor)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN

    with pytest.raises(ProposalStateError):
        proposal_withdraw(proposal=proposal, user=editor)

    assert_unchanged(proposal)


def _close(proposal, how, reviewer):
    if how == "withdrawn":
        proposal_withdraw(proposal=proposal, user=proposal.author)
    elif how == "approved":
        proposal_approve(proposal=proposal, reviewer=reviewer)
    else:
        proposal_reject(proposal=proposal, reviewer=reviewer, reason="Not what the sources say")
    proposal.refresh_from_db()
    assert proposal.status == how


@pytest.mark.parametrize("how", ["withdrawn", "approved", "rejected"])
def test_a_closed_proposal_can_be_neither_updated_nor_withdrawn(proposal, editor, reviewer, how):
    _close(proposal, how, reviewer)

    with pytest.raises(ProposalStateError):
        proposal_update(
            proposal=proposal,
            user=editor,
            summary="One more fix",
            changes={"infobox": {"Casualties1": "50 killed"}},
        )
    with pytest.raises(ProposalStateError):
        proposal_withdraw(proposal=proposal, user=editor)

    assert_unchanged(proposal)
