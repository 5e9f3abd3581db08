"""Each rule of `conflicts.permissions` for each kind of person, without HTTP: the pages, the
API and the services only ask these questions (tests/test_urls.py walks the routes)."""

import pytest
from django.core.exceptions import PermissionDenied

from conflicts import permissions
from conflicts.models import Proposal
from conflicts.permissions import ProposalActions
from conflicts.services.errors import ProposalConflict
from conflicts.services.proposals import proposal_withdraw
from conflicts.services.reviews import (
    proposal_approve,
    proposal_reject,
    proposal_request_changes,
)
from tests.factories import propose

pytestmark = pytest.mark.django_db

Status = Proposal.Status


@pytest.fixture
def proposals(article, people) -> dict[str, Proposal]:
    """One proposal by the author in each state, by status."""
    author, reviewer = people["author"], people["reviewer"]

    def made(title):
        return propose(article, {"title": title}, author=author)

    approved, conflict = made("Approved"), made("Clashing")
    rejected, withdrawn = made("Rejected"), made("Withdrawn")
    changes = made("Changes asked")
    proposal_approve(proposal=approved, reviewer=reviewer)
    # Both changed the title of the same revision: the second one clashes.
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=conflict, reviewer=reviewer)
    proposal_reject(proposal=rejected, reviewer=reviewer, reason="Unsourced.")
    proposal_withdraw(proposal=withdrawn, user=author)
    proposal_request_changes(proposal=changes, reviewer=reviewer, message="Cite a source.")
    made("Pending")
    # As stored: the services decide on copies they lock.
    return {proposal.status: proposal for proposal in Proposal.objects.all()}


def answers(people, rule, *objects) -> dict[str, bool]:
    return {role: rule(user, *objects) for role, user in people.items()}


def everyone_but(*roles) -> dict[str, bool]:
    return {
        role: role not in roles
        for role in ("anonymous", "author", "other editor", "reviewer", "superuser")
    }


def only(*roles) -> dict[str, bool]:
    return {role: not allowed for role, allowed in everyone_but(*roles).items()}


# --- Rules about a person alone --------------------------------------------------------------


@pytest.mark.parametrize(
    "rule", [permissions.propose, permissions.follow_proposals, permissions.see_import_notes]
)
def test_every_signed_in_account_may_propose_follow_its_proposals_and_read_import_notes(
    people, rule
):
    assert answers(people, rule) == everyone_but("anonymous")


@pytest.mark.parametrize(
    "rule",
    [
        permissions.review,
        permissions.revert_article,
        permissions.dismiss_finding,
        permissions.weigh_figures,
        permissions.block_users,
        permissions.protect_articles,
    ],
)
def test_reviewers_and_superusers_alone_review_revert_and_keep_order(people, rule):
    assert answers(people, rule) == only("reviewer", "superuser")


def test_administrators_alone_change_roles(people):
    assert answers(people, permissions.manage_roles) == only("superuser")


def test_an_inactive_account_may_neither_propose_nor_review(reviewer):
    reviewer.is_active = False

    assert not permissions.propose(reviewer)
    assert not permissions.review(reviewer)


# --- Rules about a proposal ------------------------------------------------------------------


@pytest.mark.parametrize("rule", [permissions.change_proposal, permissions.withdraw_proposal])
def test_only_the_author_may_change_or_withdraw_a_proposal(people, proposals, rule):
    assert answers(people, rule, proposals[Status.PENDING]) == only("author")


REVIEWERS_RULES = [
    permissions.approve_proposal,
    permissions.reject_proposal,
    permissions.request_changes,
]


@pytest.mark.parametrize("rule", REVIEWERS_RULES)
def test_reviewers_and_superusers_may_approve_reject_or_return_someone_elses_proposal(
    people, proposals, rule
):
    assert answers(people, rule, proposals[Status.PENDING]) == only("reviewer", "superuser")


