"""Paged lists: `{count, next, previous, results}`, by page number or by cursor: the
articles (`ArticlePagination`) and an article's revisions by cursor, so that the last page
costs what the first does."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import (
    BasePagination,
    Cursor,
    CursorPagination,
    PageNumberPagination,
)
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from conflicts import limits, paging, selectors


def _check_page_size(paginator, request) -> None:
    # DRF quietly falls back to the default for a bad page_size; say so instead.
    value = request.query_params.get(paginator.page_size_query_param)
    limit = paginator.max_page_size
    if value is not None and not (paging.is_page_number(value) and 1 <= int(value) <= limit):
        raise ValidationError({"page_size": [f"Give a whole number from 1 to {limit}."]})


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        _check_page_size(self, request)
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class RevisionCursorPagination(CursorPagination):
    """An article's revisions, newest first, paged by revision number:
    `{count, next, previous, results}`, where `next` and `previous` carry an opaque
    `cursor`. Every page costs one query, the last as much as the first.

    `count` is the current revision's number: numbers count up from 1 without gaps, so it
    is the number of revisions, known without counting them. The view sets it.
    """

    ordering = "-number"
    page_size_query_param = "page_size"
    max_page_size = Pagination.max_page_size
    count: int | None = None

    def get_page_size(self, request):
        _check_page_size(self, request)
        return super().get_page_size(request)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # A cursor is opaque but not signed: one made up with a position that is no
        # revision number would fail in the query.
        position = cursor.position if cursor is not None else None
        if position is not None and not paging.is_page_number(position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def cursor_url_before(self, request, number: int) -> str:
        """The URL of the page of revisions numbered below `number`, newest first."""
        url = remove_query_param(request.build_absolute_uri(), "page")
        self.base_url = url
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=str(number)))

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "results"]
        paginated["properties"] = {
            "count": {"type": "integer", "example": 123},
            **paginated["properties"],
        }
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


def _search_beyond_limit_message(number: int) -> str:
    return (
        f"Search results stop at the first {limits.SEARCH_RESULTS_MAX:,} matches: page "
        f"{number} is beyond them. Add words to narrow the search, or order the matches by "
        "a column (`ordering=title`) to page through all of them by cursor."
    )


class ArticlePagination(BasePagination):
    """The article list, `{count, next, previous, results}`.

    Ordered by a column (by title unless `ordering` says otherwise, with the id breaking
    ties), it is paged by key: `next` and `previous` carry an opaque `cursor`, and every
    page costs one query, the last as much as the first. Ranked search results (`q`
    without `ordering`, on PostgreSQL) have no such key: they are paged by `page` number,
    up to the first `limits.SEARCH_RESULTS_MAX` matches; a page beyond those is a 400 that
    says how to go on. An old `?page=N` link of a list ordered by a column still gives the
    same articles, with cursor links from there on (`paging.cursor_at`).

    `count` is exact up to `limits.ARTICLE_COUNT_EXACT_MAX` and PostgreSQL's estimate above
    it (`selectors.article_count`). A cursor that is not one of the list's, and a page
    past the end, are 404s.
    """

    cursor_query_param = "cursor"
    page_query_param = "page"
    page_size_query_param = "page_size"
    page_size = api_settings.PAGE_SIZE
    max_page_size = Pagination.max_page_size

    def get_page_size(self, request) -> int:
        _check_page_size(self, request)
        value = request.query_params.get(self.page_size_query_param)
        return int(value) if value else self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param) or None
        # Beside a cursor a page number is ignored, whatever it is.
        number = 1 if cursor is not None else self._page_number(request)
        try:
            if paging.keyset_ordering(queryset) is None:
                if cursor is not None:
                    raise paging.InvalidPage(
                        "Invalid cursor: ranked search results are paged by `page`."
                    )
                self.page = paging.page_by_number(
                    queryset, size=size, number=number, rows_max=limits.SEARCH_RESULTS_MAX
                )
            else:
                if cursor is None and number > 1:
                    cursor = paging.cursor_at(queryset, offset=(number - 1) * size)
                self.page = paging.page_by_cursor(queryset, size=size, cursor=cursor)
        except paging.PageBeyondLimit:
            message = _search_beyond_limit_message(number)
            raise ValidationError({self.page_query_param: [message]}) from None
        except paging.InvalidPage as error:
            raise NotFound(str(error)) from None
        self.count = selectors.article_count(queryset)
        return self.page.object_list

    def _page_number(self, request) -> int:
        value = request.query_params.get(self.page_query_param) or "1"
        if not paging.is_page_number(value) or int(value) < 1:
            raise NotFound("Invalid page.")
        return int(value)

    def _link(self, **params) -> str:
        url = self.request.build_absolute_uri()
        for name in (self.cursor_query_param, self.page_query_param):
            url = remove_query_param(url, name)
        for name, value in params.items():
            url = replace_query_param(url, name, value)
        return url

    def get_next_link(self) -> str | None:
        page = self.page
        if not page.has_next:
            return None
        if page.number is None:
            return self._link(**{self.cursor_query_param: page.next_cursor})
        return self._link(**{self.page_query_param: page.number + 1})

    def get_previous_link(self) -> str | None:
        page = self.page
        if not page.has_previous:
            return None
        if page.number is None:
            return self._link(**{self.cursor_query_param: page.previous_cursor})
        if page.number == 2:
            return self._link()
        return self._link(**{self.page_query_param: page.number - 1})

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count.value,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 123,
                    "description": (
                        "How many articles the list holds: exact up to "
                        f"{limits.ARTICLE_COUNT_EXACT_MAX:,}; above that, PostgreSQL's "
                        "planner estimate (so a count above "
                        f"{limits.ARTICLE_COUNT_EXACT_MAX:,} is an estimate)."
                    ),
                },
                "next": {
                    **link,
                    "description": "The next page, or null on the last.",
                    "example": "http://api.example.org/api/articles/?cursor=WyJhIl0",
                },
                "previous": {
                    **link,
                    "description": "The previous page, or null on the first.",
                    "example": "http://api.example.org/api/articles/?cursor=WyJiIl0",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Where a page starts, as given in `next` and `previous`: opaque. A list "
                    "ordered by a column (any but ranked search results) is paged by "
                    "cursor, and every page costs the same however deep. A cursor that "
                    "is not one of the list's (other filters or ordering) is a 404."
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "A page number, from 1. Ranked search results (`q` without `ordering`) "
                    f"are paged by number, up to the first {limits.SEARCH_RESULTS_MAX:,} "
                    "matches: a page beyond them is a 400 (narrow the search, or order by "
                    "a column to page through every match by cursor). On a list ordered "
                    "by a column the same articles as a cursor would give, with cursor "
                    "links from there on; ignored when a `cursor` is given. A page past "
                    "the end is a 404."
                ),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Number of results to return per page.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
