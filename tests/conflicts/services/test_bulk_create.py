"""`articles_create_in_bulk` writes, for many articles at once, exactly what
`article_create` writes for one."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from reversion.models import Version

from conflicts import history
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.models import Article, ArticleRevision, ArticleSearch
from conflicts.services.articles import article_create, articles_create_in_bulk
from tests.factories import ArticleStateFactory, committed, publish

pytestmark = pytest.mark.django_db

SUMMARY = "Generated"


def states() -> list[ArticleState]:
    return [
        ArticleState(
            title="Battle of Ménaka (2022)",
            lead="Fighting around the town.",
            infobox=(InfoboxEntry("Date", "4–6 March 2022"), InfoboxEntry("Place", "Ménaka")),
            sections=(SectionState("Background", 2, "A drought."), SectionState("Raid", 3, "…")),
            references=(ReferenceState("Reuters, 7 March 2022", "https://example.org/r"),),
            latitude=Decimal("15.9"),
            longitude=Decimal("2.4"),
        ),
        ArticleState(title="Siege of Tessalit", lead="A long siege."),
    ]


def written(revision: ArticleRevision) -> dict:
    """Everything publishing wrote for the revision's article, row ids replaced by the
    parts' places and times left out."""
    article = Article.objects.get(pk=revision.article_id)
    places = {kind: {pk: n for n, pk in enumerate(ids)} for kind, ids in article.layout.items()}
    kinds = {model._meta.label_lower: kind for kind, model in history.PART_MODELS.items()}
    parts = {
        kind: list(model.objects.filter(article=article).order_by("position").values("pk"))
        for kind, model in history.PART_MODELS.items()
    }

    def versioned(version: Version):
        (data,) = json.loads(version.serialized_data)
        fields = data["fields"]
        fields.pop("created_at", None)
        if "layout" in fields:
            fields["layout"] = {
                k: [places[k][pk] for pk in ids] for k, ids in fields["layout"].items()
            }
        kind = kinds.get(data["model"])
        return data["model"], places[kind][data["pk"]] if kind else -1, fields, version.object_repr

    rows = {
        "article": Article.objects.filter(pk=article.pk)
        .values("title", "slug", "lead", "latitude", "longitude", "date_start", "date_end")
        .get(),
        "parts": {kind: [places[kind][row["pk"]] for row in rows] for kind, rows in parts.items()},
        "current": article.current_revision_id == revision.pk,
        "record": ArticleRevision.objects.filter(pk=revision.pk)
        .values("number", "size", "size_delta", "previous", "reviewer")
        .get(),
        "revision": (revision.revision.user_id, revision.revision.comment),
        "versions": sorted(
            versioned(v) for v in Version.objects.filter(revision_id=revision.pk).order_by("pk")
        ),
        "state": history.states_at([revision.pk])[revision.pk],
        "cached": cache.get(f"annals:revision-state:2:{revision.pk}"),
    }
    if connection.vendor == "postgresql":
        rows["search"] = ArticleSearch.objects.values_list("vector", flat=True).get(pk=article.pk)
    return rows


def test_articles_created_in_bulk_are_written_as_one_by_one(editor):
    with transaction.atomic():
        with committed():
            one_by_one = [
                article_create(state=state, author=editor, summary=SUMMARY) for state in states()
            ]
        expected = [written(revision) for revision in one_by_one]
        transaction.set_rollback(True)
    cache.clear()

    with committed():
        in_bulk = articles_create_in_bulk(states=states(), author=editor, summary=SUMMARY)

    assert [written(revision) for revision in in_bulk] == expected
    assert [r.article.title for r in in_bulk] == [s.title for s in states()]


def test_the_cached_state_carries_the_part_ids(editor):
    with committed():
        (revision,) = articles_create_in_bulk(states=states()[:1], author=editor, summary=SUMMARY)

    cached = cache.get(f"annals:revision-state:2:{revision.pk}")
    assert repr(cached) == repr(history.states_at([revision.pk])[revision.pk])


@pytest.mark.parametrize(
    "clash",
    ["title there", "slug there", "title twice", "invalid"],
)
def test_a_taken_title_or_an_invalid_state_writes_nothing(editor, clash):
    publish(ArticleStateFactory(title="Siege of Tessalit"))
    publish(ArticleStateFactory(title="Battle of Menaka (2022)"))  # the slug of Ménaka's
    before = (Article.objects.count(), Version.objects.count())
    batch = {
        "title there": [ArticleState(title="Battle of Gao"), ArticleState("Siege of Tessalit")],
        "slug there": [ArticleState(title="Battle of Ménaka (2022)")],
        "title twice": [ArticleState(title="Battle of Gao"), ArticleState("Battle of Gao")],
        "invalid": [ArticleState(title="Battle of Gao"), ArticleState(title="  ")],
    }[clash]

    with pytest.raises(ValidationError):
        articles_create_in_bulk(states=batch, author=editor, summary=SUMMARY)

    assert (Article.objects.count(), Version.objects.count()) == before
