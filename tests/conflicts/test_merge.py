"""Three-way merging of a proposal onto an article that moved on, and rebasing (no database)."""

import random
from decimal import Decimal

import pytest

from conflicts.document import ReferenceState, SectionState
from conflicts.merge import Clash, MergeResult, RebaseResult, changes_merge, changes_rebase
from tests.conflicts.test_changes import (
    AFTERMATH,
    BACKGROUND,
    BACKGROUND_FIXED,
    BASE,
    BATTLE,
    BATTLE_FIXED,
    CEASEFIRE,
    FIGHTING,
    FIGHTING_DATED,
    LEAD,
    REACTIONS,
    ROUND_TRIP_CASES,
    assert_same_article,
    headings,
    keys,
    published,
    random_revision,
    reference_ids,
    section_ids,
    with_reference,
    with_section,
    with_value,
    without_section,
)

LE_MONDE = ReferenceState("Le Monde, 22 May 2014", "https://example.org/le-monde")


def _merge(current, proposed, base=BASE):
    return changes_merge(base, current, proposed)


def _rebase(current, proposed, base=BASE):
    return changes_rebase(base, current, proposed)


def _section(state, section_id):
    return next(section for section in state.sections if section.id == section_id)


# --- changes_merge --------------------------------------------------------------------------


def test_merging_onto_an_unchanged_article_gives_exactly_the_proposal():
    for proposed in ROUND_TRIP_CASES.values():
        result = _merge(BASE, proposed)

        assert result.clean
        assert_same_article(result.state, proposed)


def test_merging_an_unchanged_proposal_gives_exactly_the_current_article():
    for current in ROUND_TRIP_CASES.values():
        result = _merge(current, BASE)

        assert result == MergeResult(state=current, conflicts=())
        assert_same_article(result.state, current)


@pytest.mark.parametrize("seed", range(40))
def test_random_revisions_merge_onto_either_unchanged_side(seed):
    proposed = random_revision(random.Random(seed))

    for current in (BASE, proposed):
        result = _merge(current, proposed)
        assert result.clean
        assert_same_article(result.state, proposed)
    assert_same_article(_merge(proposed, BASE).state, proposed)


def test_changes_to_different_infobox_keys_merge_cleanly():
    current = with_value(BASE, "Result", "Rebel victory; Malian withdrawal from Kidal")
    proposed = with_value(BASE, "Casualties1", "50 killed, 40 wounded")

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.infobox_value("Result") == "Rebel victory; Malian withdrawal from Kidal"
    assert result.state.infobox_value("Casualties1") == "50 killed, 40 wounded"
    assert keys(result.state) == keys(BASE)


def test_a_lead_change_and_a_section_change_merge_cleanly():
    current = BASE.replace(lead=LEAD + " At least 50 soldiers died.")
    proposed = with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.lead == current.lead
    assert result.state.sections[0].body == BACKGROUND_FIXED


def test_changes_to_two_different_sections_merge_cleanly_and_keep_current_ids():
    current = with_section(BASE, 12, body=BATTLE_FIXED)
    proposed = with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert [s.body for s in result.state.sections] == [BACKGROUND_FIXED, BATTLE_FIXED, AFTERMATH]
    assert section_ids(result.state) == [11, 12, 13]


def test_changes_to_two_different_references_merge_cleanly_and_keep_their_ids():
    current = with_reference(BASE, 22, url="https://example.org/ceasefire")
    proposed = with_reference(BASE, 21, text=FIGHTING_DATED)

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.references == (
        ReferenceState(FIGHTING_DATED, "https://example.org/kidal-1"),
        ReferenceState(CEASEFIRE, "https://example.org/ceasefire"),
    )
    assert reference_ids(result.state) == [21, 22]
    assert result.state.replace(references=BASE.references) == BASE


def test_a_reference_removed_on_one_side_and_another_edited_on_the_other_merges():
    current = BASE.replace(references=BASE.references[:1])
    proposed = with_reference(BASE, 21, url="")

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.references == (ReferenceState(FIGHTING, ""),)
    assert reference_ids(result.state) == [21]


