"""The API's side of a proposal's discussion: asking for changes, reading and writing the
thread, and the limits on both."""

import pytest

from conflicts.limits import COMMENT_MAX_LENGTH, COMMENTS_PER_WINDOW
from conflicts.models import Proposal
from conflicts.services.discussion import proposal_comment_add
from tests.factories import committed, propose

pytestmark = pytest.mark.django_db

MESSAGE = "Which communiqué gives 400? Cite it and resubmit."


@pytest.fixture
def pending(kidal, editor):
    return propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)


def url(proposal, action) -> str:
    return f"/api/proposals/{proposal.pk}/{action}/"


def test_a_reviewer_asks_for_changes_and_the_author_reworks_it_back_to_pending(
    editor_client, reviewer_client, pending
):
    asked = reviewer_client.post(url(pending, "request-changes"), {"message": MESSAGE})

    assert asked.status_code == 200
    assert (asked.json()["status"], asked.json()["review_reason"]) == ("changes", MESSAGE)
    thread = editor_client.get(url(pending, "comments")).json()
    assert [(c["author"], c["text"], c["requests_changes"]) for c in thread] == [
        ("rokia", MESSAGE, True)
    ]
    reworked = editor_client.patch(
        f"/api/proposals/{pending.pk}/",
        {"infobox": {"Strength2": "400"}, "source": "MNLA communiqué, 14 May"},
    )
    assert reworked.status_code == 200
    assert reworked.json()["status"] == "pending"


def test_asking_for_changes_of_a_proposal_not_pending_is_a_409(reviewer_client, pending):
    reviewer_client.post(url(pending, "request-changes"), {"message": MESSAGE})

    again = reviewer_client.post(url(pending, "request-changes"), {"message": MESSAGE})

    assert again.status_code == 409
    assert "changes requested" in again.json()["detail"]


def test_asking_for_changes_without_a_message_is_a_400_naming_it(reviewer_client, pending):
    response = reviewer_client.post(url(pending, "request-changes"), {"message": "  "})

    assert response.status_code == 400
    assert "message" in response.json()["errors"]
    assert Proposal.objects.get(pk=pending.pk).status == "pending"


def test_the_author_and_a_reviewer_comment_and_read_the_thread_in_order(
    editor_client, reviewer_client, pending
):
    first = reviewer_client.post(url(pending, "comments"), {"text": "Source?"})
    second = editor_client.post(url(pending, "comments"), {"text": "<b>MNLA</b>"})

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["author"] == "ada"
    thread = reviewer_client.get(url(pending, "comments")).json()
    assert [comment["text"] for comment in thread] == ["Source?", "<b>MNLA</b>"]


def test_another_editor_neither_reads_nor_writes_a_pending_proposals_thread(
    token_client, other_editor, pending
):
    client = token_client(other_editor)

    assert client.get(url(pending, "comments")).status_code == 404
    assert client.post(url(pending, "comments"), {"text": "Hello"}).status_code == 404


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "x" * (COMMENT_MAX_LENGTH + 1)}, {"text": ["a list"]}],
    ids=["missing", "empty", "overlong", "not a string"],
)
def test_a_comment_that_cannot_be_stored_is_a_400_naming_the_text(editor_client, pending, body):
    response = editor_client.post(url(pending, "comments"), body)

    assert response.status_code == 400
    assert "text" in response.json()["errors"]


def test_too_many_comments_are_a_429_with_retry_after(editor_client, editor, pending):
    for number in range(COMMENTS_PER_WINDOW):
        proposal_comment_add(proposal=pending, user=editor, text=f"Comment {number}")

    response = editor_client.post(url(pending, "comments"), {"text": "One more"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert f"{COMMENTS_PER_WINDOW} comments" in response.json()["detail"]


def test_notifications_of_the_discussion_name_the_comment(editor_client, reviewer_client, pending):
    with committed():
        reviewer_client.post(url(pending, "comments"), {"text": "Source?"})

    listed = editor_client.get("/api/notifications/").json()["results"]

    assert [(n["kind"], n["comment"] is not None) for n in listed] == [("commented", True)]
    assert listed[0]["url"].startswith(f"/proposals/{pending.pk}/#comment-")
