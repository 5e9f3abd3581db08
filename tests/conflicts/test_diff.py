"""Comparing two revisions of an article: word runs and the article-level diff (no database)."""

import itertools
import random
from decimal import Decimal

import pytest

from conflicts.diff import (
    ArticleDiff,
    FieldChange,
    ReferenceChange,
    TextRun,
    diff_articles,
    word_diff,
)
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

MENAKA_LEAD = (
    "Between June 28 and 29, 1990, Tuareg rebels from the People's Movement for the "
    "Liberation of Azawad (MPLA) attacked the Malian Army outpost at Ménaka."
)
BACKGROUND = (
    "During the late 1980's, the Kidal Region of northern Mali suffered several droughts.\n\n"
    "In May 1990, several hundred Tuaregs were arrested in Tchin-Tabaraden, Niger."
)
RAID = "On the evening of June 28, 1990, fighters of the MLNA arrived on the outskirts."
AFTERMATH = "Thirty-six Malian gendarmes were killed during the raid."
REACTIONS = "The government in Bamako declared a state of emergency."


def _ops(runs):
    return [(run.op, run.text) for run in runs]


def _old_side(runs):
    return "".join(run.text for run in runs if run.op != "insert")


def _new_side(runs):
    return "".join(run.text for run in runs if run.op != "delete")


def _article(**changes):
    """The 1990 Ménaka raid as first published; keyword arguments replace fields."""
    article = ArticleState(
        title="1990 Ménaka raid",
        lead=MENAKA_LEAD,
        infobox=(
            InfoboxEntry("Conflict", "Raid on Ménaka (1990)"),
            InfoboxEntry("Place", "Ménaka, Mali"),
            InfoboxEntry("Result", "MPLA victory"),
            InfoboxEntry("Casualties1", "40 killed, 50 wounded"),
            InfoboxEntry("Casualties2", "1 injured"),
        ),
        sections=(
            SectionState("Background", 2, BACKGROUND, id=1),
            SectionState("Raid", 2, RAID, id=2),
            SectionState("Aftermath", 2, AFTERMATH, id=3),
            SectionState("Reactions", 2, REACTIONS, id=4),
        ),
        references=(
            ReferenceState("Lecocq, Baz. Disputed Desert (2010)."),
            ReferenceState("Le Monde, 1 July 1990.", "https://www.lemonde.fr/archives/"),
        ),
        latitude=Decimal("15.9182"),
        longitude=Decimal("2.4022"),
    )
    return article.replace(**changes)


# --- word_diff ------------------------------------------------------------------------

TEXT_PAIRS = [
    ("", ""),
    ("", "14-36 killed"),
    ("14-36 killed", ""),
    ("40 killed, 50 wounded", "50 killed, 40 wounded"),
    ("40 killed", "50 dead"),
    (RAID, RAID.replace("MLNA", "MNLA")),
    (BACKGROUND, BACKGROUND.replace("\n\n", " ")),
    (MENAKA_LEAD, "Tuareg rebels attacked Ménaka on 28 June 1990."),
    ("1,500 killed", "1,600 killed (est.)"),
    ("  leading and trailing  ", "leading\tand\ttrailing"),
    ('<script>alert("1")</script>', '<script>alert("2")</script> & more'),
    ("Gao; Kidal; Timbuktu", "Gao, Kidal and Timbuktu"),
    ("\n\n\n", "\n"),
]


@pytest.mark.parametrize(("old", "new"), TEXT_PAIRS)
def test_the_equal_and_deleted_runs_rebuild_the_old_text_and_the_equal_and_inserted_runs_the_new(
    old, new
):
    runs = word_diff(old, new)

    assert _old_side(runs) == old
    assert _new_side(runs) == new


@pytest.mark.parametrize(("old", "new"), TEXT_PAIRS)
def test_runs_are_never_empty_and_neighbours_never_share_an_op(old, new):
    runs = word_diff(old, new)

    assert all(run.text for run in runs)
    assert all(first.op != second.op for first, second in itertools.pairwise(runs))


def test_random_edits_always_rebuild_both_texts():
    words = ["Gao", "Kidal", "MNLA", "1,500", "People's", "é", ",", ".", " ", "  ", "\n", "\n\n"]
    generator = random.Random(1990)
    for _ in range(500):
        old = "".join(generator.choices(words, k=generator.randrange(30)))
        new = "".join(generator.choices(words, k=generator.randrange(30)))

        runs = word_diff(old, new)

        assert (_old_side(runs), _new_side(runs)) == (old, new)
        assert all(run.text for run in runs)
        assert all(first.op != second.op for first, second in itertools.pairwise(runs))


def test_identical_text_is_a_single_equal_run():
    assert word_diff(RAID, RAID) == (TextRun("equal", RAID),)