@pytest.mark.parametrize("rule", REVIEWERS_RULES)
@pytest.mark.parametrize("who", ["reviewer", "superuser"])
def test_nobody_approves_rejects_or_returns_their_own_proposal(people, article, rule, who):
    own = propose(article, {"title": "My own title"}, author=people[who])

    assert not rule(people[who], own)


@pytest.mark.parametrize("status", list(Status))
def test_the_author_and_reviewers_alone_discuss_a_proposal_in_any_state(people, proposals, status):
    assert answers(people, permissions.comment_on_proposal, proposals[status]) == (
        everyone_but("anonymous", "other editor")
    )


def test_require_refuses_with_the_rules_sentence(people, proposals):
    with pytest.raises(PermissionDenied, match=r"^Only the author can withdraw a proposal\.$"):
        permissions.withdraw_proposal.require(people["reviewer"], proposals[Status.PENDING])


def test_require_lets_an_allowed_person_through(people, proposals):
    permissions.approve_proposal.require(people["reviewer"], proposals[Status.PENDING])


# --- Seeing proposals ------------------------------------------------------------------------

CLOSED_TO_OTHERS = [
    Status.PENDING,
    Status.CONFLICT,
    Status.CHANGES,
    Status.REJECTED,
    Status.WITHDRAWN,
]


@pytest.mark.parametrize("status", CLOSED_TO_OTHERS)
def test_a_proposal_not_approved_is_seen_by_its_author_and_reviewers_only(
    people, proposals, status
):
    assert visible(people, proposals[status]) == everyone_but("anonymous", "other editor")


def test_an_approved_proposal_is_seen_by_everyone(people, proposals):
    assert visible(people, proposals[Status.APPROVED]) == everyone_but()


def visible(people, proposal) -> dict[str, bool]:
    """Whether each person finds `proposal` among the proposals they may see."""
    found = Proposal.objects.filter(pk=proposal.pk)
    return {
        role: found.filter(permissions.proposals_visible_to(user)).exists()
        for role, user in people.items()
    }


def test_the_author_and_reviewers_see_someones_list_of_proposals(people):
    assert answers(people, permissions.see_proposals_of, people["author"]) == everyone_but(
        "anonymous", "other editor"
    )


# --- What a proposal's page offers -----------------------------------------------------------


def actions(*offered: str, comment: bool = False) -> ProposalActions:
    """What a page offers: the actions named, and the discussion if `comment`."""
    names = ("approve", "request_changes", "reject", "change", "withdraw")
    return ProposalActions(**{name: name in offered for name in names}, comment=comment)


NOTHING = actions()
AUTHORS = actions("change", "withdraw", comment=True)
REVIEWERS = actions("approve", "request_changes", "reject", comment=True)
# Closed: nothing to do but talk it over.
DISCUSSION_ONLY = actions(comment=True)


@pytest.mark.parametrize(
    ("status", "to_author", "to_reviewers"),
    [
        (Status.PENDING, AUTHORS, REVIEWERS),
        # In the author's hands: rejected or reworked, never approved as it stands.
        (Status.CONFLICT, AUTHORS, actions("reject", comment=True)),
        (Status.CHANGES, AUTHORS, actions("reject", comment=True)),
        (Status.APPROVED, DISCUSSION_ONLY, DISCUSSION_ONLY),
        (Status.REJECTED, DISCUSSION_ONLY, DISCUSSION_ONLY),
        (Status.WITHDRAWN, DISCUSSION_ONLY, DISCUSSION_ONLY),
    ],
)
def test_a_proposals_page_offers_each_person_what_its_state_allows(
    people, proposals, status, to_author, to_reviewers
):
    proposal = proposals[status]
    offered = {role: permissions.proposal_actions(user, proposal) for role, user in people.items()}

    assert offered == {
        "anonymous": NOTHING,
        "author": to_author,
        "other editor": NOTHING,
        "reviewer": to_reviewers,
        "superuser": to_reviewers,
    }
