"""Who is told what, and when: after the commit, through the task queue, and only what
each recipient may see."""

import pytest
from django.core import mail

from conflicts.services.discussion import proposal_comment_add
from conflicts.services.errors import ProposalConflict
from conflicts.services.importing import article_import
from conflicts.services.proposals import proposal_update
from conflicts.services.reviews import (
    article_revert,
    proposal_approve,
    proposal_reject,
    proposal_request_changes,
)
from notifications import selectors, services
from notifications.models import Notification, Watch
from notifications.presentation import notification_link, notification_text
from tests.factories import ReviewerFactory, UserFactory, committed, propose

pytestmark = pytest.mark.django_db

Kind = Notification.Kind


def told(user) -> list[str]:
    """The kinds of `user`'s notifications, newest first."""
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def watcher(kidal):
    """Moussa, an editor watching Kidal."""
    moussa = UserFactory(username="moussa")
    services.article_watch(user=moussa, article=kidal)
    return moussa


def proposed(kidal, author, changes=None):
    with committed():
        return propose(kidal, changes or {"infobox": {"Strength2": "400"}}, author=author)


def test_proposing_watches_the_article_and_tells_the_reviewers_not_the_other_editors(
    kidal, editor, reviewer, watcher
):
    second_reviewer = ReviewerFactory(username="bakary")

    proposal = proposed(kidal, editor)

    assert selectors.is_watching(editor, kidal)
    assert told(reviewer) == told(second_reviewer) == [Kind.SUBMITTED]
    assert told(watcher) == []  # a pending proposal is its author's and the reviewers'
    assert told(editor) == []
    (notification,) = Notification.objects.filter(recipient=reviewer)
    assert (notification.proposal, notification.actor) == (proposal, editor)


def test_nothing_is_told_before_the_proposal_commits(kidal, editor, reviewer):
    with committed():
        propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
        assert Notification.objects.count() == 0

    assert told(reviewer) == [Kind.SUBMITTED]


def test_an_approval_tells_the_author_and_the_watchers_once_each(kidal, editor, reviewer, watcher):
    proposal = proposed(kidal, editor)

    with committed():
        revision = proposal_approve(proposal=proposal, reviewer=reviewer)
        assert told(editor) == []  # not inside the approval

    assert told(editor) == [Kind.APPROVED]
    assert told(watcher) == [Kind.PUBLISHED]
    assert told(reviewer) == [Kind.SUBMITTED]  # never of their own approval
    published = Notification.objects.get(recipient=watcher)
    assert (published.revision, published.actor) == (revision, reviewer)


def test_a_rejection_tells_the_author_with_the_reason(kidal, editor, reviewer, watcher):
    proposal = proposed(kidal, editor)

    with committed():
        proposal_reject(proposal=proposal, reviewer=reviewer, reason="The communiqué says 300.")

    (notification,) = Notification.objects.filter(recipient=editor)
    assert notification.kind == Kind.REJECTED
    assert notification_text(notification).endswith(": The communiqué says 300.")
    assert told(watcher) == []


def test_a_conflict_tells_the_author(kidal, editor, other_editor, reviewer):
    first = proposed(kidal, editor, {"infobox": {"Strength2": "400"}})
    second = proposed(kidal, other_editor, {"infobox": {"Strength2": "500"}})
    with committed():
        proposal_approve(proposal=first, reviewer=reviewer)

    with committed(), pytest.raises(ProposalConflict):
        proposal_approve(proposal=second, reviewer=reviewer)

    assert told(other_editor) == [Kind.CONFLICT, Kind.PUBLISHED]


def test_a_revert_tells_the_watchers_but_the_reviewer(kidal, editor, reviewer, watcher):
    proposal = proposed(kidal, editor)
    with committed():
        proposal_approve(proposal=proposal, reviewer=reviewer)
    services.article_watch(user=reviewer, article=kidal)

    with committed():
        article_revert(article=kidal, revision=proposal.base_revision, reviewer=reviewer)

    assert told(watcher) == [Kind.PUBLISHED, Kind.PUBLISHED]
    assert told(editor) == [Kind.PUBLISHED, Kind.APPROVED]
    assert Kind.PUBLISHED not in told(reviewer)


def test_notifications_are_emailed_to_those_who_want_them(kidal, editor, reviewer, watcher):
    services.email_notifications_set(user=watcher, enabled=False)
    proposal = proposed(kidal, editor)
    mail.outbox.clear()

    with committed():
        proposal_approve(proposal=proposal, reviewer=reviewer)

    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "Annals: your proposal was approved"
    assert "rokia approved your proposal" in message.body
    assert f"/proposals/{proposal.pk}/" in message.body
    assert told(watcher) == [Kind.PUBLISHED]  # still told in the site