def test_two_empty_texts_give_no_runs():
    assert word_diff("", "") == ()


def test_added_text_is_one_insertion_and_removed_text_one_deletion():
    assert word_diff("", "14-36 killed") == (TextRun("insert", "14-36 killed"),)
    assert word_diff("14-36 killed", "") == (TextRun("delete", "14-36 killed"),)


def test_a_corrected_figure_is_replaced_as_a_whole_word():
    assert _ops(word_diff("40 killed", "50 killed")) == [
        ("delete", "40"),
        ("insert", "50"),
        ("equal", " killed"),
    ]


def test_swapped_casualty_figures_are_two_replacements_around_the_unchanged_words():
    assert _ops(word_diff("40 killed, 50 wounded", "50 killed, 40 wounded")) == [
        ("delete", "40"),
        ("insert", "50"),
        ("equal", " killed, "),
        ("delete", "50"),
        ("insert", "40"),
        ("equal", " wounded"),
    ]


def test_a_space_between_two_changed_words_is_absorbed_into_one_deletion_and_one_insertion():
    assert _ops(word_diff("40 killed", "50 dead")) == [
        ("delete", "40 killed"),
        ("insert", "50 dead"),
    ]


def test_a_misspelt_acronym_is_replaced_whole_rather_than_letter_by_letter():
    runs = word_diff(RAID, RAID.replace("MLNA", "MNLA"))

    assert _ops(runs) == [
        ("equal", "On the evening of June 28, 1990, fighters of the "),
        ("delete", "MLNA"),
        ("insert", "MNLA"),
        ("equal", " arrived on the outskirts."),
    ]


def test_a_paragraph_break_between_two_changes_is_not_absorbed_into_them():
    runs = word_diff("Gao fell\n\nKidal held", "Mopti fell\n\nKidal fell")

    assert _ops(runs) == [
        ("delete", "Gao"),
        ("insert", "Mopti"),
        ("equal", " fell\n\nKidal "),
        ("delete", "held"),
        ("insert", "fell"),
    ]
    assert _ops(word_diff("Gao\n\nKidal", "Mopti\n\nTimbuktu")) == [
        ("delete", "Gao"),
        ("insert", "Mopti"),
        ("equal", "\n\n"),
        ("delete", "Kidal"),
        ("insert", "Timbuktu"),
    ]


def test_numbers_with_separators_and_words_with_apostrophes_are_single_words():
    assert _ops(word_diff("1,500 killed", "1,600 killed")) == [
        ("delete", "1,500"),
        ("insert", "1,600"),
        ("equal", " killed"),
    ]
    assert _ops(word_diff("the People's Movement", "the Popular Movement")) == [
        ("equal", "the "),
        ("delete", "People's"),
        ("insert", "Popular"),
        ("equal", " Movement"),
    ]


def test_punctuation_is_compared_apart_from_the_words_it_follows():
    assert _ops(word_diff("Gao; Kidal", "Gao, Kidal")) == [
        ("equal", "Gao"),
        ("delete", ";"),
        ("insert", ","),
        ("equal", " Kidal"),
    ]


# --- diff_articles: the whole article ---------------------------------------------------


def test_comparing_a_revision_with_itself_finds_nothing():
    diff = diff_articles(_article(), _article())

    assert diff.is_empty
    assert diff.changed_fields == 0
    assert diff.changed_characters == 0
    assert diff == ArticleDiff(None, None, (), (), (), None)


def test_a_retitled_article_has_title_runs_and_an_untouched_lead_has_none():
    diff = diff_articles(_article(), _article(title="Raid on Ménaka"))

    assert _ops(diff.title) == [
        ("delete", "1990"),
        ("insert", "Raid on"),
        ("equal", " Ménaka"),
        ("delete", " raid"),
    ]
    assert diff.lead is None
    assert diff.changed_fields == 1


def test_an_edited_lead_has_word_runs():
    new_lead = MENAKA_LEAD.replace("Malian Army outpost", "gendarmerie post")

    diff = diff_articles(_article(), _article(lead=new_lead))

    assert diff.title is None
    assert _old_side(diff.lead) == MENAKA_LEAD
    assert _new_side(diff.lead) == new_lead
    assert ("delete", "Malian Army outpost") in _ops(diff.lead)


# --- infobox ----------------------------------------------------------------------------


def _with_infobox_value(article, key, value):
    infobox = tuple(
        InfoboxEntry(entry.key, value) if entry.key == key else entry for entry in article.infobox
    )
    return article.replace(infobox=infobox)