def test_references_added_on_both_sides_are_all_kept():
    current = BASE.replace(references=(*BASE.references, LE_MONDE.replace(id=23)))
    proposed = BASE.replace(references=(ReferenceState("AFP, 21 May 2014"), *BASE.references))

    result = _merge(current, proposed)

    assert result.clean
    assert [r.text for r in result.state.references] == [
        "AFP, 21 May 2014",
        FIGHTING,
        CEASEFIRE,
        LE_MONDE.text,
    ]
    assert reference_ids(result.state) == [None, 21, 22, 23]


def test_the_same_reference_changed_differently_on_both_sides_conflicts():
    current = with_reference(BASE, 21, text=FIGHTING + " (AFP)")
    proposed = with_reference(BASE, 21, text=FIGHTING_DATED)

    result = _merge(current, proposed)

    assert result == MergeResult(
        state=None, conflicts=("reference: Mali: fighting in Kidal (AFP)",)
    )


def test_a_reference_conflict_label_is_shortened_to_sixty_characters():
    long_text = (
        "Mali: heavy fighting in Kidal as the prime minister visits the north of the country"
    )
    current = with_reference(BASE, 22, text=long_text)
    proposed = with_reference(BASE, 22, url="")

    (label,) = _merge(current, proposed).conflicts

    assert label == "reference: Mali: heavy fighting in Kidal as the prime minister visits…"
    assert len(label.removeprefix("reference: ")) <= 60


def test_a_reference_removed_in_the_proposal_but_edited_since_conflicts():
    current = with_reference(BASE, 22, url="https://example.org/ceasefire")
    proposed = BASE.replace(references=BASE.references[:1])

    assert _merge(current, proposed).conflicts == ("reference: Ceasefire agreed in Kidal",)


def test_both_sides_reordering_references_differently_conflicts():
    three = BASE.replace(references=(*BASE.references, LE_MONDE.replace(id=23)))
    current = three.replace(references=(three.references[1], *three.references[::2]))
    proposed = three.replace(references=three.references[::-1])

    assert _merge(current, proposed, base=three).conflicts == ("reference order",)


def test_overlapping_changes_conflict_with_labels_naming_the_parts():
    current = with_reference(
        with_section(
            with_value(
                BASE.replace(
                    title="Battle of Kidal (May 2014)",
                    lead=LEAD + " Fifty soldiers died.",
                    latitude=Decimal("18.44"),
                ),
                "Casualties1",
                "50 killed",
            ),
            11,
            body=BACKGROUND.replace("MLNA", "National Movement"),
        ),
        21,
        url="https://example.org/reuters",
    )
    proposed = with_reference(
        with_section(
            with_value(
                BASE.replace(
                    title="Battle of Kidal (2014)",
                    lead=LEAD + " Fifty-five soldiers died.",
                    latitude=Decimal("18.45"),
                ),
                "Casualties1",
                "50 killed, 40 wounded",
            ),
            11,
            body=BACKGROUND_FIXED,
        ),
        21,
        url="https://example.org/afp",
    )

    result = _merge(current, proposed)

    assert not result.clean
    assert result.state is None
    assert result.conflicts == (
        "title",
        "lead",
        "infobox: Casualties1",
        "section: Background",
        "reference: Mali: fighting in Kidal",
        "coordinates",
    )


def test_only_the_overlapping_part_is_named_among_clean_ones():
    current = with_value(BASE, "Casualties1", "45 killed, 50 wounded")
    proposed = with_reference(
        with_section(
            with_value(BASE, "Casualties1", "50 killed, 40 wounded"), 12, body=BATTLE_FIXED
        ),
        22,
        text=CEASEFIRE + " (AFP)",
    )

    assert _merge(current, proposed).conflicts == ("infobox: Casualties1",)


def test_a_section_conflict_is_labelled_with_its_heading_as_it_is_now():
    current = with_section(BASE, 12, heading="Fighting", body=BATTLE + " It lasted hours.")
    proposed = with_section(BASE, 12, body=BATTLE_FIXED)

    assert _merge(current, proposed).conflicts == ("section: Fighting",)


