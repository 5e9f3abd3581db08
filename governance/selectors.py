"""Reading the audit log."""

from django.db.models import QuerySet

from governance.models import LogEntry


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