def test_watching_twice_is_one_watch_and_unwatching_stops_the_notices(
    kidal, editor, reviewer, watcher
):
    services.article_watch(user=watcher, article=kidal)
    assert Watch.objects.filter(user=watcher).count() == 1
    services.article_unwatch(user=watcher, article=kidal)

    with committed():
        proposal_approve(proposal=proposed(kidal, editor), reviewer=reviewer)

    assert told(watcher) == []


def test_marking_read_touches_only_the_users_own(kidal, editor, reviewer, watcher):
    with committed():
        proposal_approve(proposal=proposed(kidal, editor), reviewer=reviewer)
    others = list(Notification.objects.filter(recipient=watcher).values_list("pk", flat=True))

    assert services.notifications_mark_read(user=editor, ids=others) == 0
    assert services.notifications_mark_read(user=editor) == 1
    assert selectors.unread_count(editor) == 0
    assert selectors.unread_count(watcher) == 1


def test_a_reworked_proposal_tells_the_reviewers_again(kidal, editor, reviewer):
    proposal = proposed(kidal, editor)

    with committed():
        proposal_update(
            proposal=proposal,
            user=editor,
            summary="Strength from the communiqué",
            changes={"infobox": {"Strength2": "450"}},
        )

    assert told(reviewer) == [Kind.SUBMITTED, Kind.SUBMITTED]


def test_a_reimported_file_tells_the_watchers(tmp_path, watcher):
    path = tmp_path / "raid.txt"
    path.write_text("Raid on Tessalit\n\nThe raid began at dawn.\n", encoding="utf-8")
    with committed():
        article = article_import(path=path).article
    services.article_watch(user=watcher, article=article)
    path.write_text("Raid on Tessalit\n\nThe raid began at dusk.\n", encoding="utf-8")

    with committed():
        assert article_import(path=path).action == "updated"

    assert told(watcher) == [Kind.PUBLISHED]


# --- The discussion -------------------------------------------------------------------------


def test_asking_for_changes_tells_the_author_with_the_message(kidal, editor, reviewer, watcher):
    proposal = proposed(kidal, editor)

    with committed():
        proposal_request_changes(proposal=proposal, reviewer=reviewer, message="Cite it.")

    (notification,) = Notification.objects.filter(recipient=editor)
    assert notification.kind == Kind.CHANGES
    assert notification_text(notification).endswith(": Cite it.")
    assert notification.comment.requests_changes
    assert told(watcher) == []


def test_the_request_for_changes_reads_the_same_once_the_proposal_is_reworked(
    kidal, editor, reviewer
):
    proposal = proposed(kidal, editor)
    with committed():
        proposal_request_changes(proposal=proposal, reviewer=reviewer, message="Cite it.")
    proposal_update(proposal=proposal, user=editor, summary="Sourced", changes={"lead": "Sourced."})

    notification = Notification.objects.get(recipient=editor)
    assert notification_text(notification).endswith(": Cite it.")


def test_a_comment_tells_the_others_in_the_discussion_and_no_one_else(
    kidal, editor, other_editor, reviewer, watcher
):
    bystander = ReviewerFactory(username="bakary")
    proposal = proposed(kidal, editor)
    Notification.objects.all().delete()  # "a proposal awaits review"
    with committed():
        proposal_comment_add(proposal=proposal, user=reviewer, text="Where is 400 from?")

    assert told(editor) == [Kind.COMMENTED]
    assert told(reviewer) == told(bystander) == told(other_editor) == told(watcher) == []

    with committed():
        comment = proposal_comment_add(proposal=proposal, user=editor, text="The MNLA's count.")

    assert told(reviewer) == [Kind.COMMENTED]  # took part: told of the answer
    assert told(editor) == [Kind.COMMENTED]  # never of their own comment
    assert told(bystander) == []
    notification = Notification.objects.get(recipient=reviewer)
    assert notification.comment == comment
    assert notification_text(notification).endswith(": The MNLA's count.")
    assert notification_link(notification) == f"/proposals/{proposal.pk}/#comment-{comment.pk}"


def test_the_reviewer_who_asked_for_changes_is_told_of_the_authors_answer(kidal, editor, reviewer):
    proposal = proposed(kidal, editor)
    proposal_request_changes(proposal=proposal, reviewer=reviewer, message="Cite it.")
    Notification.objects.all().delete()

    with committed():
        proposal_comment_add(proposal=proposal, user=editor, text="Done, see the source.")

    assert told(reviewer) == [Kind.COMMENTED]
