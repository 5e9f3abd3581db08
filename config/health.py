"""`/healthz`: whether this server reaches its database and its cache, for load balancers
and monitors, and whether a task worker has been seen lately. Cheap by design: no session,
no user, no template, three round trips."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
LATE = "late"


@never_cache
@require_safe
def healthz(request):
    """200 `{"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}` when both
    answer; 503 with "unavailable" for each that does not, and as the status.

    `worker` is "late" when a queued task has waited longer than
    `TASK_WAIT_MAX_SECONDS`: no worker has taken work lately. It leaves the status alone,
    as this server still serves pages; monitors alert on it."""
    parts = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(parts.values())
    body = {"status": OK if healthy else UNAVAILABLE}
    body.update({name: OK if answers else UNAVAILABLE for name, answers in parts.items()})
    body["worker"] = _worker_state() if parts["database"] else UNAVAILABLE
    return JsonResponse(body, status=200 if healthy else 503)


def _worker_state() -> str:
    """ "ok" unless the oldest task ready to run has waited past the limit ("late")."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return OK  # tasks run in the request that enqueues them: no worker to wait for
    waiting_since = timezone.now() - timedelta(seconds=settings.TASK_WAIT_MAX_SECONDS)
    try:
        late = DBTaskResult.objects.ready().filter(enqueued_at__lt=waiting_since).exists()
    except DatabaseError:
        logger.warning("Health check: the task queue cannot be read.", exc_info=True)
        return UNAVAILABLE
    return LATE if late else OK


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database does not answer.", exc_info=True)
        return False
    return True


def _cache_answers() -> bool:
    # A key of its own, so that concurrent checks never read each other's value; a cache
    # backend that swallows its errors answers None, which counts as down too.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, OK, timeout=10)
        answers = cache.get(key) == OK
    # Each backend raises its own client's errors (redis.ConnectionError, OSError, …).
    except Exception:
        logger.warning("Health check: the cache does not answer.", exc_info=True)
        return False
    if not answers:
        logger.warning("Health check: the cache lost a value it had just stored.")
    return answers
