"""Error answers, in the format the client asked for.

Under /api/, and to a client that accepts JSON but not HTML, an error is the API's JSON
shape (`conflicts.api.errors`): `{"detail": str}`, plus `"errors": {field: [str]}` on a
400. Elsewhere it is the site's own page, `templates/<status>.html`. Every error the
project answers outside the API's views comes from here: the URLconf's handlers (400,
403, 404, 500), refused requests (`conflicts.middleware`) and a database outage (503).
"""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import escape

from conflicts import limits
from governance.selectors import article_deletion

logger = logging.getLogger(__name__)

# Where config/urls.py mounts the API.
API_PREFIX = "/api/"
# How long a client should wait before trying again while the database is unavailable.
DATABASE_RETRY_AFTER_SECONDS = 30

# These show the account links of every page when they come from a view, after the
# session and the user are there. The others are rendered without the request, as Django
# renders its own 400 and 500 pages: they may come before the session and the user exist
# (a refused request, a malformed host) or while the database that holds them is down.
_PAGES_WITH_ACCOUNT_LINKS = {403, 404}

# The last resort when even the page without the request cannot be rendered.
_BARE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · Annals'
    "</title></head><body><h1>{title}</h1><p>{detail}</p></body></html>"
)
_TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    413: "Request too large",
    500: "Server error",
    503: "Temporarily unavailable",
}


def error_response(
    request, status: int, detail: str, *, errors: dict | None = None, headers=None
) -> HttpResponse:
    """An error answer with status `status` saying `detail`: the API's JSON shape or the
    site's page (see the module). `errors` (field → messages) is a 400's `errors`, by
    default `{"non_field_errors": [detail]}`; `headers` are added to the answer."""
    if _wants_json(request):
        body = {"detail": detail}
        if status == 400:
            body["errors"] = errors or {"non_field_errors": [detail]}
        response = JsonResponse(body, status=status)
    else:
        response = HttpResponse(_page(request, status, detail), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def article_gone(request, article) -> HttpResponse:
    """The 410 for an address of `article`, deleted: when, by whom and why, from the log;
    the page offers a reviewer its restoring."""
    deletion = article_deletion(article)
    detail = f"“{article.title}” was deleted"
    if deletion is not None:
        detail += f" on {deletion.at:%-d %B %Y} by {deletion.actor}: {deletion.reason}"
    if _wants_json(request):
        return JsonResponse({"detail": detail}, status=410)
    context = {"article": article, "deletion": deletion, "exception": detail}
    return HttpResponse(loader.render_to_string("410.html", context, request), status=410)


def body_too_large(request, size: int) -> HttpResponse:
    """The 413 for a request body of `size` bytes, over `limits.REQUEST_BODY_MAX_BYTES`."""
    return error_response(
        request,
        413,
        f"The request body is {size:,} bytes; the most this site reads is "
        f"{limits.REQUEST_BODY_MAX_BYTES:,}, enough for an article at its largest.",
    )


def database_outage_response(request, exception: BaseException | None) -> HttpResponse | None:
    """The 503, with `Retry-After`, when `exception` says that the database cannot be
    reached or went away; None for any other exception."""
    if not _is_database_outage(exception):
        return None
    return error_response(
        request,
        503,
        "The database is unavailable for a moment; nothing you sent was saved. "
        f"Try again in {DATABASE_RETRY_AFTER_SECONDS} seconds.",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
    )


# The URLconf's handlers (config/urls.py). Django calls them with DEBUG off; with DEBUG
# on it shows its debug pages for 404 and 500 instead.


def bad_request(request, exception=None) -> HttpResponse:
    # Django's messages for a suspicious request can name settings and hosts; only the
    # one about the number of fields, which the person can act on, is passed on. (A body
    # too large never gets here: `conflicts.middleware` answers it with a 413 first.)
    if isinstance(exception, TooManyFieldsSent):
        detail = (
            f"The request has more than {limits.FORM_FIELDS_MAX:,} fields, more than a "
            "form for an article at its largest."
        )
    else:
        detail = "The request is malformed."
    return error_response(request, 400, detail)


def permission_denied(request, exception=None) -> HttpResponse:
    return error_response(
        request, 403, _message(exception, "Your account does not have permission for this.")
    )


def page_not_found(request, exception=None) -> HttpResponse:
    return error_response(request, 404, _message(exception, "There is nothing at this address."))


def server_error(request) -> HttpResponse:
    """The 500, or the 503 when the exception being handled is a database outage that no
    view saw (one in a middleware, or in rendering this site's own 404 page)."""
    outage = database_outage_response(request, sys.exc_info()[1])
    if outage is not None:
        return outage
    reference = getattr(request, "request_id", None)
    return error_response(
        request,
        500,
        "Something went wrong on our side, and it has been logged. "
        + (f"If it happens again, quote the reference {reference}." if reference else ""),
    )


def _wants_json(request) -> bool:
    if request.path_info.startswith(API_PREFIX):
        return True
    return request.accepts("application/json") and not request.accepts("text/html")


def _page(request, status: int, detail: str) -> str:
    template = f"{status}.html"
    context = {
        "exception": detail,
        "posted": request.method == "POST",
        "request_id": getattr(request, "request_id", None),
    }
    if status in _PAGES_WITH_ACCOUNT_LINKS and hasattr(request, "user"):
        # A failure here (the database gone) is answered by `server_error`, as any other.
        return loader.render_to_string(template, context, request)
    try:
        return loader.render_to_string(template, context)
    except Exception:
        # An error page must not fail: say what happened without the site's layout.
        logger.exception("The %s page could not be rendered; answered without the layout.", status)
        return _BARE_PAGE.format(title=_TITLES[status], detail=escape(detail))


def _message(exception, default: str) -> str:
    """The message an Http404 or PermissionDenied was raised with, if it has one (the
    resolver's own 404 carries a dict of the patterns it tried, not a message)."""
    message = exception.args[0] if exception is not None and exception.args else None
    return message if isinstance(message, str) and message else default


def _is_database_outage(exception: BaseException | None) -> bool:
    if isinstance(exception, InterfaceError):
        return True  # "connection already closed": it broke during an earlier query
    if not isinstance(exception, OperationalError):
        return False
    # PostgreSQL's SQLSTATE class 08 is a connection exception and 57P the server shutting
    # down or starting up; a server that cannot be reached at all gives none. (SQLite's
    # errors carry none either: a locked or missing database file.)
    sqlstate = getattr(exception.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(("08", "57P"))
