"""The worklist: written by the checks after every publish, kept through dismissals until
the evidence changes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from conflicts import selectors
from conflicts.document import InfoboxEntry, SectionState
from conflicts.services.errors import StateError
from facts import selectors as facts_selectors
from facts.models import ArticleNames, NameSpelling, WorklistItem
from facts.services.refresh import worklist_item_dismiss
from tests.factories import ArticleStateFactory, committed, publish, revise

pytestmark = pytest.mark.django_db


def open_items(article=None) -> list[tuple[str, str]]:
    items = facts_selectors.worklist(article_slug=article.slug if article else "")
    return sorted((item.article.title, item.check_name) for item in items)


def battle(title: str, lead: str, *, infobox=(("Date", "2012"),), body="") -> object:
    state = ArticleStateFactory(
        title=title,
        lead=lead,
        infobox=tuple(InfoboxEntry(key, value) for key, value in infobox),
        sections=(SectionState("Fighting", 2, body),) if body else (),
    )
    return publish(state).article


def republish(article, **changes):
    state = selectors.article_current_state(article)
    with committed():
        revise(article, state.replace(**changes))


# --- Written after each publish ----------------------------------------------------------


SEED_ITEMS = [
    ("1990 Ménaka raid", "name-variants"),
    ("1990 Ménaka raid", "years-disagree"),
    ("2006 Kidal and Ménaka mutinies", "name-variants"),
    ("2006 Kidal and Ménaka mutinies", "phrase-repeated"),
    ("Ménaka offensive", "infobox-missing"),
    ("Ménaka offensive", "leftover"),
    ("Ménaka offensive", "name-variants"),
    ("Ménaka offensive", "name-variants"),
    ("Second Battle of Kidal", "figures-swapped"),
    ("Second Battle of Ménaka", "marker-glued"),
    ("Second Battle of Ménaka", "name-variants"),
    ("Second Battle of Ménaka", "name-variants"),
]


def test_the_seeds_worklist_names_every_slip_the_issue_names(seed_articles):
    assert open_items() == SEED_ITEMS
    assert "MLNA" in " ".join(
        item.summary for item in facts_selectors.worklist(check="name-variants")
    )


def test_the_backfill_checks_every_article_with_every_name_counted(seed_articles):
    for model in (WorklistItem, NameSpelling, ArticleNames):
        model.objects.all().delete()

    call_command("read_facts", stdout=StringIO())

    assert open_items() == SEED_ITEMS
    assert NameSpelling.objects.get(spelling="Ménaka").articles == 4


def test_a_correction_that_fixes_the_slip_takes_it_off_the_worklist(corrected_kidal):
    assert ("Second Battle of Kidal", "figures-swapped") not in open_items(corrected_kidal)
    assert not WorklistItem.objects.filter(check_name="figures-swapped").exists()


def test_an_item_found_again_is_brought_up_to_the_new_revision(kidal, worklist_item):
    item = worklist_item(kidal, "figures-swapped")

    republish(kidal, lead=selectors.article_current_state(kidal).lead + " It ended in May.")

    again = WorklistItem.objects.get(pk=item.pk)
    assert again.revision_id == kidal.__class__.objects.get(pk=kidal.pk).current_revision_id
    assert again.found_at == item.found_at


# --- Dismissed until the evidence changes -------------------------------------------------


def test_a_dismissal_holds_while_the_evidence_is_the_same_and_ends_when_it_changes(
    reviewer, worklist_item
):
    article = battle(
        "Raid on Tessalit", "The raid came at dawn.", infobox=[("Result", "Rebel rebel victory")]
    )
    item = worklist_item(article, "phrase-repeated")

    worklist_item_dismiss(item, reviewer=reviewer, reason="Rebel Rebel was the unit's name.")
    assert open_items(article) == []
    republish(article, lead="The raid came at dawn, from the north.")
    assert open_items(article) == []

    republish(article, infobox=(InfoboxEntry("Result", "Rebel rebel rebel victory"),))
    assert open_items(article) == [("Raid on Tessalit", "phrase-repeated")]
    kept = WorklistItem.objects.get(pk=item.pk)
    assert (kept.dismissed_by, kept.current) == (reviewer, False)
    assert kept.dismissed_reason == "Rebel Rebel was the unit's name."


def test_only_reviewers_dismiss_and_only_with_a_reason(kidal, editor, reviewer, worklist_item):
    item = worklist_item(kidal, "figures-swapped")

    with pytest.raises(PermissionDenied):
        worklist_item_dismiss(item, reviewer=editor, reason="Fine as it is.")
    with pytest.raises(ValidationError, match="Say why this is not a slip"):
        worklist_item_dismiss(item, reviewer=reviewer, reason="   ")
    worklist_item_dismiss(item, reviewer=reviewer, reason="The source says so.")
    with pytest.raises(StateError, match="dismissed this already"):
        worklist_item_dismiss(item, reviewer=reviewer, reason="Again.")


# --- Names across articles --------------------------------------------------------------------


def test_a_rare_spelling_is_found_once_other_articles_outnumber_it_whichever_came_first(
    worklist_item,
):
    rare = battle("Ambush near Aguelhok", "Fighters of the FLAA ambushed a convoy.")
    assert open_items(rare) == []

    for place in ("Gao", "Kidal", "Tessalit"):
        battle(f"Battle of {place}", f"The FALA held {place} for a week.")

    assert worklist_item(rare, "name-variants").summary == "“FLAA” is written “FALA” in 3 articles."
    assert worklist_item(rare, "name-variants").passages[1]["url"] == "/?q=FALA"