def test_a_changed_casualty_figure_is_a_changed_field_with_old_and_new_values():
    old = _article()
    new = _with_infobox_value(old, "Casualties1", "50 killed, 40 wounded")

    diff = diff_articles(old, new)

    (change,) = diff.infobox
    assert change.key == "Casualties1"
    assert change.change == "changed"
    assert (change.old, change.new) == ("40 killed, 50 wounded", "50 killed, 40 wounded")
    assert _ops(change.runs)[:2] == [("delete", "40"), ("insert", "50")]
    assert diff.changed_fields == 1
    assert diff.changed_characters == 8


def test_an_added_key_has_no_old_value_and_is_all_insertion():
    old = _article()
    new = old.replace(infobox=(*old.infobox, InfoboxEntry("Commander2", "Iyad Ag Ghaly")))

    (change,) = diff_articles(old, new).infobox

    assert change == FieldChange(
        "Commander2", None, "Iyad Ag Ghaly", "added", (TextRun("insert", "Iyad Ag Ghaly"),)
    )


def test_a_removed_key_has_no_new_value_and_is_all_deletion():
    old = _article()
    new = old.replace(infobox=tuple(e for e in old.infobox if e.key != "Result"))

    (change,) = diff_articles(old, new).infobox

    assert change == FieldChange(
        "Result", "MPLA victory", None, "removed", (TextRun("delete", "MPLA victory"),)
    )


def test_infobox_changes_follow_the_new_key_order_with_removed_keys_at_their_old_place():
    old = _article()
    new = old.replace(
        infobox=(
            InfoboxEntry("Conflict", "Raid on Ménaka"),
            InfoboxEntry("Date", "June 28-29, 1990"),
            InfoboxEntry("Place", "Ménaka, Mali"),
            # "Result" removed: it was between "Place" and "Casualties1".
            InfoboxEntry("Casualties1", "36 killed"),
            InfoboxEntry("Casualties2", "1 injured"),
        )
    )

    diff = diff_articles(old, new)

    assert [(change.key, change.change) for change in diff.infobox] == [
        ("Conflict", "changed"),
        ("Date", "added"),
        ("Result", "removed"),
        ("Casualties1", "changed"),
    ]


def test_a_key_removed_before_every_surviving_key_comes_first():
    old = _article()
    new = old.replace(infobox=old.infobox[1:])

    (change,) = diff_articles(old, new).infobox

    assert (change.key, change.change) == ("Conflict", "removed")


def test_reordering_the_infobox_alone_is_not_a_change():
    old = _article()

    assert diff_articles(old, old.replace(infobox=old.infobox[::-1])).is_empty


# --- sections ---------------------------------------------------------------------------


def test_an_unchanged_section_is_not_listed():
    old = _article()
    new = old.replace(sections=(*old.sections[:3], SectionState("Reactions", 2, "Rewritten.", 4)))

    diff = diff_articles(old, new)

    assert [change.heading for change in diff.sections] == ["Reactions"]


def test_a_corrected_acronym_in_a_section_body_is_a_changed_section_with_body_runs():
    old = _article()
    raid = SectionState("Raid", 2, RAID.replace("MLNA", "MNLA"), id=2)
    new = old.replace(sections=(old.sections[0], raid, *old.sections[2:]))

    (change,) = diff_articles(old, new).sections

    assert change.change == "changed"
    assert (change.old, change.new) == (old.sections[1], raid)
    assert change.heading_runs == (TextRun("equal", "Raid"),)
    assert ("delete", "MLNA") in _ops(change.body_runs)
    assert ("insert", "MNLA") in _ops(change.body_runs)
    assert not change.moved


def test_sections_added_removed_renamed_and_relevelled_are_listed_in_reading_order():
    old = _article()
    new = old.replace(
        sections=(
            SectionState("Background", 2, BACKGROUND.replace("droughts", "severe droughts"), 1),
            SectionState("The raid", 2, RAID, id=2),  # renamed: same id, new heading
            SectionState("Aftermath", 3, AFTERMATH, id=3),  # now a subsection
            # "Reactions" (id 4) removed.
            SectionState("Legacy", 2, "The raid began the Tuareg rebellion of 1990-1996.", 5),
        )
    )

    diff = diff_articles(old, new)

    assert [(change.heading, change.change) for change in diff.sections] == [
        ("Background", "changed"),
        ("The raid", "changed"),
        ("Aftermath", "changed"),
        ("Reactions", "removed"),
        ("Legacy", "added"),
    ]
    background, renamed, relevelled, removed, added = diff.sections
    assert [(run.op, run.text.strip()) for run in background.body_runs if run.op != "equal"] == [
        ("insert", "severe")
    ]
    assert _ops(renamed.heading_runs) == [("delete", "Raid"), ("insert", "The raid")]
    assert renamed.body_runs == (TextRun("equal", RAID),)
    assert (relevelled.old.level, relevelled.new.level) == (2, 3)
    assert relevelled.body_runs == (TextRun("equal", AFTERMATH),)
    assert (removed.old, removed.new) == (old.sections[3], None)
    assert removed.body_runs == (TextRun("delete", REACTIONS),)
    assert added.old is None
    assert added.heading_runs == (TextRun("insert", "Legacy"),)
    assert diff.changed_fields == 5