def test_identical_changes_on_both_sides_are_not_a_conflict():
    edited = with_reference(
        with_section(
            with_value(BASE.replace(title="Battle of Kidal (2014)"), "Casualties1", "50 killed"),
            11,
            body=BACKGROUND_FIXED,
        ),
        21,
        text=FIGHTING_DATED,
    )
    edited = with_value(with_value(edited, "Casualties2", None), "Status", "Ceasefire")

    result = _merge(edited, edited)

    assert result.clean
    assert_same_article(result.state, edited)


def test_the_same_new_section_written_on_both_sides_appears_once():
    current = BASE.replace(sections=(*BASE.sections, REACTIONS.replace(id=14)))
    proposed = BASE.replace(sections=(*BASE.sections, REACTIONS))

    result = _merge(current, proposed)

    assert result.state == current
    assert section_ids(result.state) == [11, 12, 13, 14]


def test_the_same_new_reference_written_on_both_sides_appears_once():
    current = BASE.replace(references=(*BASE.references, LE_MONDE.replace(id=23)))
    proposed = BASE.replace(references=(*BASE.references, LE_MONDE))

    result = _merge(current, proposed)

    assert result.state == current
    assert reference_ids(result.state) == [21, 22, 23]


def test_an_infobox_key_added_on_both_sides_with_different_values_conflicts():
    current = with_value(BASE, "Strength1", "1,500")
    proposed = with_value(BASE, "Strength1", "About 1,500 soldiers")

    assert _merge(current, proposed).conflicts == ("infobox: Strength1",)


def test_an_infobox_key_removed_on_both_sides_is_fine():
    removed = with_value(BASE, "Casualties2", None)

    assert _merge(removed, removed).state == removed


def test_an_infobox_key_removed_in_the_proposal_but_changed_since_conflicts():
    current = with_value(BASE, "Casualties2", "Around 30 killed")
    proposed = with_value(BASE, "Casualties2", None)

    assert _merge(current, proposed).conflicts == ("infobox: Casualties2",)


def test_an_infobox_key_changed_in_the_proposal_but_removed_since_conflicts():
    current = with_value(BASE, "Casualties2", None)
    proposed = with_value(BASE, "Casualties2", "Around 30 killed")

    assert _merge(current, proposed).conflicts == ("infobox: Casualties2",)


def test_a_key_removed_on_one_side_and_untouched_on_the_other_is_removed():
    proposed = with_value(BASE, "Partof", None)
    current = with_value(BASE, "Date", "21–22 May 2014")

    result = _merge(current, proposed)

    assert "Partof" not in keys(result.state)
    assert result.state.infobox_value("Date") == "21–22 May 2014"


def test_a_section_removed_in_the_proposal_but_edited_since_conflicts():
    current = with_section(BASE, 13, body=AFTERMATH + " The army withdrew from Kidal.")
    proposed = without_section(BASE, 13)

    assert _merge(current, proposed).conflicts == ("section: Aftermath",)


def test_a_section_edited_in_the_proposal_but_removed_since_conflicts():
    current = without_section(BASE, 12)
    proposed = with_section(BASE, 12, body=BATTLE_FIXED)

    assert _merge(current, proposed).conflicts == ("section: Battle",)


