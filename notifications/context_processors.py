"""The header's counts for a signed-in user: unread notifications and, for reviewers, the
review queue. Each is counted only if a page shows it (one query each)."""

from django.utils.functional import SimpleLazyObject

from conflicts import permissions
from conflicts.models import Proposal
from notifications.selectors import unread_count


def header_counts(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)),
        "review_queue_size": SimpleLazyObject(
            lambda: Proposal.objects.pending().count() if permissions.review(user) else 0
        ),
    }
