"""The proposal page's discussion and "Request changes", as the author and reviewers use
them; a refused message is shown again as it was typed."""

import pytest

from conflicts.limits import COMMENT_MAX_LENGTH, COMMENTS_PER_WINDOW
from conflicts.models import Proposal, ProposalComment
from conflicts.services.discussion import proposal_comment_add
from tests.conflicts.pages import html, messages_of, proposal_url, signed_in, status_of
from tests.factories import propose

pytestmark = pytest.mark.django_db

Status = Proposal.Status
MESSAGE = "Which communiqué gives 50 killed? Add it as the source, then resubmit."


@pytest.fixture
def proposal(article, editor):
    return propose(article, {"lead": "50 were killed."}, author=editor)


def test_a_reviewer_asks_for_changes_and_the_author_is_shown_what_and_how_to_go_on(
    proposal, editor, reviewer
):
    response = signed_in(reviewer).post(
        proposal_url(proposal, "request-changes"), {"message": MESSAGE}, follow=True
    )

    assert messages_of(response) == ["The proposal went back to its author with your message."]
    assert status_of(proposal) == Status.CHANGES
    page = html(signed_in(editor).get(proposal_url(proposal)))
    assert "Changes requested" in page
    assert f"asked for changes:</strong> {MESSAGE}" in page
    assert f'href="/proposals/{proposal.pk}/edit/">Rework the proposal</a>' in page
    assert "Rework and resubmit" in page


def test_the_queue_lists_proposals_with_changes_asked_under_their_own_filter(proposal, reviewer):
    signed_in(reviewer).post(proposal_url(proposal, "request-changes"), {"message": MESSAGE})

    page = html(signed_in(reviewer).get("/proposals/?status=changes"))

    assert f'href="/proposals/{proposal.pk}/"' in page
    assert "Changes requested" in page


def test_comments_are_shown_in_order_as_text_never_as_markup(proposal, editor, reviewer):
    signed_in(reviewer).post(proposal_url(proposal, "comments"), {"text": "<b>Source?</b>"})
    response = signed_in(editor).post(
        proposal_url(proposal, "comments"), {"text": "<script>alert(1)</script>"}, follow=True
    )

    page = html(response)
    assert messages_of(response) == ["Your comment is posted."]
    assert "&lt;b&gt;Source?&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert page.index("Source?") < page.index("alert(1)")


def test_an_overlong_comment_is_refused_and_shown_again_as_typed(proposal, editor):
    typed = "The communiqué says so. " * (COMMENT_MAX_LENGTH // 20)

    response = signed_in(editor).post(proposal_url(proposal, "comments"), {"text": typed})

    assert response.status_code == 400
    assert typed.strip() in html(response)
    assert f"{COMMENT_MAX_LENGTH}" in html(response)
    assert not ProposalComment.objects.exists()


def test_a_comment_past_the_rate_limit_is_refused_with_a_429_and_kept_in_the_form(proposal, editor):
    for number in range(COMMENTS_PER_WINDOW):
        proposal_comment_add(proposal=proposal, user=editor, text=f"Comment {number}")

    response = signed_in(editor).post(
        proposal_url(proposal, "comments"), {"text": "One thought too many"}
    )

    assert response.status_code == 429
    assert f"You have posted {COMMENTS_PER_WINDOW} comments" in html(response)
    assert "One thought too many</textarea>" in html(response)


def test_a_request_for_changes_without_a_message_asks_for_one(proposal, reviewer):
    response = signed_in(reviewer).post(proposal_url(proposal, "request-changes"), {"message": ""})

    assert response.status_code == 400
    assert "Tell the author what to change." in html(response)
    assert status_of(proposal) == Status.PENDING


def test_readers_of_an_approved_proposal_read_its_discussion_but_get_no_form(
    client, proposal, editor, reviewer
):
    proposal_comment_add(proposal=proposal, user=reviewer, text="Sourced now, thanks.")
    signed_in(reviewer).post(proposal_url(proposal, "approve"))

    page = html(client.get(proposal_url(proposal)))

    assert "Sourced now, thanks." in page
    assert "Post comment" not in page
