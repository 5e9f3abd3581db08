"""Faults kept clean at the edge: requests that no view could read are refused before any
view, session or query sees them, and a database outage is a 503 rather than a 500.
"""

from __future__ import annotations

import logging
import re

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri

from conflicts import limits
from conflicts.http_errors import (
    article_gone,
    body_too_large,
    database_outage_response,
    error_response,
)
from conflicts.models import Article, FormerSlug

logger = logging.getLogger(__name__)

# What no text may hold: no database stores a NUL character, and a lone surrogate is no
# character at all (no encoding can write it).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
# Headers that WSGI does not prefix with HTTP_.
_UNPREFIXED_HEADERS = {"CONTENT_TYPE": "Content-Type", "CONTENT_LENGTH": "Content-Length"}


class RequestGuardMiddleware:
    """Refuses a request holding a NUL character or a lone surrogate, which no view could
    look up or store: in its path with a 404 (no page has such an address), in its query
    string or headers with a 400; and one whose body is over
    `limits.REQUEST_BODY_MAX_BYTES` with a 413, before reading it. Early in MIDDLEWARE:
    the session cookie is a header too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = _refusal(request)
        return self.get_response(request) if refusal is None else refusal


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


# An article's pages and API routes, by its slug: /articles/<slug>/…, /api/articles/<slug>/….
_ARTICLE_PATH = re.compile(r"^/(?P<prefix>(?:api/)?articles/)(?P<slug>[^/]+)(?P<rest>/.*)?$")


class ArticleAddressMiddleware:
    """Answers a 404 under an article's address with what became of the article. Under a
    renamed article's old slug, or a merged one's, which no readable article has now: a
    permanent redirect to the same address under the slug it lives at, 301 for reads, 308
    (the method and body kept) for writes, the query string kept. Under a deleted
    article's: 410 Gone, saying when, by whom and why (`http_errors.article_gone`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        found = _ARTICLE_PATH.match(request.path)
        if found is None:
            return response
        former = FormerSlug.objects.filter(slug=found["slug"]).select_related("article").first()
        article = (
            former.article
            if former is not None
            else Article.objects.filter(slug=found["slug"], deleted_at__isnull=False).first()
        )
        if article is None:
            return response
        if article.deleted_at is not None:
            return article_gone(request, article)
        location = iri_to_uri(f"/{found['prefix']}{article.slug}{found['rest'] or '/'}")
        if request.META.get("QUERY_STRING"):
            location += f"?{request.META['QUERY_STRING']}"
        redirect = (
            HttpResponsePermanentRedirect
            if request.method in ("GET", "HEAD")
            else _PermanentRedirectKeepingMethod
        )
        return redirect(location)


class _PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


def _refusal(request):
    """The error answer for a request that must not go further, or None."""
    if problem := _not_text(request.path_info):
        return error_response(request, 404, f"No page has this address: it {problem}.")
    for name, values in request.GET.lists():
        if problem := _not_text(name):
            return error_response(request, 400, f"The name of a query parameter {problem}.")
        for value in values:
            if problem := _not_text(value):
                return error_response(
                    request,
                    400,
                    f"The query parameter “{name}” {problem}.",
                    errors={name: [f"It {problem}."]},
                )
    for key, value in request.META.items():
        header = _header_name(key)
        if header and isinstance(value, str) and (problem := _not_text(value)):
            return error_response(request, 400, f"The {header} header {problem}.")
    size = _content_length(request)
    if size > limits.REQUEST_BODY_MAX_BYTES:
        return body_too_large(request, size)
    return None


def _not_text(value: str) -> str | None:
    """What in `value` no text may hold, as "contains …"; None when it holds nothing so."""
    found = _NOT_TEXT.search(value)
    if found is None:
        return None
    char, position = found.group(), found.start() + 1
    what = "a NUL character" if char == "\0" else f"a lone surrogate U+{ord(char):04X}"
    return f"contains {what} (at character {position})"


def _header_name(meta_key: str) -> str | None:
    """The HTTP header a `request.META` key holds ("HTTP_X_FOO" → "X-Foo"), or None for
    the keys that are not headers (the server's and WSGI's own)."""
    if meta_key.startswith("HTTP_"):
        return meta_key[5:].replace("_", "-").title()
    return _UNPREFIXED_HEADERS.get(meta_key)


def _content_length(request) -> int:
    # As Django reads it: a header that is not a number is no body at all.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
