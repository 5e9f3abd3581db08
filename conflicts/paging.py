"""Pages of long lists that cost the same however deep they go.

A list ordered by columns is paged by key ("keyset"): a page is the rows just after (or
just before) a position in that ordering, with the row id breaking ties, so the database
starts from the position through the columns' index instead of counting its way there,
and the last page costs what the first does. A position travels as an opaque cursor:
URL-safe base64 of JSON naming the direction, the ordering, the row's values and its id,
checked against the list it is used on.

A list in an order no column holds (search relevance) cannot be entered in the middle;
it is paged by number, an offset, and only within its first `rows_max` rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

# Far beyond any real list, within a signed 64-bit OFFSET and row id.
_ROWS_MAX = 2**62
_ID_MAX = 2**63 - 1
# A cursor holds a few columns' values (a title is at most 200 characters).
_CURSOR_MAX_LENGTH = 4_000
_AFTER, _BEFORE = "a", "b"

# (column, descending), in the order a list is sorted by.
Ordering = tuple[tuple[str, bool], ...]


def is_page_number(value: str) -> bool:
    """Whether `value` is written as a whole number (str.isdigit alone takes "²", which
    int() refuses)."""
    return value.isascii() and value.isdigit()


class InvalidPage(Exception):
    """A cursor or page number that names no page of the list; the message says why."""


class PageBeyondLimit(InvalidPage):
    """A page number past the first `rows_max` rows of a list that has more of them."""

    def __init__(self, rows_max: int):
        super().__init__(f"Only the first {rows_max:,} rows are paged by number.")
        self.rows_max = rows_max


@dataclass(frozen=True)
class Page:
    """Some rows of a list, and whether there are rows before and after them.

    Paged by key, `previous_cursor` and `next_cursor` name the neighbouring pages (None
    where there is none); paged by number, `number` is this page's, from 1.
    """

    object_list: list
    has_previous: bool
    has_next: bool
    previous_cursor: str | None = None
    next_cursor: str | None = None
    number: int | None = None

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next


def keyset_ordering(queryset: QuerySet) -> Ordering | None:
    """The columns `queryset` is sorted by, each with whether it is descending, when the
    list can be paged by key: every one a plain, non-null column of the model (a later
    mention of a column, and anything after the id, changes nothing). None when it
    cannot: sorted by an annotation such as a search rank, an expression, or not at all.
    """
    query = queryset.query
    if not queryset.ordered:
        return None
    names = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    meta = queryset.model._meta
    columns: list[tuple[str, bool]] = []
    for item in names:
        if not isinstance(item, str) or item.startswith("?"):
            return None
        name = item.removeprefix("-")
        if name in {"pk", meta.pk.name}:
            break
        try:
            field = meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field.concrete or field.is_relation or field.null:
            return None
        if name not in {column for column, _ in columns}:
            columns.append((name, item.startswith("-")))
    return tuple(columns)


def page_by_cursor(queryset: QuerySet, *, size: int, cursor: str | None) -> Page:
    """`size` rows of `queryset`, a list sorted by columns (`keyset_ordering`), in one
    query however deep: the first ones without a cursor, else those just after or just
    before the position the cursor names (or the last ones, for `last_cursor`).

    Raises InvalidPage for a cursor that is not one of this list's ordering.
    """
    ordering = _ordering_of(queryset)
    if cursor is None:
        rows = list(queryset.order_by(*_order_by(ordering))[: size + 1])
        return _page(ordering, rows[:size], has_previous=False, has_next=len(rows) > size)
    direction, position = _decode(cursor, queryset, ordering)
    backwards = direction == _BEFORE
    if position is not None:
        queryset = queryset.filter(_beyond(ordering, position, backwards=backwards))
    rows = list(queryset.order_by(*_order_by(ordering, backwards=backwards))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        return _page(ordering, rows[::-1], has_previous=more, has_next=position is not None)
    return _page(ordering, rows, has_previous=True, has_next=more)


def last_cursor(queryset: QuerySet) -> str:
    """The cursor of the last page of `queryset` (sorted by columns), whatever its size."""
    return _encode(_BEFORE, _ordering_of(queryset), None)


def cursor_at(queryset: QuerySet, *, offset: int) -> str:
    """The cursor of the page of `queryset` (sorted by columns) that follows its first
    `offset` rows (at least one), for an old page-numbered link: one query, which reads
    only the ordering's columns of the rows it skips. Raises InvalidPage past the end."""
    ordering = _ordering_of(queryset)
    if not 0 < offset < _ROWS_MAX:
        raise InvalidPage("Invalid page.")
    columns = [name for name, _ in ordering]
    skipped = queryset.order_by(*_order_by(ordering)).values_list(*columns, "pk")
    rows = list(skipped[offset - 1 : offset])
    if not rows:
        raise InvalidPage("Invalid page.")
    (*values, pk) = rows[0]
    return _encode(_AFTER, ordering, (values, pk))


