"""Reviewers' decisions: approving on top of the article as it is now, rejecting, reverting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.changes import changes_apply
from conflicts.models import Proposal
from conflicts.services.errors import ProposalConflict, ProposalStateError
from conflicts.services.proposals import proposal_update, proposal_withdraw
from conflicts.services.reviews import article_revert, proposal_approve, proposal_reject
from tests.conflicts.services import (
    assert_nothing_published,
    assert_published,
    assert_reads_like,
    assert_refused,
    assert_single_new_revision,
    published,
    published_state,
    with_infobox,
)
from tests.factories import ArticleStateFactory, UserFactory, propose, publish, revise

pytestmark = pytest.mark.django_db

ORIGINAL = "40 killed, 50 wounded"
SWAPPED = "50 killed, 40 wounded"
SWAP = {"infobox": {"Casualties1": SWAPPED}}
SUMMARY = "Killed and wounded were swapped; the body says 50 killed and 40 wounded"
REASON = "The MNLA communiqué gives 40 killed; keep the infobox as it is."

Status = Proposal.Status


@pytest.fixture
def article():
    """An article whose infobox reads Casualties1 = "40 killed, 50 wounded"."""
    return publish(ArticleStateFactory(title="Second Battle of Ménaka")).article


@pytest.fixture
def proposal(article, editor):
    return propose(article, SWAP, author=editor, summary=SUMMARY)


def assert_status(proposal: Proposal, status: str) -> Proposal:
    """The proposal, re-read from the database, is in `status`; returns it re-read."""
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.status == status
    return stored


def approve(proposal, reviewer):
    return proposal_approve(proposal=proposal, reviewer=reviewer)


def reject(proposal, reviewer):
    return proposal_reject(proposal=proposal, reviewer=reviewer, reason=REASON)


def withdraw(proposal, reviewer):
    return proposal_withdraw(proposal=proposal, user=proposal.author)


# --- Approving --------------------------------------------------------------------------------


def test_approving_publishes_a_revision_credited_to_the_proposer_and_the_reviewer(
    article, proposal, editor, reviewer
):
    revision = approve(proposal, reviewer)

    newest = assert_single_new_revision(article, before=1)
    assert newest == revision
    assert newest.number == 2
    assert newest.revision.user == editor
    assert newest.revision.comment == SUMMARY
    assert newest.reviewer == reviewer


def test_an_approved_proposal_records_its_reviewer_and_resulting_revision(proposal, reviewer):
    revision = approve(proposal, reviewer)

    approved = assert_status(proposal, Status.APPROVED)
    assert approved.reviewer == reviewer
    assert approved.resulting_revision == revision
    assert approved.reviewed_at is not None
    assert approved.reviewed_at >= approved.created_at


def test_approving_publishes_exactly_the_proposed_content(article, proposal, reviewer):
    expected = with_infobox(published_state(article), Casualties1=SWAPPED)

    revision = approve(proposal, reviewer)

    assert_reads_like(article, expected)
    assert selectors.revision_state(revision) == expected
    assert revision.size == expected.size


def test_approving_a_whole_edited_article_publishes_that_article(article, editor, reviewer):
    current = published_state(article)
    edited = with_infobox(
        current.replace(lead="The battle was fought for Ménaka.", sections=current.sections[1:]),
        Casualties1=SWAPPED,
    )
    proposal = propose(article, author=editor, proposed=edited)

    approve(proposal, reviewer)

    assert_reads_like(article, edited)


def test_a_superuser_may_approve_without_being_in_the_reviewers_group(article, proposal):
    admin = UserFactory(username="admin", is_superuser=True)

    approve(proposal, admin)

    assert_published(article, Casualties1=SWAPPED)
    assert assert_status(proposal, Status.APPROVED).reviewer == admin


@pytest.mark.parametrize("decide", [approve, reject], ids=["approve", "reject"])
def test_an_editor_who_is_not_a_reviewer_cannot_decide(article, proposal, decide):
    before = published(article)

    with pytest.raises(PermissionDenied):
        decide(proposal, UserFactory(username="moussa"))

    assert_nothing_published(article, since=before)
    assert_status(proposal, Status.PENDING)


@pytest.mark.parametrize("decide", [approve, reject], ids=["approve", "reject"])
def test_a_reviewer_cannot_decide_on_their_own_proposal(article, reviewer, decide):
    own = propose(article, SWAP, author=reviewer)
    before = published(article)

    with pytest.raises(PermissionDenied):
        decide(own, reviewer)

    assert_nothing_published(article, since=before)
    assert_status(own, Status.PENDING)


def test_approving_twice_publishes_once(article, proposal, reviewer, second_reviewer):
    revision = approve(proposal, reviewer)

    for someone in (reviewer, second_reviewer):
        with pytest.raises(ProposalStateError):
            approve(proposal, someone)

    assert article.revisions.count() == 2
    approved = assert_status(proposal, Status.APPROVED)
    assert (approved.reviewer, approved.resulting_revision) == (reviewer, revision)


def test_a_proposal_whose_change_is_already_published_is_not_approved_again(article, reviewer):
    first = propose(article, SWAP, author=UserFactory(), summary=SUMMARY)
    second = propose(article, SWAP, author=UserFactory(), summary="Same correction")
    approve(first, reviewer)
    before = published(article)

    with pytest.raises(ProposalStateError, match="already published"):
        approve(second, reviewer)

    assert_nothing_published(article, since=before)
    assert_status(second, Status.PENDING)


@pytest.mark.parametrize("close", [reject, withdraw], ids=["rejected", "withdrawn"])
def test_a_rejected_or_withdrawn_proposal_cannot_be_approved(
    article, proposal, second_reviewer, reviewer, close
):
    close(proposal, second_reviewer)
    status = Proposal.objects.get(pk=proposal.pk).status
    before = published(article)

    with pytest.raises(ProposalStateError):
        approve(proposal, reviewer)

    assert_nothing_published(article, since=before)
    assert_status(proposal, status)


@pytest.mark.parametrize(
    "approved_first",
    [
        pytest.param({"infobox": {"Casualties2": "3 killed"}}, id="another infobox field"),
        pytest.param({"lead": "A corrected lead."}, id="the lead"),
        pytest.param({"infobox": {"Notes": "Figures from the MNLA"}}, id="a new infobox field"),
    ],
)
def test_a_stale_proposal_that_changes_something_else_merges_cleanly(
    article, proposal, reviewer, approved_first
):
    base = published_state(article)
    approve(propose(article, approved_first), reviewer)

    revision = approve(proposal, reviewer)

    both = changes_apply(changes_apply(base, approved_first), SWAP)
    assert_reads_like(article, both)
    assert revision.number == 3
    assert assert_status(proposal, Status.APPROVED).base_revision.number == 1


@pytest.mark.parametrize(
    ("approved_first", "stale", "label"),
    [
        pytest.param(
            {"infobox": {"Casualties1": "45 killed"}}, SWAP, "infobox: Casualties1", id="field"
        ),
        pytest.param({"lead": "One lead."}, {"lead": "Another lead."}, "lead", id="lead"),
        pytest.param(
            {"infobox": {"Casualties1": None}}, SWAP, "infobox: Casualties1", id="field removed"
        ),
    ],
)
def test_approving_a_stale_proposal_with_an_overlapping_change_is_a_conflict(
    article, editor, reviewer, approved_first, stale, label
):
    stale = propose(article, stale, author=editor)
    approve(propose(article, approved_first), reviewer)
    before = published(article)

    with pytest.raises(ProposalConflict) as conflict:
        approve(stale, reviewer)

    assert conflict.value.conflicts == [label]
    assert label in str(conflict.value)
    assert_nothing_published(article, since=before)
    conflicting = assert_status(stale, Status.CONFLICT)
    assert conflicting.conflicts == [label]
    assert conflicting.resulting_revision is None


def test_a_conflicting_proposal_cannot_be_approved_until_its_author_updates_it(
    article, editor, reviewer
):
    approved_first = propose(article, {"infobox": {"Casualties1": "45 killed"}})
    stale = propose(article, SWAP, author=editor)
    approve(approved_first, reviewer)
    with pytest.raises(ProposalConflict):
        approve(stale, reviewer)
    with pytest.raises(ProposalStateError):
        approve(stale, reviewer)

    proposal_update(
        proposal=stale,
        user=editor,
        summary="45 killed, as now published, and the 40 wounded",
        changes={"infobox": {"Casualties1": "45 killed, 40 wounded"}},
        base_revision=selectors.article_current_revision(article),
    )
    revision = approve(stale, reviewer)

    assert revision.number == 3
    assert_published(article, Casualties1="45 killed, 40 wounded")
    assert assert_status(stale, Status.APPROVED).resulting_revision == revision


def test_approving_a_fix_of_one_kidal_infobox_field_changes_only_that_field(
    kidal, editor, reviewer
):
    expected = with_infobox(published_state(kidal), Casualties1="50 killed")
    proposal = propose(kidal, {"infobox": {"Casualties1": "50 killed"}}, author=editor)

    approve(proposal, reviewer)

    assert_reads_like(kidal, expected)


# --- Rejecting --------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_rejecting_needs_a_reason(proposal, reviewer, reason):
    with pytest.raises(ValidationError) as refused:
        proposal_reject(proposal=proposal, reviewer=reviewer, reason=reason)

    assert_refused(refused.value, "reason")
    assert_status(proposal, Status.PENDING)


def test_rejecting_records_the_reviewer_and_reason_and_publishes_nothing(
    article, proposal, reviewer
):
    before = published(article)

    proposal_reject(proposal=proposal, reviewer=reviewer, reason=f"  {REASON}\n")

    assert_nothing_published(article, since=before)
    rejected = assert_status(proposal, Status.REJECTED)
    assert rejected.reviewer == reviewer
    assert rejected.review_reason == REASON
    assert rejected.reviewed_at is not None
    assert rejected.resulting_revision is None


def test_a_conflicting_proposal_can_be_rejected(article, proposal, reviewer):
    approve(propose(article, {"infobox": {"Casualties1": "45 killed"}}), reviewer)
    with pytest.raises(ProposalConflict):
        approve(proposal, reviewer)

    reject(proposal, reviewer)

    assert assert_status(proposal, Status.REJECTED).review_reason == REASON


@pytest.mark.parametrize(
    "close", [approve, reject, withdraw], ids=["approved", "rejected", "withdrawn"]
)
def test_a_closed_proposal_cannot_be_rejected(proposal, reviewer, second_reviewer, close):
    close(proposal, reviewer)
    closed = Proposal.objects.get(pk=proposal.pk)

    with pytest.raises(ProposalStateError):
        reject(proposal, second_reviewer)

    stored = assert_status(proposal, closed.status)
    assert (stored.reviewer, stored.review_reason) == (closed.reviewer, closed.review_reason)


def test_an_over_long_rejection_reason_is_refused(proposal, reviewer):
    with pytest.raises(ValidationError) as refused:
        proposal_reject(proposal=proposal, reviewer=reviewer, reason="x" * 5_001)

    assert_refused(refused.value, "reason")
    assert_status(proposal, Status.PENDING)


# --- Reverting --------------------------------------------------------------------------------


@pytest.fixture
def revised(article):
    """The article at revision 3, after two corrections; its revisions, oldest first."""
    state = published_state(article)
    revise(article, with_infobox(state, Casualties1="45 killed"), summary="Casualties")
    revise(article, published_state(article).replace(lead="A new lead."), summary="Lead")
    return list(article.revisions.order_by("number"))


def test_reverting_publishes_the_earlier_revision_again_as_a_new_revision(
    article, revised, reviewer
):
    first = revised[0]
    earlier_states = [selectors.revision_state(r) for r in revised]

    revision = article_revert(article=article, revision=first, reviewer=reviewer)

    newest = assert_single_new_revision(article, before=3)
    assert newest == revision
    assert newest.number == 4
    assert newest.revision.comment == "Reverted to revision 1"
    assert newest.revision.user == reviewer
    assert newest.reviewer == reviewer
    assert_reads_like(article, earlier_states[0])
    assert selectors.revision_state(newest) == earlier_states[0]


def test_reverting_never_rewrites_history(article, revised, reviewer):
    earlier = [(r.number, r.revision_id, selectors.revision_state(r)) for r in revised]

    article_revert(article=article, revision=revised[0], reviewer=reviewer)

    history = list(selectors.article_history(article).order_by("number"))
    assert [(r.number, r.revision_id, selectors.revision_state(r)) for r in history[:3]] == earlier
    assert [r.number for r in history] == [1, 2, 3, 4]


def test_an_editor_who_is_not_a_reviewer_cannot_revert(article, revised, editor):
    before = published(article)

    with pytest.raises(PermissionDenied):
        article_revert(article=article, revision=revised[0], reviewer=editor)

    assert_nothing_published(article, since=before)


def test_reverting_to_the_current_revision_is_refused(article, revised, reviewer):
    before = published(article)

    with pytest.raises(ValidationError):
        article_revert(article=article, revision=revised[-1], reviewer=reviewer)

    assert_nothing_published(article, since=before)


def test_reverting_to_an_earlier_revision_that_reads_like_the_current_one_is_refused(
    article, revised, reviewer
):
    revise(article, selectors.revision_state(revised[1]), summary="Back to revision 2 by hand")
    before = published(article)

    with pytest.raises(ValidationError):
        article_revert(article=article, revision=revised[1], reviewer=reviewer)

    assert_nothing_published(article, since=before)


def test_reverting_to_a_revision_of_another_article_is_refused(article, revised, reviewer):
    elsewhere = publish(ArticleStateFactory(title="Raid on Ménaka"))
    before = published(article)

    with pytest.raises(ValidationError):
        article_revert(article=article, revision=elsewhere, reviewer=reviewer)

    assert_nothing_published(article, since=before)
