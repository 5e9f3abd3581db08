"""Reading the span of an event from an infobox Date value ("16–21 May 2014 (5 days)"),
and how precisely the value gives it. A pure module (no Django)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DASH = r"\s*[–—-]\s*|\s+to\s+"
# One date, in any of the orders the seeds use: "28 June 1990", "June 28, 1990",
# "June 1990", "1990"; a day or month may be missing, and is then filled in later.
_POINT = re.compile(
    rf"(?:\b(?P<day1>\d{{1,2}})\s+(?P<month1>{_MONTH})\b\.?(?:\s+(?P<year1>\d{{4}}))?)"
    rf"|(?:\b(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})\b(?:,?\s+(?P<year2>\d{{4}}))?)"
    rf"|(?:\b(?P<month3>{_MONTH})\b\.?(?:\s+(?P<year3>\d{{4}}))?)"
    rf"|\b(?P<day4>\d{{1,2}})(?:,\s+(?P<year5>\d{{4}})|(?=(?:{_DASH})))"
    rf"|\b(?P<year4>\d{{4}})\b",
    re.IGNORECASE,
)


_ONGOING = re.compile(r"(?:[–—-]|\bto\b)\s*(?:the\s+)?(?:present|ongoing|now|today)\b", re.I)
# From the finest to the coarsest, as ACLED's time precision counts them.
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class EventDates:
    """When an event happened: from `start` to `end` (None while it goes on, "2012–present"),
    each end known to the `precision` of the coarser of the two: "day", "month" or "year"."""

    start: date
    end: date | None
    precision: str


def event_dates(text: str) -> EventDates | None:
    """The dates `text` gives, with their precision; None when it names no date.

    "16–21 May 2014" → 16 to 21 May, to the day; "2012–present" → from 1 January 2012,
    still going on, to the year; "1 May 2014 – 2015" → to the year.
    """
    start, end = event_span(text)
    if start is None:
        return None
    points = _points(text)
    precision = max((_precision(point) for point in (points[0], points[-1])), key=PRECISIONS.index)
    if _ONGOING.search(text):
        return EventDates(start, None, precision)
    return EventDates(start, end, precision)


def _precision(point: tuple[int | None, int | None, int | None]) -> str:
    _, month, day = point
    return "day" if day else "month" if month else "year"


def _points(text: str) -> list[tuple[int | None, int | None, int | None]]:
    """The first and the last date the text names, as (year, month, day), parts missing
    as None; asides in parentheses ("(5 days)") left out."""
    text = re.sub(r"\(.*?\)", " ", text)
    return [_parts(match) for match in _POINT.finditer(text)][:2]


def event_span(text: str) -> tuple[date | None, date | None]:
    """First and last day of the event the text names; (None, None) when it names none.

    "June 28–29, 1990" → (1990-06-28, 1990-06-29); "1990–1995" → (1990-01-01,
    1995-12-31); "May 2014" → the whole month.
    """
    points = _points(text)
    if not points:
        return None, None
    start, end = points[0], points[-1]
    # A range shares what one half leaves out: "28–29 June 1990", "June 28–29, 1990"; an
    # end of a year alone is that whole year ("1 May 2014 – 2015").
    start_year = start[0] or end[0]
    start_month = start[1] or (end[1] if start[2] else None)
    end_year = end[0] or start_year
    end_month = end[1] or (start[1] if end[2] else None)
    if start_year is None or end_year is None:
        return None, None
    try:
        return (
            _first_day(start_year, start_month, start[2]),
            _last_day(end_year, end_month, end[2] if end is not start or start[2] else None),
        )
    except ValueError:
        return None, None


def _parts(match) -> tuple[int | None, int | None, int | None]:
    groups = match.groupdict()

    def number(*names):
        value = next((groups[n] for n in names if groups[n]), None)
        return int(value) if value else None

    month_name = next((groups[n] for n in ("month1", "month2", "month3") if groups[n]), None)
    month = _MONTHS[month_name.lower()] if month_name else None
    year = number("year1", "year2", "year3", "year4", "year5")
    return year, month, number("day1", "day2", "day4")


def _first_day(year: int, month: int | None, day: int | None) -> date:
    return date(year, month or 1, day or 1)


def _last_day(year: int, month: int | None, day: int | None) -> date:
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])
