"""Who watches which article, and what each person has been told.

A notification points at what it is about (an article, and a proposal or a published
revision of it) rather than copying it, so it always shows the current state; its
`kind` says what happened.
"""

from django.conf import settings
from django.db import models

from conflicts.models import Article, ArticleRevision, Proposal, ProposalComment


class Watch(models.Model):
    """`user` is told of every revision published on `article`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="watch_once_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.user} watches {self.article}"


class Notification(models.Model):
    """Something that happened which concerns `recipient`; unread until `read_at`."""

    class Kind(models.TextChoices):
        APPROVED = "approved", "Your proposal was approved"
        REJECTED = "rejected", "Your proposal was rejected"
        CONFLICT = "conflict", "Your proposal is in conflict"
        CHANGES = "changes", "Changes were asked of your proposal"
        COMMENTED = "commented", "A proposal you discuss has a new comment"
        SUBMITTED = "submitted", "A proposal awaits review"
        PUBLISHED = "published", "A watched article changed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        ProposalComment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Who did it: the reviewer who decided, the author who proposed or published.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            # The list, newest first, and the header's count of unread ones.
            models.Index(fields=["recipient", "-id"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.recipient}, {self.article})"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
