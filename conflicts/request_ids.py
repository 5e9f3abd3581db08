"""Request ids: one per request, on its response (`X-Request-ID`) and on every log record
written while it is served, so that an error a reader reports can be found in the logs.
"""

from __future__ import annotations

import logging
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"

_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def request_id() -> str | None:
    """The id of the request being served in this thread or task, or None outside one."""
    return _current.get()


class RequestIdMiddleware:
    """Gives each request a fresh id (`request.request_id`) and sends it back as
    `X-Request-ID`. An id the client sends is ignored: ids are what the logs are searched
    by, and a client could otherwise file its requests under someone else's. First in
    MIDDLEWARE, so that every answer carries it, those of the other middleware included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        # Not reset when the response leaves: Django logs a failed response after the
        # middleware have returned it, and that record must carry the id as well. The next
        # request in this thread sets its own.
        _current.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (None outside a request); the log handler's
    filter, so that records of every logger get it."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django's records about a response name its request, whichever thread logs them.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id()
        return True
