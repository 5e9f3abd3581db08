"""Watching articles, and the notifications that follow a proposal or a publish.

Notifications are made by tasks (`notifications.tasks`) enqueued once the transaction
that published or decided commits (`notifications.events`), never inside it: an approval
costs the same whoever watches. Each recipient is told only of what they may see
(`conflicts.permissions.see_proposal`): a pending proposal reaches its author and the
reviewers, never another editor.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from accounts.selectors import reviewers
from conflicts import permissions
from conflicts.models import Article, ArticleRevision, Proposal, ProposalComment
from notifications.models import Notification, Watch
from notifications.presentation import notification_link, notification_text

logger = logging.getLogger(__name__)

Kind = Notification.Kind
User = get_user_model()

_DECIDED = {
    Proposal.Status.APPROVED: Kind.APPROVED,
    Proposal.Status.REJECTED: Kind.REJECTED,
    Proposal.Status.CONFLICT: Kind.CONFLICT,
    Proposal.Status.CHANGES: Kind.CHANGES,
}


def article_watch(*, user, article: Article) -> None:
    """`user` is told of every revision published on `article` from now on (again
    watching one already watched changes nothing). PermissionDenied for anonymous users."""
    permissions.watch_articles.require(user)
    # One statement, whether or not the watch exists (INSERT … ON CONFLICT DO NOTHING).
    Watch.objects.bulk_create([Watch(user=user, article=article)], ignore_conflicts=True)


def article_unwatch(*, user, article: Article) -> None:
    """`user` is no longer told of `article`'s revisions (if they were)."""
    permissions.watch_articles.require(user)
    Watch.objects.filter(user=user, article=article).delete()


def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Marks `user`'s unread notifications read, all of them or those of `ids` (others'
    ids are ignored); how many were marked."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def email_notifications_set(*, user, enabled: bool) -> None:
    """Whether `user` is also told by email (always in the site)."""
    user.email_notifications = enabled
    user.save(update_fields=["email_notifications"])


def proposal_submitted_notify(proposal_id: int) -> list[Notification]:
    """Tells the reviewers, but the author, that a proposal awaits review."""
    proposal = _proposal(proposal_id)
    if proposal is None or proposal.status != Proposal.Status.PENDING:
        return []
    recipients = [user for user in reviewers() if user.pk != proposal.author_id]
    return _notify(
        recipients, Kind.SUBMITTED, proposal.article, proposal=proposal, actor=proposal.author
    )


def proposal_decided_notify(proposal_id: int) -> list[Notification]:
    """Tells the author that their proposal was approved, rejected, is in conflict or has
    changes asked of it, and, when it was approved, the article's watchers (but the author
    and the reviewer) that a revision was published."""
    proposal = _proposal(proposal_id)
    if proposal is None or proposal.status not in _DECIDED:
        return []
    # Asked for changes: the message is kept in the thread; a rework clears the proposal's.
    request = (
        proposal.comments.filter(requests_changes=True).last()
        if proposal.status == Proposal.Status.CHANGES
        else None
    )
    told = _notify(
        [proposal.author],
        _DECIDED[proposal.status],
        proposal.article,
        proposal=proposal,
        revision=proposal.resulting_revision,
        comment=request,
        actor=proposal.reviewer,
    )
    if proposal.status == Proposal.Status.APPROVED:
        told += revision_published_notify(
            proposal.resulting_revision_id, skip=[proposal.author_id, proposal.reviewer_id]
        )
    return told


def proposal_commented_notify(comment_id: int) -> list[Notification]:
    """Tells the others in a proposal's discussion (its author, the reviewer who decided
    or asked for changes, everyone who commented) of a new comment. Reviewers who have
    not taken part are not told: the queue is where they find proposals."""
    comment = (
        ProposalComment.objects.select_related("author", "proposal__article", "proposal__author")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return []
    proposal = comment.proposal
    taking_part = {proposal.author_id, proposal.reviewer_id, *_commenters(proposal)}
    taking_part -= {comment.author_id, None}
    recipients = User.objects.filter(pk__in=taking_part).order_by("pk")
    return _notify(
        recipients,
        Kind.COMMENTED,
        proposal.article,
        proposal=proposal,
        comment=comment,
        actor=comment.author,
    )


def _commenters(proposal: Proposal):
    return ProposalComment.objects.filter(proposal=proposal).values_list("author_id", flat=True)


def revision_published_notify(revision_id: int, *, skip=()) -> list[Notification]:
    """Tells the watchers of the revision's article, but those in `skip` (ids) and who
    published it, that a revision was published."""
    revision = (
        ArticleRevision.objects.select_related("article", "revision__user", "reviewer")
        .filter(pk=revision_id)
        .first()
    )
    if revision is None:
        return []
    publisher = revision.reviewer or revision.revision.user
    skipped = {*skip, publisher.pk if publisher else None}
    watchers = [
        watch.user
        for watch in Watch.objects.filter(article=revision.article).select_related("user")
        if watch.user_id not in skipped and watch.user.is_active
    ]
    return _notify(watchers, Kind.PUBLISHED, revision.article, revision=revision, actor=publisher)


def _proposal(proposal_id: int) -> Proposal | None:
    return (
        Proposal.objects.select_related(
            "article", "author", "reviewer", "resulting_revision__revision"
        )
        .filter(pk=proposal_id)
        .first()
    )


def _notify(recipients, kind, article, *, proposal=None, revision=None, comment=None, actor=None):
    """One notification of `kind` for each recipient who may see what it is about, stored
    together, then emailed to those who want email once they are committed."""
    allowed = [
        user
        for user in recipients
        if user.is_active and (proposal is None or permissions.see_proposal(user, proposal))
    ]
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            article=article,
            proposal=proposal,
            revision=revision,
            comment=comment,
            actor=actor,
        )
        for user in allowed
    )
    transaction.on_commit(lambda: _email(notifications))
    return notifications


def _email(notifications: list[Notification]) -> None:
    """Emails each notification to its recipient, if they have an address and want it.
    A mail server that refuses is logged, never raised: the notification is in the site."""
    messages = [
        EmailMessage(
            subject=f"Annals: {notification.get_kind_display().lower()}",
            body=(
                f"{notification_text(notification)}\n\n"
                f"{settings.SITE_URL}{notification_link(notification)}\n\n"
                "You get these emails because of your Annals account; turn them off at "
                f"{settings.SITE_URL}/notifications/."
            ),
            to=[notification.recipient.email],
        )
        for notification in notifications
        if notification.recipient.email and notification.recipient.email_notifications
    ]
    if not messages:
        return
    try:
        get_connection().send_messages(messages)
    except OSError:
        logger.exception("Notification emails could not be sent.")
