"""`/healthz`: whether this server reaches its database and its cache, for load balancers
and monitors. Cheap by design: no session, no user, no template, two round trips."""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"


@never_cache
@require_safe
def healthz(request):
    """200 `{"status": "ok", "database": "ok", "cache": "ok"}` when both answer; 503 with
    "unavailable" for each that does not, and as the status."""
    parts = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(parts.values())
    body = {"status": OK if healthy else UNAVAILABLE}
    body.update({name: OK if answers else UNAVAILABLE for name, answers in parts.items()})
    return JsonResponse(body, status=200 if healthy else 503)


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
