"""Reading the audit log and the blocks."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from governance.models import Block, LogEntry, Protection

Action = LogEntry.Action

# How long a block keeps its account's last address from signing up again, at most:
# addresses are shared and change hands, so a block of the person is not one of the place.
ADDRESS_BLOCK_MAX = timedelta(days=7)


def _active() -> Q:
    now = timezone.now()
    return Q(lifted_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def active_block(user) -> Block | None:
    """The block in force on `user` now, or None; asked once per user object (cached on
    it), as the access rules ask it many times a page."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_active_block"):
        blocks = Block.objects.filter(_active(), user=user).select_related("blocked_by")
        user._active_block = blocks.order_by("-created_at").first()
    return user._active_block


def address_block(address: str) -> Block | None:
    """The block in force that keeps `address` from signing up, or None."""
    if not address:
        return None
    since = timezone.now() - ADDRESS_BLOCK_MAX
    blocks = Block.objects.filter(_active(), address=address, created_at__gt=since)
    return blocks.select_related("blocked_by").order_by("-created_at").first()


def log_entries(
    *, action: str = "", actor: str = "", article: str = "", user: str = ""
) -> QuerySet[LogEntry]:
    """The log, newest first, narrowed to one action, one actor (username), one article
    (slug) or one account acted on (username) when given."""
    entries = LogEntry.objects.select_related("actor", "article", "user", "revision")
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__username=actor)
    if article:
        entries = entries.filter(article__slug=article)
    if user:
        entries = entries.filter(user__username=user)
    return entries


def active_protection(article) -> Protection | None:
    """The protection in force on `article` now, or None; asked once per article object
    (cached on it)."""
    if not hasattr(article, "_active_protection"):
        protections = Protection.objects.filter(_active(), article=article)
        article._active_protection = (
            protections.select_related("protected_by").order_by("-created_at").first()
        )
    return article._active_protection


def approved_proposal_count(user) -> int:
    """How many of `user`'s proposals were approved (cached on the user object)."""
    if not hasattr(user, "_approved_proposals"):
        user._approved_proposals = user.proposals.filter(status="approved").count()
    return user._approved_proposals


def article_deletion(article) -> LogEntry | None:
    """The log entry of the deletion (or merge) that `article` is deleted by now."""
    return (
        LogEntry.objects.filter(article=article, action__in=[Action.DELETE, Action.MERGE])
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
