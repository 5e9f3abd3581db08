"""A revision stores what changed, parts keep their rows, and every revision rebuilds
exactly (`conflicts.history`, `conflicts.services.articles`)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Version

from conflicts import history, selectors
from conflicts.document import ArticleState, InfoboxEntry, SectionState
from conflicts.models import Article, InfoboxField, Section
from conflicts.services.articles import article_create
from tests.conflicts.histories import edited, edits
from tests.factories import ArticleStateFactory, publish, revise

pytestmark = pytest.mark.django_db


def current_state(article) -> ArticleState:
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def stored_in(revision) -> list[tuple[str, str]]:
    """What the revision's versions hold: (model name, object repr), sorted."""
    return sorted(
        (version.content_type.model, version.object_repr)
        for version in Version.objects.filter(revision_id=revision.revision_id)
    )


def part_ids(article) -> dict[str, list[int]]:
    article = Article.objects.get(pk=article.pk)
    return {
        "infobox": list(article.infobox_fields.values_list("pk", flat=True)),
        "sections": list(article.sections.values_list("pk", flat=True)),
        "references": list(article.references.values_list("pk", flat=True)),
    }


def with_infobox_value(state: ArticleState, key: str, value: str) -> ArticleState:
    return state.replace(
        infobox=tuple(
            InfoboxEntry(entry.key, value if entry.key == key else entry.value)
            for entry in state.infobox
        )
    )


def test_a_one_field_correction_stores_that_field_alone_and_keeps_every_row(editor):
    article = publish(author=editor).article
    before = part_ids(article)

    revision = revise(
        article, with_infobox_value(current_state(article), "Casualties1", "41 killed")
    )

    assert part_ids(article) == before
    assert stored_in(revision) == [("infoboxfield", "Casualties1: 41 killed")]
    assert Article.objects.get(pk=article.pk).layout == before


def test_moving_a_section_stores_the_layout_alone(editor):
    article = publish(author=editor).article
    state = current_state(article)
    background, battle, aftermath = state.sections

    revision = revise(article, state.replace(sections=(battle, background, aftermath)))

    assert stored_in(revision) == [("article", article.title)]
    assert part_ids(article)["sections"] == [battle.id, background.id, aftermath.id]
    assert [s.heading for s in selectors.revision_state(revision).sections] == [
        "Battle",
        "Background",
        "Aftermath",
    ]


def test_only_added_parts_are_inserted_and_only_removed_ones_deleted(editor):
    article = publish(author=editor).article
    state = current_state(article)
    background, battle, aftermath = state.sections
    added = SectionState(heading="Casualties", level=3, body="Counted by both sides.")

    revision = revise(article, state.replace(sections=(background, added, aftermath)))

    ids = part_ids(article)["sections"]
    assert [ids[0], ids[2]] == [background.id, aftermath.id]
    assert not Section.objects.filter(pk=battle.id).exists()
    assert stored_in(revision) == [("article", article.title), ("section", "Casualties")]


def test_a_part_history_lists_exactly_the_revisions_that_changed_it(editor):
    first = publish(author=editor)
    article = first.article
    state = current_state(article)
    changed = revise(article, with_infobox_value(state, "Casualties1", "41 killed"))
    revise(article, with_infobox_value(current_state(article), "Casualties2", "3 killed"))
    back = revise(
        article,
        with_infobox_value(
            current_state(article), "Casualties1", state.infobox_value("Casualties1")
        ),
    )

    field = InfoboxField.objects.get(article=article, key="Casualties1")
    assert [v.revision_id for v in Version.objects.get_for_object(field)] == [
        back.revision_id,
        changed.revision_id,
        first.revision_id,
    ]


def test_any_number_of_revisions_is_read_in_two_queries(editor, django_assert_num_queries):
    first = publish(author=editor)
    article = first.article
    revisions = [first]
    for n in range(5):
        state = current_state(article)
        revisions.append(
            revise(
                article,
                state.replace(sections=(*state.sections, SectionState(f"Phase {n}", 2, "…"))),
            )
        )

    with django_assert_num_queries(2):
        states = history.states_at(r.revision_id for r in revisions)

    assert [len(states[r.revision_id].sections) for r in revisions] == [3, 4, 5, 6, 7, 8]


def test_a_state_read_is_cached_once_its_transaction_commits(
    editor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    revision = publish(author=editor)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        expected = selectors.revision_state(revision)

    with django_assert_num_queries(0):
        assert selectors.revision_state(revision) == expected


def test_publishing_caches_exactly_the_state_history_rebuilds(editor):
    first = publish(author=editor)
    state = current_state(first.article)
    second = revise(
        first.article,
        state.replace(
            sections=(SectionState("Aftermath", 2, "Talks began."), *state.sections[::-1]),
            references=state.references[1:],
        ),
    )

    for revision in (first, second):
        cached = cache.get(f"annals:revision-state:2:{revision.revision_id}")
        rebuilt = history.states_at([revision.revision_id])[revision.revision_id]
        assert repr(cached) == repr(rebuilt)  # part ids and coordinate digits too


def test_a_layout_that_does_not_match_the_current_revision_stops_publishing(editor):
    first = publish(author=editor)
    state = current_state(first.article)
    Article.objects.filter(pk=first.article_id).update(
        layout={"infobox": [], "sections": [], "references": []}
    )

    with pytest.raises(history.HistoryIncomplete):
        revise(first.article, state.replace(lead="Never written."))

    assert current_state(first.article) == state


def test_a_state_read_in_a_transaction_that_rolls_back_is_not_cached(
    editor, django_assert_num_queries
):
    with transaction.atomic():
        revision = article_create(state=ArticleStateFactory(), author=editor, summary="Undone")
        selectors.revision_state(revision)
        transaction.set_rollback(True)

    assert cache.get(f"annals:revision-state:2:{revision.revision_id}") is None


# --- Every revision of any history rebuilds exactly -----------------------------------------


def with_ids(state: ArticleState):
    """The state and the ids of its sections and references, which equality ignores."""
    return state, [s.id for s in state.sections], [r.id for r in state.references]


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(edits(), min_size=1, max_size=25))
def test_every_revision_of_any_history_rebuilds_exactly(editor, steps):
    with transaction.atomic():
        revision = publish(author=editor)
        article = revision.article
        published = {revision.revision_id: with_ids(current_state(article))}
        for serial, edit in enumerate(steps):
            state = edited(current_state(article), edit, serial)
            revision = revise(article, state, author=editor)
            published[revision.revision_id] = with_ids(current_state(article))

        # What publishing cached for the next writer, which rewrites the rows from it.
        cached = {pk: cache.get(f"annals:revision-state:2:{pk}") for pk in published}
        cache.clear()
        rebuilt = history.states_at(published)

        assert {pk: with_ids(state) for pk, state in rebuilt.items()} == published
        # Exactly, to the digits of the coordinates and the ids of the parts.
        assert {pk: repr(state) for pk, state in cached.items()} == {
            pk: repr(state) for pk, state in rebuilt.items()
        }
        transaction.set_rollback(True)
