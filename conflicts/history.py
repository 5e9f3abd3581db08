"""How an article's revisions are stored, and reading them back.

A revision (a django-reversion `Revision` with its `ArticleRevision`) holds only what it
changed:

- a version of the article when its own fields (title, lead, coordinates) or its
  *layout* changed — the ids of its infobox fields, sections and references in reading
  order, `Article.layout` — and always in its first revision;
- a version of each part whose content changed or which is new.

The article as of revision R is then the article's latest version at or before R, whose
layout names the parts, and each part's latest version at or before R. Revision ids of one
article grow with their numbers (each is created under the article's row lock), so "at or
before" is a comparison of ids, answered by reversion's unique index on
(db, content type, object id, revision).

The publish function (`conflicts.services.articles`) writes this shape; migration 0009
converted histories stored before it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, router
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from reversion.models import Version

from conflicts import models as m
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

# The kinds of part an article has, in `Article.layout`, and their models.
PART_MODELS = {"infobox": m.InfoboxField, "sections": m.Section, "references": m.Reference}


class HistoryIncomplete(Exception):
    """A revision names content that history does not hold: the database was changed
    outside the publish function, or a conversion did not finish."""


def states_at(revision_ids) -> dict[int, ArticleState]:
    """The article as of each of those revisions, by revision id, in two queries whatever
    their number or the length of the history. Unknown ids are left out.

    Section and reference states carry their row ids; raises HistoryIncomplete when a
    revision cannot be rebuilt.
    """
    revision_ids = {int(revision_id) for revision_id in revision_ids}
    if not revision_ids:
        return {}
    articles = _article_versions(revision_ids)
    content_types = ContentType.objects.get_for_models(*PART_MODELS.values())
    content_type_ids = {kind: content_types[model].pk for kind, model in PART_MODELS.items()}
    parts = _part_versions(
        [
            (revision_id, content_type_ids[kind], part_id)
            for revision_id, article in articles.items()
            for kind in PART_MODELS
            for part_id in article["layout"][kind]
        ]
    )
    return {
        revision_id: _state(
            article,
            lambda kind, part_id, at=revision_id: parts[at, content_type_ids[kind], part_id],
        )
        for revision_id, article in articles.items()
    }


def _article_versions(revision_ids: set[int]) -> dict[int, dict]:
    """The article's fields as of each revision, from its latest version at or before it."""
    latest = (
        Version.objects.filter(
            db=router.db_for_write(m.Article),
            content_type=ContentType.objects.get_for_model(m.Article),
            object_id=Cast(OuterRef("article_id"), CharField()),
            revision_id__lte=OuterRef("revision_id"),
        )
        .order_by("-revision_id")
        .values("serialized_data")[:1]
    )
    rows = (
        m.ArticleRevision.objects.filter(pk__in=revision_ids)
        .order_by()
        .annotate(data=Subquery(latest))
        .values_list("revision_id", "article_id", "data")
    )
    articles = {}
    for revision_id, article_id, data in rows:
        fields = _fields(data)
        if fields is None or fields.get("layout") is None:
            raise HistoryIncomplete(
                f"Revision {revision_id} of article {article_id} has no stored layout."
            )
        articles[revision_id] = fields
    return articles


def _part_versions(wanted: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], dict]:
    """Each part's fields as of a revision, by (revision id, content type id, part id): its
    latest version at or before that revision, one index lookup each, in one query."""
    if not wanted:
        return {}
    # The rows are integers this module made, written into the statement as literals:
    # a revision of a large article names over a thousand parts, and a compare two such
    # revisions, more than some databases take as parameters.
    rows = ", ".join(
        f"({int(revision)}, {int(content_type)}, '{int(part)}')"
        for revision, content_type, part in wanted
    )
    version = connection.ops.quote_name(Version._meta.db_table)
    sql = (
        f"WITH wanted (at_revision, content_type_id, object_id) AS (VALUES {rows}) "
        "SELECT w.at_revision, w.content_type_id, w.object_id, "
        f"(SELECT v.serialized_data FROM {version} AS v WHERE v.db = %s"
        " AND v.content_type_id = w.content_type_id AND v.object_id = w.object_id"
        " AND v.revision_id <= w.at_revision ORDER BY v.revision_id DESC LIMIT 1) "
        "FROM wanted AS w"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [router.db_for_write(m.Section)])
        found = cursor.fetchall()
    parts = {}
    for at_revision, content_type_id, object_id, data in found:
        fields = _fields(data)
        if fields is None:
            raise HistoryIncomplete(
                f"Revision {at_revision} names part {object_id} (content type "
                f"{content_type_id}), which has no version at or before it."
            )
        parts[int(at_revision), int(content_type_id), int(object_id)] = fields
    return parts


def _fields(serialized_data: str | None) -> dict | None:
    # Versions are stored in Django's JSON serialization: a list of one object.
    if serialized_data is None:
        return None
    return json.loads(serialized_data)[0]["fields"]


def _state(article: dict, fields_of: Callable[[str, int], dict]) -> ArticleState:
    """The state from the article's fields and `fields_of(kind, part id)`."""

    def parts(kind: str) -> list[tuple[int, dict]]:
        return [(part_id, fields_of(kind, part_id)) for part_id in article["layout"][kind]]

    return ArticleState(
        title=article["title"],
        lead=article["lead"],
        infobox=tuple(InfoboxEntry(f["key"], f["value"]) for _, f in parts("infobox")),
        sections=tuple(
            SectionState(heading=f["heading"], level=f["level"], body=f["body"], id=part_id)
            for part_id, f in parts("sections")
        ),
        references=tuple(
            ReferenceState(text=f["text"], url=f["url"], id=part_id)
            for part_id, f in parts("references")
        ),
        latitude=_decimal(article["latitude"]),
        longitude=_decimal(article["longitude"]),
    )


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
