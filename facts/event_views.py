"""The published articles as events: the CSV and GeoJSON exports, and the map."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from conflicts import selectors
from conflicts.api.filters import ArticleFilter, MapFilter
from conflicts.models import Article
from facts import exports, world

COUNTRIES = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-110m.json"


# More markers than this make a map nobody can read, and a page nobody can load.
MAP_MARKERS_MAX = 2_000


@require_safe
def events_csv(request):
    """Every published article as an event row (`facts.exports`), as CSV, streamed; the
    article list's filters (`/api/articles/`) narrow it."""
    return _export(request, exports.csv_chunks, "text/csv; charset=utf-8", "annals-events.csv")


@require_safe
def events_geojson(request):
    """The same as GeoJSON: a Point feature per article, at its coordinates."""
    return _export(request, exports.geojson_chunks, "application/geo+json", "annals-events.geojson")


def _export(request, chunks, content_type: str, filename: str):
    filters = ArticleFilter(request.GET, queryset=selectors.article_list())
    if not filters.is_valid():
        errors = {field: [str(e) for e in problems] for field, problems in filters.errors.items()}
        return JsonResponse({"detail": "The request is not valid.", "errors": errors}, status=400)
    rows = exports.event_rows(
        exports.event_articles(filters.qs),
        article_url=lambda article: request.build_absolute_uri(article.get_absolute_url()),
    )
    response = StreamingHttpResponse(chunks(rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def world_map(request):
    """Every published article with coordinates as a marker on the world's outline, linked
    to the article, narrowed by date (`date_from`, `date_to`); the map shows where the
    markers are, or the whole world with `?view=world`."""
    filters = MapFilter(request.GET, queryset=selectors.article_list())
    articles = (
        filters.qs.published().filter(latitude__isnull=False)
        if filters.is_valid()
        else Article.objects.none()
    )
    shown = list(articles.order_by("date_start", "title")[: MAP_MARKERS_MAX + 1])
    markers = [
        {"article": article, "at": world.project(float(article.longitude), float(article.latitude))}
        for article in shown[:MAP_MARKERS_MAX]
    ]
    whole = request.GET.get("view") == "world"
    box = world.view_box([] if whole else [marker["at"] for marker in markers])
    return render(
        request,
        "facts/map.html",
        {
            "filters": filters,
            "markers": markers,
            "more": len(shown) > MAP_MARKERS_MAX,
            "markers_max": MAP_MARKERS_MAX,
            "box": box,
            "radius": round(box[2] / 100, 2),
            "whole": whole,
            "land": {"width": world.WIDTH, "height": world.HEIGHT},
        },
        status=200 if filters.is_valid() else 400,
    )


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def world_outline(request):
    """The world's countries as an SVG image (vendored Natural Earth data)."""
    return HttpResponse(_world_svg(), content_type="image/svg+xml")


@functools.cache
def _world_svg() -> str:
    topology = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {world.WIDTH:g} {world.HEIGHT:g}">'
        '<path fill="#e4ddcc" stroke="#b9ae96" stroke-width="0.4" '
        f'd="{world.outline_path(topology, "countries")}"/></svg>'
    )
