"""Migration 0009 rewrites histories stored whole into the changes-only shape without
changing any revision's content, and picks up where an interrupted run stopped."""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Revision, Version

from conflicts import history
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.models import Article, ArticleRevision, InfoboxField, Reference, Section
from tests.conflicts.histories import edited, edits
from tests.factories import ArticleStateFactory, revise

pytestmark = pytest.mark.django_db

migration = importlib.import_module("conflicts.migrations.0009_history_stores_changes_only")


def run_migration():
    migration.convert_histories(apps, SimpleNamespace(connection=connection))


# --- Histories as they were stored before the migration ------------------------------------


def stored_whole(states: list[ArticleState], *, author, title_suffix="") -> Article:
    """An article with one revision per state, stored as before migration 0009: each
    revision a version of the article and of every part; infobox rows made anew each time,
    sections and references keeping their rows (matched by heading, by text)."""
    first = states[0]
    article = Article.objects.create(
        title=first.title + title_suffix, slug=slugify(first.title + title_suffix)
    )
    previous = None
    for number, state in enumerate(states, start=1):
        article.title, article.lead = state.title + title_suffix, state.lead
        article.latitude, article.longitude = state.latitude, state.longitude
        article.save()
        parts = _rows_rewritten(article, state)
        revision = Revision.objects.create(
            user=author, comment=f"Revision {number}", date_created=timezone.now()
        )
        for obj in (article, *parts):
            Version.objects.create(
                revision=revision,
                object_id=str(obj.pk),
                content_type=ContentType.objects.get_for_model(obj),
                db="default",
                format="json",
                serialized_data=serializers.serialize("json", [obj], fields=_old_fields(obj)),
                object_repr=str(obj),
            )
        size = state.replace(title=state.title + title_suffix).size
        previous = ArticleRevision.objects.create(
            revision=revision,
            article=article,
            number=number,
            size=size,
            size_delta=None if previous is None else size - previous.size,
            previous=previous,
        )
    Article.objects.filter(pk=article.pk).update(current_revision=previous, layout=None)
    return Article.objects.get(pk=article.pk)


def _old_fields(obj):
    if isinstance(obj, Article):
        return ["title", "slug", "lead", "latitude", "longitude", "created_at"]
    return None  # every field, the position and the article among them


def _rows_rewritten(article, state: ArticleState) -> list:
    InfoboxField.objects.filter(article=article).delete()
    infobox = [
        InfoboxField.objects.create(article=article, position=n, key=e.key, value=e.value)
        for n, e in enumerate(state.infobox)
    ]
    sections = _matched(Section, article, state.sections, "heading", ("level", "body"))
    references = _matched(Reference, article, state.references, "text", ("url",))
    return [*infobox, *sections, *references]


def _matched(model, article, parts, key: str, other_fields) -> list:
    existing = {getattr(row, key): row for row in model.objects.filter(article=article)}
    # Out of the way of the positions below, which are unique per article.
    model.objects.filter(article=article).update(position=F("id") + 10_000)
    rows = []
    for position, part in enumerate(parts):
        row = existing.pop(getattr(part, key), None) or model(article=article)
        setattr(row, key, getattr(part, key))
        for name in other_fields:
            setattr(row, name, getattr(part, name))
        row.position = position
        row.save()
        rows.append(row)
    model.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    return rows


def state_stored_whole(revision_id: int) -> tuple:
    """Revision `revision_id` read as it was read before the migration: every part's
    version in that revision, in position order."""
    by_model = {}
    for version in Version.objects.filter(revision_id=revision_id):
        by_model.setdefault(version._model, []).append(version)
    (article,) = (fields_of(v) for v in by_model[Article])

    def parts(model):
        rows = [(int(v.object_id), fields_of(v)) for v in by_model.get(model, [])]
        return sorted(rows, key=lambda row: row[1]["position"])

    state = ArticleState(
        title=article["title"],
        lead=article["lead"],
        infobox=tuple(InfoboxEntry(f["key"], f["value"]) for _, f in parts(InfoboxField)),
        sections=tuple(
            SectionState(f["heading"], f["level"], f["body"], id=pk) for pk, f in parts(Section)
        ),
        references=tuple(ReferenceState(f["text"], f["url"], id=pk) for pk, f in parts(Reference)),
        latitude=Decimal(article["latitude"]) if article["latitude"] else None,
        longitude=Decimal(article["longitude"]) if article["longitude"] else None,
    )
    return with_ids(state)


