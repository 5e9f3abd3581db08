"""What a notification says and where it leads, the same in the site, the API and email."""

from __future__ import annotations

from django.urls import reverse

from notifications.models import Notification

Kind = Notification.Kind


def notification_text(notification: Notification) -> str:
    """One sentence saying what happened, naming who did it."""
    actor = notification.actor.get_username() if notification.actor else "Someone"
    article = notification.article.title
    proposal = notification.proposal
    match notification.kind:
        case Kind.APPROVED:
            return f"{actor} approved your proposal “{proposal.summary}” to {article}."
        case Kind.REJECTED:
            return (
                f"{actor} rejected your proposal “{proposal.summary}” to {article}: "
                f"{proposal.review_reason}"
            )
        case Kind.CONFLICT:
            return (
                f"Your proposal “{proposal.summary}” to {article} clashes with changes "
                "published since; rework it to resolve the conflict."
            )
        case Kind.CHANGES:
            return (
                f"{actor} asked for changes to your proposal “{proposal.summary}” to "
                f"{article}: {notification.comment.text}"
            )
        case Kind.COMMENTED:
            return (
                f"{actor} commented on the proposal “{proposal.summary}” to {article}: "
                f"{notification.comment.text}"
            )
        case Kind.SUBMITTED:
            return f"{actor} proposed “{proposal.summary}” for {article}."
        case Kind.PUBLISHED:
            revision = notification.revision
            return (
                f"{actor} published revision {revision.number} of {article}: "
                f"{revision.revision.comment}"
            )
    return notification.get_kind_display()


def notification_link(notification: Notification) -> str:
    """The page to open: the proposal, or the change the published revision made."""
    if notification.comment_id is not None:
        proposal = reverse("proposal_detail", args=[notification.proposal_id])
        return f"{proposal}#comment-{notification.comment_id}"
    if notification.proposal_id is not None and notification.kind != Kind.PUBLISHED:
        return reverse("proposal_detail", args=[notification.proposal_id])
    revision = notification.revision
    slug = notification.article.slug
    if revision.previous_id is None:
        return reverse("revision_detail", args=[slug, revision.pk])
    return f"{reverse('article_compare', args=[slug])}?from={revision.previous_id}&to={revision.pk}"