def test_sections_without_ids_are_matched_by_heading_then_by_position():
    old = ArticleState(
        "Raid",
        sections=(
            SectionState("Background", 2, "Droughts."),
            SectionState("Raid", 2, RAID),
            SectionState("Aftermath", 2, AFTERMATH),
        ),
    )
    new = old.replace(
        sections=(
            SectionState("Background", 2, "Droughts and exile."),
            SectionState("Attack", 2, RAID),  # renamed, recognised by position
            SectionState("Aftermath", 2, AFTERMATH),
        )
    )

    diff = diff_articles(old, new)

    assert [(change.heading, change.change) for change in diff.sections] == [
        ("Background", "changed"),
        ("Attack", "changed"),
    ]
    assert diff.sections[1].old.heading == "Raid"


def test_sections_with_different_ids_are_never_paired_by_position():
    old = ArticleState("Raid", sections=(SectionState("Reactions", 2, REACTIONS, id=4),))
    new = old.replace(sections=(SectionState("Legacy", 2, "The rebellion began.", id=9),))

    diff = diff_articles(old, new)

    assert [(change.heading, change.change) for change in diff.sections] == [
        ("Reactions", "removed"),
        ("Legacy", "added"),
    ]


def test_a_new_section_row_with_an_old_heading_is_matched_by_heading():
    old = ArticleState("Raid", sections=(SectionState("Raid", 2, RAID, id=2),))
    new = old.replace(sections=(SectionState("Raid", 2, RAID, id=7),))

    assert diff_articles(old, new).is_empty


def test_a_moved_section_is_changed_even_with_identical_text():
    old = _article()
    background, raid, aftermath, reactions = old.sections
    new = old.replace(sections=(raid, aftermath, reactions, background))

    diff = diff_articles(old, new)

    (change,) = diff.sections
    assert (change.heading, change.change, change.moved) == ("Background", "changed", True)
    assert change.body_runs == (TextRun("equal", BACKGROUND),)
    assert diff.changed_fields == 1
    assert diff.changed_characters == 0
    assert not diff.is_empty


# --- references and coordinates --------------------------------------------------------


def test_references_added_and_removed_are_listed_and_kept_ones_are_not():
    old = _article()
    added = ReferenceState("Keita, Kalifa. Conflict and Conflict Resolution in the Sahel.")
    new = old.replace(references=(old.references[0], added))

    diff = diff_articles(old, new)

    assert diff.references == (
        ReferenceChange("removed", old.references[1]),
        ReferenceChange("added", added),
    )
    assert diff.changed_characters == (
        len(old.references[1].text) + len(old.references[1].url) + len(added.text)
    )


def test_reordering_the_references_alone_is_not_a_change():
    old = _article()

    assert diff_articles(old, old.replace(references=old.references[::-1])).is_empty


def test_moved_coordinates_give_the_old_and_new_positions():
    old = _article()
    new = old.replace(latitude=Decimal("15.9100"))

    diff = diff_articles(old, new)

    assert diff.coordinates == (
        (Decimal("15.9182"), Decimal("2.4022")),
        (Decimal("15.9100"), Decimal("2.4022")),
    )
    assert diff.changed_fields == 1


def test_coordinates_written_with_another_number_of_decimals_are_unchanged():
    old = _article()

    assert diff_articles(old, old.replace(latitude=Decimal("15.91820"))).coordinates is None


def test_coordinates_given_for_the_first_time_are_a_change_from_none():
    old = _article(latitude=None, longitude=None)

    diff = diff_articles(old, _article())

    assert diff.coordinates == ((None, None), (Decimal("15.9182"), Decimal("2.4022")))
    assert diff.changed_characters == len("15.9182") + len("2.4022")


# --- counting -----------------------------------------------------------------------------


def test_changed_fields_counts_title_lead_keys_sections_references_and_coordinates_once_each():
    old = _article()
    new = _with_infobox_value(old, "Casualties1", "50 killed, 40 wounded").replace(
        title="Raid on Ménaka",
        lead=MENAKA_LEAD + " It began the rebellion.",
        sections=old.sections[:3],
        references=old.references[:1],
        longitude=Decimal("2.4"),
    )

    diff = diff_articles(old, new)

    assert diff.changed_fields == 6
    assert diff.changed_characters == (
        len("1990" "Raid on" " raid")
        + len(" It began the rebellion.")
        + len("40" "50" "50" "40")
        + len("Reactions") + len(REACTIONS)
        + len(old.references[1].text) + len(old.references[1].url)
        + len("15.9182" "2.4022" "15.9182" "2.4")
    )  # fmt: skip
