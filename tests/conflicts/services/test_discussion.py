"""A proposal's discussion and a reviewer's request for changes: who may, what is kept, and
how fast one may write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts.limits import COMMENT_MAX_LENGTH, COMMENT_WINDOW_SECONDS, COMMENTS_PER_WINDOW
from conflicts.models import Proposal, ProposalComment
from conflicts.services.discussion import proposal_comment_add
from conflicts.services.errors import ProposalStateError, RateLimited
from conflicts.services.proposals import proposal_update, proposal_withdraw
from conflicts.services.reviews import (
    proposal_approve,
    proposal_reject,
    proposal_request_changes,
)
from tests.factories import ArticleStateFactory, propose, publish

pytestmark = pytest.mark.django_db

Status = Proposal.Status
MESSAGE = "Which communiqué gives 50 killed? Add it as the source."


@pytest.fixture
def proposal(editor):
    article = publish(ArticleStateFactory(title="Second Battle of Ménaka")).article
    return propose(article, {"lead": "50 were killed."}, author=editor)


def thread(proposal) -> list[tuple[str, str, bool]]:
    return [
        (comment.author.username, comment.text, comment.requests_changes)
        for comment in ProposalComment.objects.filter(proposal=proposal)
    ]


# --- Request changes ---------------------------------------------------------------------


def test_asking_for_changes_returns_the_proposal_to_its_author_with_the_message(proposal, reviewer):
    returned = proposal_request_changes(proposal=proposal, reviewer=reviewer, message=MESSAGE)

    proposal.refresh_from_db()
    assert returned.status == proposal.status == Status.CHANGES
    assert (proposal.reviewer, proposal.review_reason) == (reviewer, MESSAGE)
    assert thread(proposal) == [(reviewer.username, MESSAGE, True)]


def test_a_proposal_with_changes_asked_is_neither_approved_nor_rejected_until_reworked(
    proposal, reviewer, editor
):
    proposal_request_changes(proposal=proposal, reviewer=reviewer, message=MESSAGE)

    with pytest.raises(ProposalStateError, match="changes requested"):
        proposal_approve(proposal=proposal, reviewer=reviewer)
    proposal_update(
        proposal=proposal,
        user=editor,
        summary="The communiqué of 14 May gives 50 killed",
        changes={"lead": "50 were killed, says the communiqué of 14 May."},
    )

    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING
    assert (proposal.reviewer, proposal.review_reason) == (None, "")
    assert thread(proposal) == [(reviewer.username, MESSAGE, True)]  # the request stays
    assert proposal_approve(proposal=proposal, reviewer=reviewer).number == 2


@pytest.mark.parametrize(
    "close",
    [
        lambda proposal, people: proposal_withdraw(proposal=proposal, user=people["author"]),
        lambda proposal, people: proposal_reject(
            proposal=proposal, reviewer=people["reviewer"], reason="No source was given."
        ),
    ],
    ids=["withdrawn by its author", "rejected by a reviewer"],
)
def test_a_proposal_with_changes_asked_may_still_be_closed(proposal, people, close):
    proposal_request_changes(proposal=proposal, reviewer=people["reviewer"], message=MESSAGE)

    assert close(proposal, people).status in (Status.WITHDRAWN, Status.REJECTED)


@pytest.mark.parametrize("who", ["author", "other editor", "anonymous"])
def test_only_reviewers_ask_for_changes(proposal, people, who):
    with pytest.raises(PermissionDenied):
        proposal_request_changes(proposal=proposal, reviewer=people[who], message=MESSAGE)

    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING
    assert thread(proposal) == []


def test_changes_are_asked_only_of_a_pending_proposal(proposal, reviewer):
    proposal_request_changes(proposal=proposal, reviewer=reviewer, message=MESSAGE)

    with pytest.raises(ProposalStateError):
        proposal_request_changes(proposal=proposal, reviewer=reviewer, message="And again.")
    assert len(thread(proposal)) == 1


@pytest.mark.parametrize(
    ("message", "refusal"),
    [
        (" \n ", "Tell the author what to change."),
        ("\u200b", "Tell the author what to change."),
        ("x" * (COMMENT_MAX_LENGTH + 1), f"under {COMMENT_MAX_LENGTH:,} characters"),
        ("Bad \x00 byte", "NUL character"),
    ],
    ids=["blank", "invisible", "overlong", "NUL"],
)
def test_a_request_for_changes_needs_a_message_that_can_be_stored(
    proposal, reviewer, message, refusal
):
    with pytest.raises(ValidationError, match=refusal):
        proposal_request_changes(proposal=proposal, reviewer=reviewer, message=message)

    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING


# --- Comments ----------------------------------------------------------------------------


def test_the_author_and_reviewers_talk_in_order(proposal, editor, reviewer):
    proposal_comment_add(proposal=proposal, user=reviewer, text="Where is 50 from?")
    proposal_comment_add(proposal=proposal, user=editor, text="  The communiqué.\r\nOf May.  ")

    assert thread(proposal) == [
        (reviewer.username, "Where is 50 from?", False),
        (editor.username, "The communiqué.\nOf May.", False),
    ]


@pytest.mark.parametrize("who", ["other editor", "anonymous"])
def test_nobody_else_joins_the_discussion(proposal, people, who):
    with pytest.raises(PermissionDenied, match="author and reviewers"):
        proposal_comment_add(proposal=proposal, user=people[who], text="Me too.")

    assert thread(proposal) == []


def test_a_closed_proposal_may_still_be_discussed(proposal, editor, reviewer):
    proposal_reject(proposal=proposal, reviewer=reviewer, reason="No source.")

    proposal_comment_add(proposal=proposal, user=editor, text="I will come back with one.")

    assert len(thread(proposal)) == 1


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("   ", "Write something to post."),
        ("x" * (COMMENT_MAX_LENGTH + 1), "Keep the comment under"),
        ("\ud800", "The comment"),
    ],
    ids=["blank", "overlong", "lone surrogate"],
)
def test_a_comment_that_cannot_be_stored_is_refused_by_name(proposal, editor, text, refusal):
    with pytest.raises(ValidationError, match=refusal):
        proposal_comment_add(proposal=proposal, user=editor, text=text)

    assert thread(proposal) == []


def test_a_comment_of_the_longest_length_is_kept_whole(proposal, editor):
    text = "x" * COMMENT_MAX_LENGTH

    proposal_comment_add(proposal=proposal, user=editor, text=text)

    assert thread(proposal) == [(editor.username, text, False)]


def test_too_many_comments_at_once_are_refused_until_the_window_has_passed(proposal, editor):
    for number in range(COMMENTS_PER_WINDOW):
        proposal_comment_add(proposal=proposal, user=editor, text=f"Comment {number}")

    with pytest.raises(RateLimited, match=f"{COMMENTS_PER_WINDOW} comments") as refused:
        proposal_comment_add(proposal=proposal, user=editor, text="One more")

    assert 0 < refused.value.retry_after <= COMMENT_WINDOW_SECONDS
    assert len(thread(proposal)) == COMMENTS_PER_WINDOW
    # The window passes: the oldest comment leaves it, and one more is accepted.
    oldest = ProposalComment.objects.earliest("created_at")
    oldest.created_at -= timedelta(seconds=COMMENT_WINDOW_SECONDS)
    oldest.save(update_fields=["created_at"])
    proposal_comment_add(proposal=proposal, user=editor, text="One more")
    assert len(thread(proposal)) == COMMENTS_PER_WINDOW + 1


def test_the_rate_limit_is_each_persons_own(proposal, editor, reviewer):
    for number in range(COMMENTS_PER_WINDOW):
        proposal_comment_add(proposal=proposal, user=editor, text=f"Comment {number}")

    proposal_comment_add(proposal=proposal, user=reviewer, text="My turn.")

    assert thread(proposal)[-1] == (reviewer.username, "My turn.", False)
