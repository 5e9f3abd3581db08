"""Hand-written article documents to measure the API against; they live here, not in the app.

`article_values` is what a careful Django view would do without the app's layers: one
`.values()` query per part and a `JsonResponse` of the API's shape. `RawDocument` is the
floor: one statement through a psycopg connection of its own, PostgreSQL building the
JSON, no Django and no HTTP at all.
"""

from __future__ import annotations

import psycopg
from django.db import connection
from django.db.models import F
from django.http import Http404, JsonResponse

from conflicts import models as m


def article_values(request, slug):
    """GET: the current document of the article with `slug`, as /api/articles/<slug>/."""
    article = (
        m.Article.objects.filter(slug=slug)
        .values("id", "slug", "title", "lead", "latitude", "longitude", "current_revision_id")
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    parts = {"article_id": article["id"]}
    infobox = m.InfoboxField.objects.filter(**parts).order_by("position").values("key", "value")
    sections = (
        m.Section.objects.filter(**parts)
        .order_by("position")
        .values("id", "heading", "level", "body")
    )
    references = (
        m.Reference.objects.filter(**parts).order_by("position").values("id", "text", "url")
    )
    revision = (
        m.ArticleRevision.objects.filter(pk=article["current_revision_id"])
        .values(
            "number",
            id=F("revision_id"),
            created_at=F("revision__date_created"),
            author=F("revision__user__username"),
            reviewer_name=F("reviewer__username"),
            summary=F("revision__comment"),
        )
        .first()
    )
    revision["reviewer"] = revision.pop("reviewer_name")
    coordinates = None
    if article["latitude"] is not None:
        coordinates = {"lat": float(article["latitude"]), "lon": float(article["longitude"])}
    return JsonResponse(
        {
            "slug": article["slug"],
            "title": article["title"],
            "lead": article["lead"],
            "infobox": list(infobox),
            "sections": list(sections),
            "references": list(references),
            "coordinates": coordinates,
            "revision": revision,
        }
    )


_DOCUMENT_SQL = """
SELECT json_build_object(
    'slug', a.slug, 'title', a.title, 'lead', a.lead,
    'infobox', (
        SELECT coalesce(json_agg(json_build_object('key', f.key, 'value', f.value)
                                 ORDER BY f.position), '[]')
        FROM conflicts_infoboxfield AS f WHERE f.article_id = a.id),
    'sections', (
        SELECT coalesce(json_agg(json_build_object('id', s.id, 'heading', s.heading,
                                                   'level', s.level, 'body', s.body)
                                 ORDER BY s.position), '[]')
        FROM conflicts_section AS s WHERE s.article_id = a.id),
    'references', (
        SELECT coalesce(json_agg(json_build_object('id', r.id, 'text', r.text, 'url', r.url)
                                 ORDER BY r.position), '[]')
        FROM conflicts_reference AS r WHERE r.article_id = a.id),
    'coordinates', CASE WHEN a.latitude IS NULL THEN NULL
        ELSE json_build_object('lat', a.latitude::float8, 'lon', a.longitude::float8) END,
    'revision', (
        SELECT json_build_object('id', ar.revision_id, 'number', ar.number,
                                 'created_at', rv.date_created, 'author', author.username,
                                 'reviewer', reviewer.username, 'summary', rv.comment)
        FROM conflicts_articlerevision AS ar
        JOIN reversion_revision AS rv ON rv.id = ar.revision_id
        LEFT JOIN accounts_user AS author ON author.id = rv.user_id
        LEFT JOIN accounts_user AS reviewer ON reviewer.id = ar.reviewer_id
        WHERE ar.revision_id = a.current_revision_id)
)::text
FROM conflicts_article AS a WHERE a.slug = %s
"""


class RawDocument:
    """The article document straight from PostgreSQL over a psycopg connection of its
    own (to the database Django uses); close it when done."""

    def __init__(self):
        settings = connection.settings_dict
        self._connection = psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            autocommit=True,
        )

    def get(self, slug: str) -> bytes:
        with self._connection.cursor() as cursor:
            cursor.execute(_DOCUMENT_SQL, [slug])
            (document,) = cursor.fetchone()
        return document.encode()

    def close(self) -> None:
        self._connection.close()