def page_by_number(queryset: QuerySet, *, size: int, number: int, rows_max: int) -> Page:
    """Page `number` (from 1) of the first `rows_max` rows of `queryset`, by offset, in
    two queries (the page's ids, then its rows); the page that reaches `rows_max` is the
    last.

    Raises PageBeyondLimit for a page past `rows_max` when the list goes on beyond it
    (one more query), InvalidPage for any other page past the end.
    """
    offset = (number - 1) * size
    if number < 1:
        raise InvalidPage("Invalid page.")
    if offset >= rows_max:
        if list(queryset.order_by().values_list("pk")[rows_max : rows_max + 1]):
            raise PageBeyondLimit(rows_max)
        raise InvalidPage("Invalid page.")
    end = min(offset + size, rows_max)
    # The page's ids first, then its rows: what a row costs beyond its place in the order
    # (a search result's snippet) is paid for the page alone, not for every row skipped.
    ids = list(queryset.values_list("pk", flat=True)[offset : end + 1])
    more = len(ids) > end - offset and end < rows_max
    ids = ids[: end - offset]
    if not ids and number > 1:
        raise InvalidPage("Invalid page.")
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)} if ids else {}
    page = [rows[pk] for pk in ids if pk in rows]  # one gone meanwhile is left out
    return Page(page, has_previous=number > 1, has_next=more, number=number)


def _ordering_of(queryset: QuerySet) -> Ordering:
    ordering = keyset_ordering(queryset)
    if ordering is None:
        raise ValueError("Only a list sorted by columns can be paged by key.")
    return ordering


def _order_by(ordering: Ordering, *, backwards: bool = False) -> list[str]:
    # The id breaks ties, in the direction of the first column.
    columns = [*ordering, ("pk", ordering[0][1] if ordering else False)]
    return [f"-{name}" if descending != backwards else name for name, descending in columns]


def _beyond(ordering: Ordering, position, *, backwards: bool) -> Q:
    """The rows after `position` ((values, id)) in `ordering`, or before it `backwards`."""
    values, pk = position
    columns = [*ordering, ("pk", ordering[0][1] if ordering else False)]
    keys = [*values, pk]
    condition = Q()
    for index, ((name, descending), value) in enumerate(zip(columns, keys, strict=True)):
        step = Q(**{f"{name}__{'lt' if descending != backwards else 'gt'}": value})
        for (equal, _), equal_value in zip(columns[:index], keys[:index], strict=True):
            step &= Q(**{equal: equal_value})
        condition |= step
    # Implied by the condition; alone it lets the database range-scan the first column's
    # index instead of filtering the list from its start.
    (first, descending), first_value = columns[0], keys[0]
    bound = Q(**{f"{first}__{'lte' if descending != backwards else 'gte'}": first_value})
    return bound & condition


def _page(ordering: Ordering, rows: list, *, has_previous: bool, has_next: bool) -> Page:
    has_previous, has_next = has_previous and bool(rows), has_next and bool(rows)
    return Page(
        rows,
        has_previous=has_previous,
        has_next=has_next,
        previous_cursor=_encode(_BEFORE, ordering, _position(ordering, rows[0]))
        if has_previous
        else None,
        next_cursor=_encode(_AFTER, ordering, _position(ordering, rows[-1])) if has_next else None,
    )


def _position(ordering: Ordering, row) -> tuple[tuple, int]:
    return tuple(getattr(row, name) for name, _ in ordering), row.pk


def _encode(direction: str, ordering: Ordering, position) -> str:
    names = [f"-{name}" if descending else name for name, descending in ordering]
    values, pk = position if position is not None else (None, None)
    if values is not None:
        values = [value.isoformat() if isinstance(value, date) else value for value in values]
    data = json.dumps([direction, names, values, pk], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode()


def _decode(cursor: str, queryset: QuerySet, ordering: Ordering):
    """(direction, position) from a cursor of this ordering; position None for the end."""
    invalid = InvalidPage("Invalid cursor: follow the `next` and `previous` links of the list.")
    if len(cursor) > _CURSOR_MAX_LENGTH:
        raise invalid
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        direction, names, values, pk = json.loads(text)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise invalid from None
    expected = [f"-{name}" if descending else name for name, descending in ordering]
    if direction not in {_AFTER, _BEFORE} or names != expected:
        raise invalid
    if values is None and pk is None and direction == _BEFORE:
        return direction, None
    if not (isinstance(values, list) and len(values) == len(ordering)):
        raise invalid
    if not (type(pk) is int and 0 < pk <= _ID_MAX):
        raise invalid
    meta = queryset.model._meta
    try:
        values = tuple(
            _column_value(meta.get_field(name), value)
            for (name, _), value in zip(ordering, values, strict=True)
        )
    except (ValidationError, ValueError, TypeError, OverflowError):
        raise invalid from None
    return direction, (values, pk)


def _column_value(field, value):
    """`value` from a cursor as the column's Python value. Raises ValueError (or
    OverflowError) when it cannot be one or could not reach the database: a NUL, a lone
    surrogate, a moment without a time zone or out of range."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(value)
    value = field.to_python(value)
    if isinstance(value, str):
        value.encode()  # a lone surrogate raises UnicodeEncodeError, a ValueError
        if "\x00" in value:
            raise ValueError(value)
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            raise ValueError(value)
        # In UTC, as the database compares it; a moment that has none is an OverflowError.
        value = value.astimezone(UTC)
    if value is None:
        raise ValueError(value)
    return value
