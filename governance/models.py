"""The audit log: every governance action, with who, when, what and why."""

from datetime import UTC

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
        BLOCK = "block", "Account blocked"
        UNBLOCK = "unblock", "Block lifted"
        PROTECT = "protect", "Article protected"
        UNPROTECT = "unprotect", "Protection lifted"
        RENAME = "rename", "Article renamed"
        DELETE = "delete", "Article deleted"
        RESTORE = "restore", "Article restored"
        MERGE = "merge", "Article merged"
        SUPPRESS = "suppress", "Revision visibility changed"

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


class Block(models.Model):
    """A reviewer's block of `user`: until `expires_at` (None: indefinitely) or until a
    reviewer lifts it, the account may not propose or comment, and its last address may
    not sign up again for a while (`ADDRESS_BLOCK_MAX`). Kept when it ends."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # The account's last address when it was blocked.
    address = models.GenericIPAddressField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["address", "lifted_at"], name="block_address_idx")]

    def __str__(self) -> str:
        return f"{self.user} blocked by {self.blocked_by}"

    def is_active(self, now) -> bool:
        return self.lifted_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def ends(self) -> str:
        """When it ends, in words: "until 10 December 2026, 14:00 UTC" or "indefinitely"."""
        return _ends(self.expires_at)

    @property
    def refusal(self) -> str:
        """What the blocked account is told on every action the block refuses."""
        return f"Your account is blocked {self.ends} by {self.blocked_by}: “{self.reason}”"


class Protection(models.Model):
    """A reviewer's protection of an article, until `expires_at` (None: until lifted) or
    until a reviewer lifts it: `SEMI`, only established accounts (old enough, with enough
    approved proposals: `settings.PROTECTION_ACCOUNT_AGE`, `PROTECTION_APPROVED_PROPOSALS`)
    and reviewers may propose changes to it; `FULL`, nobody may. Kept when it ends."""

    class Level(models.TextChoices):
        SEMI = "semi", "Established accounts only"
        FULL = "full", "Nobody"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="protections")
    level = models.CharField(max_length=4, choices=Level.choices)
    reason = models.TextField()
    protected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.article} protected ({self.level})"

    @property
    def ends(self) -> str:
        return _ends(self.expires_at)

    @property
    def refusal(self) -> str:
        """What someone it keeps from proposing is told."""
        who = (
            "Nobody may propose changes to it"
            if self.level == self.Level.FULL
            else "Only established accounts may propose changes to it"
        )
        return (
            f"This article is protected {self.ends} by {self.protected_by}: “{self.reason}”. "
            f"{who} meanwhile."
        )


def _ends(expires_at) -> str:
    """When a block or a protection ends, in words."""
    if expires_at is None:
        return "indefinitely"
    return f"until {expires_at.astimezone(UTC):%-d %B %Y, %H:%M} UTC"
