"""Faults kept clean at the edge: a database outage is a 503 rather than a 500."""

from __future__ import annotations

import logging

from conflicts.http_errors import database_outage_response

logger = logging.getLogger(__name__)


class DatabaseOutageMiddleware:
    """Answers a database outage met by a view with the 503 of
    `http_errors.database_outage_response`, DEBUG or not, and logs it with its traceback.
    (One met elsewhere reaches the URLconf's handler500, which answers the same.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        response = database_outage_response(request, exception)
        if response is not None:
            logger.error("The database is unavailable; answered 503.", exc_info=exception)
        return response
