"""The audit log: every governance action, with who, when, what and why."""

from django.conf import settings
from django.db import models

from conflicts.models import Article, ArticleRevision


class LogEntry(models.Model):
    """One governance action by `actor`, on an article or an account (`subject` names it
    as it was then, so the entry reads the same whatever becomes of it), with the reason
    given. Entries are only ever added."""

    class Action(models.TextChoices):
        ROLE_GRANTED = "role-granted", "Reviewer role granted"
        ROLE_REMOVED = "role-removed", "Reviewer role removed"
        REVERT = "revert", "Article reverted"
        UNDO = "undo", "Revision undone"

    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    subject = models.CharField(max_length=300)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="log_entries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries_about",
    )
    # The revision the action published or concerns.
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "log entries"
        indexes = [models.Index(fields=["action", "-at"], name="log_action_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor}: {self.get_action_display()} {self.subject}"
