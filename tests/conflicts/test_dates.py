"""The span of an event is read from its infobox Date, in the forms the seeds use."""

from datetime import date

import pytest

from conflicts.dates import EventDates, event_dates, event_span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("June 28–29, 1990", (date(1990, 6, 28), date(1990, 6, 29))),
        ("May 23, 2006", (date(2006, 5, 23), date(2006, 5, 23))),
        ("19–20 November 2012", (date(2012, 11, 19), date(2012, 11, 20))),
        ("16–21 May 2014 (5 days)", (date(2014, 5, 16), date(2014, 5, 21))),
        ("1990–1995", (date(1990, 1, 1), date(1995, 12, 31))),
        ("1990 to 1996", (date(1990, 1, 1), date(1996, 12, 31))),
        ("March 2022", (date(2022, 3, 1), date(2022, 3, 31))),
        ("30 March – 2 April 2012", (date(2012, 3, 30), date(2012, 4, 2))),
        ("December 2022 – January 2023", (date(2022, 12, 1), date(2023, 1, 31))),
        ("June 28, 1990 – July 2, 1990", (date(1990, 6, 28), date(1990, 7, 2))),
        ("2012", (date(2012, 1, 1), date(2012, 12, 31))),
        ("1 May 2014 – 2015", (date(2014, 5, 1), date(2015, 12, 31))),
    ],
)
def test_the_span_of_an_event_is_read_from_its_date(text, span):
    assert event_span(text) == span


@pytest.mark.parametrize("text", ["", "Unknown", "mid-2010s", "31 February 2012"])
def test_a_date_that_names_no_day_month_or_year_gives_no_span(text):
    assert event_span(text) == (None, None)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("June 28–29, 1990", EventDates(date(1990, 6, 28), date(1990, 6, 29), "day")),
        ("16–21 May 2014 (5 days)", EventDates(date(2014, 5, 16), date(2014, 5, 21), "day")),
        ("March 2022", EventDates(date(2022, 3, 1), date(2022, 3, 31), "month")),
        ("1990–1995", EventDates(date(1990, 1, 1), date(1995, 12, 31), "year")),
        ("1 May 2014 – 2015", EventDates(date(2014, 5, 1), date(2015, 12, 31), "year")),
        ("2012–present", EventDates(date(2012, 1, 1), None, "year")),
        ("17 January 2012 – present", EventDates(date(2012, 1, 17), None, "day")),
        ("May 2013 to the present day", EventDates(date(2013, 5, 1), None, "month")),
    ],
)
def test_the_dates_of_an_event_come_with_their_precision_and_may_be_ongoing(text, dates):
    assert event_dates(text) == dates


@pytest.mark.parametrize("text", ["", "Unknown", "ongoing"])
def test_a_value_that_names_no_date_has_no_dates(text):
    assert event_dates(text) is None
