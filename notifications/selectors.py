"""Reads of watches and notifications, each in one query."""

from __future__ import annotations

from django.db.models import QuerySet

from conflicts.models import Article
from notifications.models import Notification, Watch


def is_watching(user, article: Article) -> bool:
    """Whether `user` (anyone; anonymous users watch nothing) watches `article`."""
    if not user.is_authenticated:
        return False
    return Watch.objects.filter(user=user, article=article).exists()


def notification_list(user) -> QuerySet[Notification]:
    """`user`'s notifications, newest first, with what their text and link need."""
    return Notification.objects.filter(recipient=user).select_related(
        "actor", "article", "proposal", "revision__revision", "comment"
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