def test_a_section_removed_on_one_side_and_edited_elsewhere_on_the_other_merges():
    current = without_section(BASE, 13)
    proposed = with_section(BASE, 12, body=BATTLE_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert headings(result.state) == ["Background", "Battle"]
    assert result.state.sections[1].body == BATTLE_FIXED


def test_a_section_reordered_since_and_edited_in_the_proposal_merges_in_the_new_order():
    current = BASE.replace(sections=(BASE.sections[1], BASE.sections[0], BASE.sections[2]))
    proposed = with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert section_ids(result.state) == [12, 11, 13]
    assert result.state.sections[1].body == BACKGROUND_FIXED


def test_sections_reordered_in_the_proposal_and_edited_since_merge_in_the_proposed_order():
    current = with_section(BASE, 12, body=BATTLE_FIXED)
    proposed = BASE.replace(sections=(BASE.sections[2], BASE.sections[0], BASE.sections[1]))

    result = _merge(current, proposed)

    assert result.clean
    assert section_ids(result.state) == [13, 11, 12]
    assert result.state.sections[2].body == BATTLE_FIXED


def test_references_reordered_in_the_proposal_and_edited_since_merge_in_the_proposed_order():
    current = with_reference(BASE, 21, text=FIGHTING_DATED)
    proposed = BASE.replace(references=BASE.references[::-1])

    result = _merge(current, proposed)

    assert result.clean
    assert reference_ids(result.state) == [22, 21]
    assert result.state.references[1].text == FIGHTING_DATED


def test_infobox_reordered_in_the_proposal_and_edited_since_merges_in_the_proposed_order():
    order = ["Conflict", "Partof", "Place", "Date", "Result", "Casualties1", "Casualties2"]
    current = with_value(BASE, "Casualties1", "50 killed, 40 wounded")
    proposed = BASE.replace(infobox=tuple(sorted(BASE.infobox, key=lambda e: order.index(e.key))))

    result = _merge(current, proposed)

    assert keys(result.state) == order
    assert result.state.infobox_value("Casualties1") == "50 killed, 40 wounded"


def test_both_sides_reordering_sections_differently_conflicts():
    current = BASE.replace(sections=(BASE.sections[1], BASE.sections[0], BASE.sections[2]))
    proposed = BASE.replace(sections=(BASE.sections[0], BASE.sections[2], BASE.sections[1]))

    assert _merge(current, proposed).conflicts == ("section order",)


def test_both_sides_reordering_the_infobox_differently_conflicts():
    current = BASE.replace(infobox=(BASE.infobox[2], *BASE.infobox[:2], *BASE.infobox[3:]))
    proposed = BASE.replace(infobox=tuple(reversed(BASE.infobox)))

    assert _merge(current, proposed).conflicts == ("infobox order",)


def test_both_sides_making_the_same_reorder_is_not_a_conflict():
    reordered = BASE.replace(sections=(BASE.sections[2], BASE.sections[0], BASE.sections[1]))
    proposed = with_section(reordered, 11, body=BACKGROUND_FIXED)

    result = _merge(reordered, proposed)

    assert result.clean
    assert_same_article(result.state, proposed)


def test_additions_from_both_sides_are_all_kept_in_a_sensible_order():
    current = with_value(
        BASE.replace(
            sections=(
                SectionState("Prelude", 2, "Tension rose in Kidal.", id=20),
                *BASE.sections[:2],
                SectionState("Casualties", 3, "Fifty soldiers died.", id=21),
                BASE.sections[2],
            )
        ),
        "Strength1",
        "1,500",
    )
    proposed = with_value(
        with_value(
            BASE.replace(
                sections=(
                    SectionState("Overview", 2, "A short summary."),
                    *BASE.sections[:2],
                    SectionState("Prisoners", 3, "Dozens were captured."),
                    BASE.sections[2],
                    REACTIONS,
                )
            ),
            "Status",
            "Ceasefire",
        ),
        "Strength2",
        "Unknown",
    )

    result = _merge(current, proposed)

    assert result.clean
    assert headings(result.state) == [
        "Prelude",
        "Overview",
        "Background",
        "Battle",
        "Casualties",
        "Prisoners",
        "Aftermath",
        "Reactions",
    ]
    assert section_ids(result.state) == [20, None, 11, 12, 21, None, 13, None]
    assert keys(result.state) == [*keys(BASE), "Strength1", "Status", "Strength2"]


def test_an_addition_in_the_proposal_follows_its_predecessor_in_the_current_order():
    current = BASE.replace(sections=(BASE.sections[2], BASE.sections[0], BASE.sections[1]))
    proposed = BASE.replace(sections=(BASE.sections[0], REACTIONS, *BASE.sections[1:]))

    result = _merge(current, proposed)

    assert headings(result.state) == ["Aftermath", "Background", "Reactions", "Battle"]


def test_an_addition_after_a_section_removed_since_follows_the_nearest_kept_one():
    current = without_section(BASE, 12)
    proposed = BASE.replace(sections=(*BASE.sections[:2], REACTIONS, BASE.sections[2]))

    result = _merge(current, proposed)

    assert headings(result.state) == ["Background", "Reactions", "Aftermath"]


def test_an_addition_at_the_start_of_the_proposal_comes_first():
    current = with_section(BASE, 11, body=BACKGROUND_FIXED)
    proposed = BASE.replace(sections=(REACTIONS, *BASE.sections))

    assert headings(_merge(current, proposed).state) == [
        "Reactions",
        "Background",
        "Battle",
        "Aftermath",
    ]


def test_merging_needs_base_sections_with_ids():
    base = BASE.replace(sections=tuple(s.replace(id=None) for s in BASE.sections))

    with pytest.raises(ValueError, match="id"):
        changes_merge(base, base, base)


def test_merging_needs_base_references_with_ids():
    base = BASE.replace(references=tuple(r.replace(id=None) for r in BASE.references))

    with pytest.raises(ValueError, match="id"):
        changes_merge(base, base, base)


# --- changes_rebase -------------------------------------------------------------------------


def test_rebasing_without_overlap_has_no_clash_and_gives_the_merged_article():
    current = with_reference(
        with_section(with_value(BASE, "Result", "Rebel victory"), 12, body=BATTLE_FIXED),
        22,
        url="https://example.org/ceasefire",
    )
    proposed = with_reference(
        with_section(with_value(BASE, "Casualties1", "50 killed"), 11, body=BACKGROUND_FIXED),
        21,
        text=FIGHTING_DATED,
    )

    result = _rebase(current, proposed)

    assert result.clashes == ()
    assert_same_article(result.state, _merge(current, proposed).state)


def test_rebasing_onto_an_unchanged_article_gives_exactly_the_proposal():
    for proposed in ROUND_TRIP_CASES.values():
        result = _rebase(BASE, proposed)

        assert result == RebaseResult(state=proposed, clashes=())
        assert_same_article(result.state, proposed)


def test_a_clashing_infobox_value_keeps_the_authors_value_and_reports_both():
    current = with_value(BASE, "Casualties2", "Around 30 killed")
    proposed = with_value(BASE, "Casualties2", "At least 35 killed")

    result = _rebase(current, proposed)

    assert result.clashes == (
        Clash(
            "infobox",
            "Casualties2",
            "infobox: Casualties2",
            "Around 30 killed",
            "At least 35 killed",
        ),
    )
    assert result.state == proposed
    assert keys(result.state) == keys(BASE)


def test_an_infobox_value_the_author_removed_but_current_changed_stays_removed():
    current = with_value(BASE, "Casualties2", "Around 30 killed")
    proposed = with_value(BASE, "Casualties2", None)

    result = _rebase(current, proposed)

    assert "Casualties2" not in keys(result.state)
    assert result.clashes == (
        Clash("infobox", "Casualties2", "infobox: Casualties2", "Around 30 killed", ""),
    )


def test_a_section_the_author_edited_but_current_removed_comes_back_as_a_new_section():
    current = without_section(BASE, 12)
    proposed = with_section(BASE, 12, body=BATTLE_FIXED)

    result = _rebase(current, proposed)

    assert result.state.sections == (
        BASE.sections[0],
        SectionState("Battle", 2, BATTLE_FIXED),
        BASE.sections[2],
    )
    assert section_ids(result.state) == [11, None, 13]
    assert result.clashes == (
        Clash("section", 12, "section: Battle", "", f"Battle\n\n{BATTLE_FIXED}"),
    )


def test_a_section_the_author_removed_but_current_edited_stays_removed():
    edited = AFTERMATH + " The army withdrew from Kidal."
    current = with_section(BASE, 13, body=edited)
    proposed = without_section(BASE, 13)

    result = _rebase(current, proposed)

    assert result.state == proposed
    assert section_ids(result.state) == [11, 12]
    assert result.clashes == (
        Clash("section", 13, "section: Aftermath", f"Aftermath\n\n{edited}", ""),
    )


def test_a_clashing_reference_keeps_the_authors_reference():
    current = with_reference(BASE, 21, text=FIGHTING + " (AFP)")
    proposed = with_reference(BASE, 21, text=FIGHTING_DATED, url="")

    result = _rebase(current, proposed)

    assert result.state == proposed
    assert reference_ids(result.state) == [21, 22]
    assert result.clashes == (
        Clash(
            "reference",
            21,
            "reference: Mali: fighting in Kidal (AFP)",
            "Mali: fighting in Kidal (AFP) https://example.org/kidal-1",
            FIGHTING_DATED,
        ),
    )


def test_sections_reordered_differently_on_both_sides_follow_the_authors_order():
    current = BASE.replace(sections=(BASE.sections[1], BASE.sections[0], BASE.sections[2]))
    proposed = BASE.replace(sections=(BASE.sections[0], BASE.sections[2], BASE.sections[1]))

    result = _rebase(current, proposed)

    assert section_ids(result.state) == [11, 13, 12]
    assert result.clashes == (
        Clash(
            "section order",
            None,
            "section order",
            "Battle\nBackground\nAftermath",
            "Background\nAftermath\nBattle",
        ),
    )


def test_every_clean_change_of_the_author_survives_a_clash_elsewhere():
    current = with_section(
        with_value(BASE.replace(lead=LEAD + " Fifty soldiers died."), "Casualties1", "45 killed"),
        13,
        body=AFTERMATH + " The army withdrew.",
    )
    proposed = with_value(
        with_section(
            with_value(
                BASE.replace(
                    title="Battle of Kidal (2014)",
                    references=(BASE.references[0], LE_MONDE),
                    latitude=Decimal("18.45"),
                    longitude=Decimal("1.41"),
                ),
                "Casualties1",
                "50 killed, 40 wounded",
            ),
            11,
            body=BACKGROUND_FIXED,
        ),
        "Status",
        "Ceasefire",
    )

    result = _rebase(current, proposed)

    assert [clash.label for clash in result.clashes] == ["infobox: Casualties1"]
    state = result.state
    # The author's changes, the clashing one included.
    assert state.title == "Battle of Kidal (2014)"
    assert state.infobox_value("Casualties1") == "50 killed, 40 wounded"
    assert state.infobox_value("Status") == "Ceasefire"
    assert _section(state, 11).body == BACKGROUND_FIXED
    assert state.references == (BASE.references[0], LE_MONDE)
    assert reference_ids(state) == [21, None]
    assert (state.latitude, state.longitude) == (Decimal("18.45"), Decimal("1.41"))
    # What was published since, where the author left it alone.
    assert state.lead == current.lead
    assert _section(state, 13).body == AFTERMATH + " The army withdrew."
    assert section_ids(state) == [11, 12, 13]


@pytest.mark.parametrize("seed", range(60))
def test_random_rebases_clash_exactly_where_merges_conflict(seed):
    rng = random.Random(seed)
    current = published(random_revision(rng))
    proposed = random_revision(rng)

    merged = _merge(current, proposed)
    rebased = _rebase(current, proposed)

    assert tuple(clash.label for clash in rebased.clashes) == merged.conflicts
    if merged.clean:
        assert_same_article(rebased.state, merged.state)
    # Relative to current: every part has one of current's ids, or none (new).
    assert set(section_ids(rebased.state)) <= {*section_ids(current), None}
    assert set(reference_ids(rebased.state)) <= {*reference_ids(current), None}
    # Rebased once, the proposal no longer clashes with the article it was rebased on.
    again = changes_rebase(current, current, rebased.state)
    assert again.clashes == ()
    assert_same_article(again.state, rebased.state)
