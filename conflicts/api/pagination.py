"""Paged lists: `{count, next, previous, results}`, by page number or, for an article's
revisions, by cursor."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param


def _check_page_size(paginator, request) -> None:
    # DRF quietly falls back to the default for a bad page_size; say so instead.
    value = request.query_params.get(paginator.page_size_query_param)
    limit = paginator.max_page_size
    if value is not None and not (value.isdigit() and 1 <= int(value) <= limit):
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
        if cursor is not None and cursor.position is not None and not cursor.position.isdigit():
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
