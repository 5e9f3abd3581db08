"""Reviewers acting at the same moment: nothing published twice, no update lost.

Each race runs its contenders in threads, one database connection each, released
together by a barrier; PostgreSQL's row locks decide the order. Every race is run a few
times, each on a fresh article.
"""

import threading
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from conflicts import selectors
from conflicts.models import Article, ArticleRevision, Proposal
from conflicts.services.errors import ProposalConflict, ProposalStateError
from conflicts.services.reviews import article_revert, proposal_approve
from tests.conflicts.services import published_state, with_infobox
from tests.factories import ArticleStateFactory, propose, publish, revise

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("on_postgres")]

ROUNDS = 5
SWAPPED = "50 killed, 40 wounded"
Status = Proposal.Status

# A contender loads what it needs in its own thread, then returns the action to race.
Contender = Callable[[], Callable[[], object]]


def race(*contenders: Contender) -> list[object]:
    """What each contender's action returned or raised, in the order given."""
    barrier = threading.Barrier(len(contenders))
    outcomes: list[object] = [None] * len(contenders)

    def run(index: int, contender: Contender) -> None:
        try:
            action = contender()
            barrier.wait(timeout=10)
            outcomes[index] = action()
        except Exception as error:
            barrier.abort()  # nobody waits for a contender that failed to start
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a contender is still running"
    return outcomes


def approving(proposal: Proposal, reviewer) -> Contender:
    def load():
        mine = Proposal.objects.select_related("article", "base_revision").get(pk=proposal.pk)
        me = get_user_model().objects.get(pk=reviewer.pk)
        return lambda: proposal_approve(proposal=mine, reviewer=me)

    return load


def reverting(revision: ArticleRevision, reviewer) -> Contender:
    def load():
        mine = ArticleRevision.objects.get(pk=revision.pk)
        article = Article.objects.get(pk=revision.article_id)
        me = get_user_model().objects.get(pk=reviewer.pk)
        return lambda: article_revert(article=article, revision=mine, reviewer=me)

    return load


def published_revisions(outcomes: list[object]) -> list[ArticleRevision]:
    """The revisions the race published; fails on any outcome that is neither that nor
    one of the errors the services raise for a lost race."""
    lost = (ProposalStateError, ProposalConflict)
    unexpected = [o for o in outcomes if not isinstance(o, (ArticleRevision, *lost))]
    assert not unexpected, f"unexpected outcomes: {outcomes!r}"
    return [o for o in outcomes if isinstance(o, ArticleRevision)]


def assert_history_numbers(article: Article, numbers: list[int]) -> None:
    assert list(article.revisions.order_by("number").values_list("number", flat=True)) == numbers


def new_article() -> Article:
    return publish(ArticleStateFactory()).article


@pytest.mark.parametrize(
    "second", ["second_reviewer", "reviewer"], ids=["two reviewers", "a double click"]
)
def test_a_proposal_approved_by_several_hands_at_once_is_published_once(
    request, editor, reviewer, second
):
    others = request.getfixturevalue(second)
    for _ in range(ROUNDS):
        article = new_article()
        expected = with_infobox(published_state(article), Casualties1=SWAPPED)
        proposal = propose(article, {"infobox": {"Casualties1": SWAPPED}}, author=editor)

        outcomes = race(
            approving(proposal, reviewer), approving(proposal, others), approving(proposal, others)
        )

        published = published_revisions(outcomes)
        assert len(published) == 1, outcomes
        assert sum(isinstance(o, ProposalStateError) for o in outcomes) == 2, outcomes
        assert_history_numbers(article, [1, 2])
        assert published_state(article) == expected
        approved = Proposal.objects.get(pk=proposal.pk)
        assert approved.status == Status.APPROVED
        assert approved.resulting_revision == published[0]


def test_of_two_overlapping_proposals_approved_at_once_one_wins_and_one_conflicts(
    editor, reviewer, second_reviewer
):
    for _ in range(ROUNDS):
        article = new_article()
        base = published_state(article)
        proposals = [
            propose(article, {"infobox": {"Casualties1": SWAPPED}}, author=editor),
            propose(article, {"infobox": {"Casualties1": "45 killed"}}, author=editor),
        ]

        outcomes = race(approving(proposals[0], reviewer), approving(proposals[1], second_reviewer))

        (revision,) = published_revisions(outcomes)
        (conflict,) = [o for o in outcomes if isinstance(o, ProposalConflict)]
        assert conflict.conflicts == ["infobox: Casualties1"]
        stored = Proposal.objects.filter(pk__in=[p.pk for p in proposals])
        by_status = {p.status: p for p in stored}
        assert set(by_status) == {Status.APPROVED, Status.CONFLICT}
        winner, loser = by_status[Status.APPROVED], by_status[Status.CONFLICT]
        assert winner.resulting_revision == revision
        assert loser.conflicts == ["infobox: Casualties1"]
        assert_history_numbers(article, [1, 2])
        winning_value = winner.changes["infobox"]["Casualties1"]
        assert published_state(article) == with_infobox(base, Casualties1=winning_value)


def test_two_proposals_changing_different_parts_approved_at_once_are_both_published(
    editor, reviewer, second_reviewer
):
    for _ in range(ROUNDS):
        article = new_article()
        base = published_state(article)
        casualties = propose(article, {"infobox": {"Casualties1": SWAPPED}}, author=editor)
        lead = propose(article, {"lead": "The battle was fought for Ménaka."}, author=editor)

        outcomes = race(approving(casualties, reviewer), approving(lead, second_reviewer))

        published = published_revisions(outcomes)
        assert len(published) == 2, outcomes
        assert sorted(revision.number for revision in published) == [2, 3]
        assert_history_numbers(article, [1, 2, 3])
        both = with_infobox(base, Casualties1=SWAPPED).replace(
            lead="The battle was fought for Ménaka."
        )
        assert published_state(article) == both
        assert set(Proposal.objects.values_list("status", flat=True)) == {Status.APPROVED}


def test_an_approval_racing_a_revert_is_applied_before_or_after_it_never_lost_halfway(
    editor, reviewer, second_reviewer
):
    for _ in range(ROUNDS):
        article = new_article()
        first = selectors.article_current_revision(article)
        original = published_state(article)
        revise(article, original.replace(lead="A lead later found to be wrong."))
        proposal = propose(article, {"infobox": {"Casualties1": SWAPPED}}, author=editor)

        outcomes = race(approving(proposal, reviewer), reverting(first, second_reviewer))

        published = published_revisions(outcomes)
        assert len(published) == 2, outcomes
        assert_history_numbers(article, [1, 2, 3, 4])
        last = article.revisions.select_related("revision").first()
        final = published_state(article)
        assert final == selectors.revision_state(last)
        if last.revision.comment == "Reverted to revision 1":
            assert final == original
        else:
            # The revert ran first; the approval merged on top of it, keeping the revert.
            assert last == Proposal.objects.get(pk=proposal.pk).resulting_revision
            assert final == with_infobox(original, Casualties1=SWAPPED)