def fields_of(version) -> dict:
    # Not `field_dict`, which keeps only the fields registered now (no positions).
    return json.loads(version.serialized_data)[0]["fields"]


def with_ids(state: ArticleState) -> tuple:
    return state, [s.id for s in state.sections], [r.id for r in state.references]


def revision_ids(article) -> list[int]:
    return list(
        ArticleRevision.objects.filter(article=article)
        .order_by("number")
        .values_list("revision_id", flat=True)
    )


def read_before(article) -> dict:
    return {pk: state_stored_whole(pk) for pk in revision_ids(article)}


def read_after(article) -> dict:
    return {pk: with_ids(s) for pk, s in history.states_at(revision_ids(article)).items()}


def distinct_states(steps) -> list[ArticleState]:
    """The first state and each edit's result, leaving out edits that change nothing,
    and with headings and reference texts unique, as `stored_whole` matches rows by them."""
    states = [ArticleStateFactory(title="Raid on Testville")]
    for serial, edit in enumerate(steps):
        state = edited(states[-1], edit, serial)
        if state != states[-1]:
            states.append(state)
    return states


# --- The migration --------------------------------------------------------------------------


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(edits(), min_size=1, max_size=20))
def test_every_revision_reads_the_same_after_the_migration(editor, steps):
    with transaction.atomic():
        article = stored_whole(distinct_states(steps), author=editor)
        before = read_before(article)

        run_migration()

        assert read_after(article) == before
        transaction.set_rollback(True)


def test_a_one_field_correction_keeps_one_version_after_the_migration(editor):
    state = ArticleStateFactory(title="Raid on Testville")
    corrected = state.replace(
        infobox=tuple(
            InfoboxEntry(e.key, "41 killed" if e.key == "Casualties1" else e.value)
            for e in state.infobox
        )
    )
    article = stored_whole([state, corrected], author=editor)
    whole = Version.objects.filter(revision_id=revision_ids(article)[1]).count()

    run_migration()

    kept = Version.objects.filter(revision_id=revision_ids(article)[1])
    assert whole == 1 + len(state.infobox) + len(state.sections) + len(state.references)
    assert [v.object_repr for v in kept] == ["Casualties1: 41 killed"]


def test_infobox_fields_keep_one_identity_and_publishing_goes_on_from_it(editor):
    state = ArticleStateFactory(title="Raid on Testville")
    article = stored_whole([state, state.replace(lead="A new lead.")], author=editor)
    before = read_before(article)

    run_migration()

    article = Article.objects.get(pk=article.pk)
    live_ids = list(article.infobox_fields.values_list("pk", flat=True))
    assert article.layout["infobox"] == live_ids
    for field in article.infobox_fields.all():
        assert len(Version.objects.get_for_object(field)) == 1  # the first revision's
    newest = revise(
        article, before[revision_ids(article)[-1]][0].replace(lead="A third lead."), author=editor
    )
    assert list(article.infobox_fields.values_list("pk", flat=True)) == live_ids
    assert [v.content_type.model for v in Version.objects.filter(revision=newest.revision)] == [
        "article"
    ]
    assert {pk: s for pk, s in read_after(article).items() if pk in before} == before


def test_an_interrupted_migration_is_continued_by_the_next_run(editor, monkeypatch):
    articles = [
        stored_whole(
            [ArticleStateFactory(title="Raid"), ArticleStateFactory(title="Raid", lead="Later.")],
            author=editor,
            title_suffix=f" {n}",
        )
        for n in range(3)
    ]
    before = [read_before(article) for article in articles]
    convert = migration.article_history_convert

    def fail_on_the_second(apps, db, article_id):
        convert(apps, db, article_id)
        if article_id == articles[1].pk:
            raise RuntimeError("the machine went down")

    monkeypatch.setattr(migration, "article_history_convert", fail_on_the_second)
    with pytest.raises(RuntimeError):
        run_migration()

    layouts = [Article.objects.get(pk=a.pk).layout for a in articles]
    assert [layout is not None for layout in layouts] == [True, False, False]
    assert read_before(articles[1]) == before[1]

    monkeypatch.setattr(migration, "article_history_convert", convert)
    run_migration()

    assert [read_after(article) for article in articles] == before


def test_a_converted_history_is_left_alone(editor, django_assert_num_queries):
    article = stored_whole([ArticleStateFactory(title="Raid")], author=editor)
    run_migration()
    after = read_after(article)

    with django_assert_num_queries(1):
        run_migration()

    assert read_after(article) == after
