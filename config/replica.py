"""Reading from a replica: anonymous safe requests read from `DATABASE_REPLICA_URL`.

A database router cannot see the request, so `ReplicaMiddleware` decides per request and
leaves its answer in a context variable that `ReplicaRouter` reads. A request reads from
the replica only when all of these hold:

- it is a GET, HEAD or OPTIONS request;
- it carries no session cookie and no Authorization header (nobody signed in: sessions,
  authentication and whatever a signed-in user sees stay on the primary);
- it carries no valid "read your writes" cookie: every other request (any write) sets
  one, signed, for `REPLICA_READ_YOUR_WRITES_SECONDS`, so whoever just wrote something
  reads it back from the primary while the replica catches up;
- the query does not run inside a transaction (a transaction reads what it wrote).

Everything else, every write included, goes to the primary ("default"). Without
`DATABASE_REPLICA_URL` there is no "replica" database and the router sends every read to
the primary.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core import signing
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
READ_YOUR_WRITES_COOKIE = "annals_ryw"
_SALT = "annals.replica.read-your-writes"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reads_from_replica: ContextVar[bool] = ContextVar("annals_reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads go to the replica while the current request may read from it (and outside
    any transaction on the primary); writes and migrations go to the primary."""

    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: their rows may refer to each other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _may_read_from_replica(request) -> bool:
    if request.method not in _SAFE_METHODS:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return not _wrote_lately(request)


def _wrote_lately(request) -> bool:
    try:
        request.get_signed_cookie(
            READ_YOUR_WRITES_COOKIE,
            salt=_SALT,
            max_age=settings.REPLICA_READ_YOUR_WRITES_SECONDS,
        )
    except (KeyError, signing.BadSignature):
        return False
    return True


class ReplicaMiddleware:
    """Sends the request's reads to the replica when it may read from it (see the module
    docstring), and marks whoever writes with the "read your writes" cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        token = _reads_from_replica.set(_may_read_from_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in _SAFE_METHODS:
            response.set_signed_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                salt=_SALT,
                max_age=settings.REPLICA_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
