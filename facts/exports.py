"""The published articles as a conflict dataset: one event per article, shaped like the
rows of UCDP-GED and ACLED (dates with their precision, place and coordinates, the sides,
fatalities low/best/high, sources), written out as CSV or GeoJSON a batch at a time, so
that the whole corpus streams in the memory of one batch."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from django.db.models import F, QuerySet

from conflicts.citations import without_citations
from conflicts.dates import event_dates
from conflicts.models import Article, Reference
from conflicts.selectors import infobox_value
from facts.parties import parties_read

COLUMNS = (
    "id",
    "conflict_name",
    "date_start",
    "date_end",
    "date_precision",
    "where_description",
    "latitude",
    "longitude",
    "side_a",
    "side_b",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "sources",
    "article_url",
    "revision",
)
_BATCH = 500
_SOURCES_SEPARATOR = " | "


def event_articles(articles: QuerySet[Article]) -> QuerySet[Article]:
    """`articles`, a list of `selectors.article_list()` (its date and place read along),
    published ones only, with the rest of what an event row needs read alongside."""
    return articles.published().annotate(
        side_a_text=infobox_value("Combatant1"),
        side_b_text=infobox_value("Combatant2"),
        killed_low=F("figures__killed_low"),
        killed_high=F("figures__killed_high"),
    )


def event_rows(articles: QuerySet[Article], *, article_url: Callable[[Article], str]):
    """One dict per article of `event_articles(...)`, keyed by `COLUMNS`, read a batch at a
    time; `article_url` makes each article's address."""
    batch: list[Article] = []
    for article in articles.iterator(chunk_size=_BATCH):
        batch.append(article)
        if len(batch) == _BATCH:
            yield from _rows(batch, article_url)
            batch = []
    yield from _rows(batch, article_url)


def _rows(articles: list[Article], article_url) -> Iterator[dict]:
    sources: dict[int, list[str]] = {}
    references = Reference.objects.filter(article__in=articles).order_by("article", "position")
    for article_id, text, url in references.values_list("article_id", "text", "url"):
        sources.setdefault(article_id, []).append(f"{text} {url}".strip())
    for article in articles:
        dates = event_dates(without_citations(article.date or ""))
        low, high = article.killed_low, article.killed_high
        yield {
            "id": article.pk,
            "conflict_name": article.title,
            "date_start": dates.start.isoformat() if dates else None,
            "date_end": dates.end.isoformat() if dates and dates.end else None,
            "date_precision": dates.precision if dates else None,
            "where_description": without_citations(article.place or ""),
            "latitude": float(article.latitude) if article.latitude is not None else None,
            "longitude": float(article.longitude) if article.longitude is not None else None,
            "side_a": _names(article.side_a_text),
            "side_b": _names(article.side_b_text),
            "fatalities_low": low,
            # One figure, or a range's ends agreeing, is the best estimate; a range has none.
            "fatalities_best": low if low is not None and low == high else None,
            "fatalities_high": high,
            "sources": _SOURCES_SEPARATOR.join(sources.get(article.pk, [])),
            "article_url": article_url(article),
            "revision": article.current_revision_id,
        }


def _names(text: str | None) -> str:
    return "; ".join(party.name for party in parties_read(without_citations(text or "")))


def csv_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """The rows as CSV text with a header line, a row at a time (empty cells for None)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """The rows as a GeoJSON FeatureCollection (RFC 7946): a Point at each article's
    coordinates (null geometry without them), the other columns as properties."""
    yield '{"type": "FeatureCollection", "features": ['
    for number, row in enumerate(rows):
        longitude, latitude = row["longitude"], row["latitude"]
        geometry = (
            {"type": "Point", "coordinates": [longitude, latitude]}
            if longitude is not None and latitude is not None
            else None
        )
        properties = {k: v for k, v in row.items() if k not in {"latitude", "longitude"}}
        feature = {"type": "Feature", "id": row["id"], "geometry": geometry}
        yield ("," if number else "") + json.dumps(
            feature | {"properties": properties}, ensure_ascii=False
        )
    yield "]}"
