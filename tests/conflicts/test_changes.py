"""A proposal's changes: the partial document, applying it, and three-way merging (no database)."""

import json
import random
from decimal import Decimal

import pytest

from conflicts.changes import (
    ChangesError,
    MergeResult,
    changes_apply,
    changes_between,
    changes_merge,
)
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

LEAD = (
    "The Second Battle of Kidal took place on 21 May 2014 between the Malian Army and "
    "Tuareg rebels of the MNLA, the HCUA and the MAA for control of the town of Kidal."
)
BACKGROUND = (
    "On 17 May 2014, Prime Minister Moussa Mara visited Kidal; fighting broke out between "
    "the army and the MLNA while he was in the governorate."
)
BATTLE = (
    "On the morning of 21 May the Malian Army attacked rebel positions in Kidal. "
    "Among the dead was Alwabihat AgKIA."
)
AFTERMATH = "A ceasefire was signed in Kidal on 23 May under the mediation of Mauritania."

BACKGROUND_FIXED = BACKGROUND.replace("MLNA", "MNLA")
BATTLE_FIXED = BATTLE.replace("Alwabihat AgKIA", "Alwabihat Ag (KIA)")


def _article(**changes):
    """The Second Battle of Kidal as published; keyword arguments replace fields."""
    article = ArticleState(
        title="Second Battle of Kidal",
        lead=LEAD,
        infobox=(
            InfoboxEntry("Conflict", "Second Battle of Kidal"),
            InfoboxEntry("Partof", "the Mali War"),
            InfoboxEntry("Date", "21 May 2014"),
            InfoboxEntry("Place", "Kidal, Mali"),
            InfoboxEntry("Result", "Rebel victory"),
            InfoboxEntry("Casualties1", "40 killed, 50 wounded"),
            InfoboxEntry("Casualties2", "Unknown"),
        ),
        sections=(
            SectionState("Background", 2, BACKGROUND, id=11),
            SectionState("Battle", 2, BATTLE, id=12),
            SectionState("Aftermath", 2, AFTERMATH, id=13),
        ),
        references=(
            ReferenceState("Mali: fighting in Kidal", "https://example.org/kidal-1"),
            ReferenceState("Ceasefire agreed in Kidal", "https://example.org/kidal-2"),
        ),
        latitude=Decimal("18.4411"),
        longitude=Decimal("1.4078"),
    )
    return article.replace(**changes)


BASE = _article()


def _with_value(state, key, value):
    """`state` with infobox field `key` set to `value` (None removes it, new keys go last)."""
    entries = [entry for entry in state.infobox if entry.key != key]
    if value is not None:
        existing = [entry.key for entry in state.infobox]
        entry = InfoboxEntry(key, value)
        if key in existing:
            entries.insert(existing.index(key), entry)
        else:
            entries.append(entry)
    return state.replace(infobox=tuple(entries))


def _with_section(state, section_id, **fields):
    return state.replace(
        sections=tuple(
            section.replace(**fields) if section.id == section_id else section
            for section in state.sections
        )
    )


def _without_section(state, section_id):
    return state.replace(sections=tuple(s for s in state.sections if s.id != section_id))


def _keys(state):
    return [entry.key for entry in state.infobox]


def _headings(state):
    return [section.heading for section in state.sections]


def _section_ids(state):
    return [section.id for section in state.sections]


# --- changes_between ------------------------------------------------------------------------


def test_equal_articles_have_no_changes():
    assert changes_between(BASE, _article()) == {}


def test_section_ids_alone_are_no_change_because_states_ignore_them():
    proposed = BASE.replace(sections=tuple(s.replace(id=None) for s in BASE.sections))

    assert changes_between(BASE, proposed) == {}


def test_a_corrected_casualty_figure_is_the_only_change_listed():
    proposed = _with_value(BASE, "Casualties1", "50 killed, 40 wounded")

    assert changes_between(BASE, proposed) == {"infobox": {"Casualties1": "50 killed, 40 wounded"}}


def test_a_typo_fixed_in_one_section_lists_the_complete_section_list_with_ids():
    proposed = _with_section(BASE, 11, body=BACKGROUND_FIXED)

    assert changes_between(BASE, proposed) == {
        "sections": [
            {"id": 11, "heading": "Background", "level": 2, "body": BACKGROUND_FIXED},
            {"id": 12, "heading": "Battle", "level": 2, "body": BATTLE},
            {"id": 13, "heading": "Aftermath", "level": 2, "body": AFTERMATH},
        ]
    }


def test_a_renamed_infobox_key_is_a_removal_plus_an_addition_at_the_end():
    proposed = _with_value(_with_value(BASE, "Casualties2", None), "Casualties3", "Unknown")

    assert changes_between(BASE, proposed) == {
        "infobox": {"Casualties3": "Unknown", "Casualties2": None}
    }


def test_reordering_kept_keys_gives_only_the_infobox_order():
    order = ["Conflict", "Partof", "Place", "Date", "Result", "Casualties1", "Casualties2"]
    proposed = BASE.replace(infobox=tuple(sorted(BASE.infobox, key=lambda e: order.index(e.key))))

    assert changes_between(BASE, proposed) == {"infobox_order": order}


def test_a_new_key_placed_before_the_end_needs_the_infobox_order():
    entries = list(BASE.infobox)
    entries.insert(4, InfoboxEntry("Status", "Ceasefire"))
    proposed = BASE.replace(infobox=tuple(entries))

    changes = changes_between(BASE, proposed)

    assert changes["infobox"] == {"Status": "Ceasefire"}
    assert changes["infobox_order"] == _keys(proposed)


def test_coordinates_are_decimal_strings_without_exponent():
    proposed = BASE.replace(latitude=Decimal("18.4500"), longitude=Decimal("1E+1"))

    assert changes_between(BASE, proposed) == {"coordinates": {"lat": "18.4500", "lon": "10"}}


def test_removed_coordinates_are_null():
    proposed = BASE.replace(latitude=None, longitude=None)

    assert changes_between(BASE, proposed) == {"coordinates": None}


def test_an_equal_coordinate_written_with_more_places_is_no_change():
    proposed = BASE.replace(latitude=Decimal("18.441100"))

    assert changes_between(BASE, proposed) == {}


def test_the_proposed_line_breaks_are_normalised_so_they_alone_are_no_change():
    proposed = BASE.replace(
        lead=LEAD + "\r\n\r\nThe battle ended the truce.",
        sections=(BASE.sections[0].replace(body=BACKGROUND.replace("; ", ";\r\n")),),
    )
    windows_only = _with_value(BASE.replace(lead=LEAD), "Date", "21 May 2014\r\n")

    changes = changes_between(BASE, proposed)

    assert changes["lead"] == LEAD + "\n\nThe battle ended the truce."
    assert "\r" not in json.dumps(changes["sections"])
    assert changes_between(BASE, windows_only) == {"infobox": {"Date": "21 May 2014\n"}}
    assert changes_between(BASE.replace(lead="a\nb"), BASE.replace(lead="a\r\nb")) == {}


def test_a_proposed_section_with_an_unknown_or_repeated_id_is_new():
    proposed = BASE.replace(
        sections=(
            *BASE.sections,
            SectionState("Reactions", 2, "France condemned the attack.", id=99),
            SectionState("Analysis", 2, "A copy of the background.", id=11),
        )
    )

    sections = changes_between(BASE, proposed)["sections"]

    assert [section["id"] for section in sections] == [11, 12, 13, None, None]


def test_changes_are_json_ready():
    proposed = _with_section(
        BASE.replace(latitude=Decimal("18.45"), title="Battle of Kidal (2014)"),
        12,
        body=BATTLE_FIXED,
    )

    changes = changes_between(BASE, proposed)

    assert json.loads(json.dumps(changes)) == changes


def test_half_a_coordinate_pair_cannot_be_proposed():
    with pytest.raises(ChangesError) as caught:
        changes_between(BASE, BASE.replace(longitude=None))

    assert list(caught.value.errors) == ["coordinates"]


def test_a_repeated_infobox_key_cannot_be_proposed():
    proposed = BASE.replace(infobox=(*BASE.infobox, InfoboxEntry("Date", "22 May 2014")))

    with pytest.raises(ChangesError) as caught:
        changes_between(BASE, proposed)

    assert list(caught.value.errors) == ["infobox"]


# --- round trip -----------------------------------------------------------------------------

REACTIONS = SectionState("Reactions", 3, "The United Nations called for calm.")

ROUND_TRIP_CASES = {
    "unchanged": BASE,
    "title and lead": BASE.replace(title="Battle of Kidal (2014)", lead=LEAD + " It ended."),
    "casualty figures": _with_value(BASE, "Casualties1", "50 killed, 40 wounded"),
    "infobox rename": _with_value(_with_value(BASE, "Casualties2", None), "Casualties3", "?"),
    "infobox reorder with a new key in the middle": BASE.replace(
        infobox=(
            InfoboxEntry("Date", "21 May 2014"),
            InfoboxEntry("Conflict", "Second Battle of Kidal"),
            InfoboxEntry("Status", "Ceasefire"),
            InfoboxEntry("Place", "Kidal, Mali"),
            InfoboxEntry("Casualties1", "50 killed, 40 wounded"),
        )
    ),
    "empty infobox": BASE.replace(infobox=()),
    "section edits": _with_section(
        _with_section(BASE, 11, body=BACKGROUND_FIXED), 12, body=BATTLE_FIXED, level=3
    ),
    "sections reordered, removed and added": BASE.replace(
        sections=(BASE.sections[2], REACTIONS, BASE.sections[0])
    ),
    "no sections": BASE.replace(sections=()),
    "references": BASE.replace(
        references=(BASE.references[1], ReferenceState("Le Monde, 22 May 2014"))
    ),
    "coordinates moved": BASE.replace(latitude=Decimal("18.45"), longitude=Decimal("-1.41")),
    "coordinates removed": BASE.replace(latitude=None, longitude=None),
}


@pytest.mark.parametrize("proposed", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_applying_the_changes_between_base_and_a_proposal_gives_the_proposal(proposed):
    changes = changes_between(BASE, proposed)

    result = changes_apply(BASE, json.loads(json.dumps(changes)))

    assert result == proposed
    assert _keys(result) == _keys(proposed)
    assert _section_ids(result) == _section_ids(proposed)


_ACTIONS = (
    "edit key",
    "drop key",
    "add key",
    "shuffle keys",
    "edit section",
    "drop section",
    "add section",
    "shuffle sections",
)


def _random_revision(rng):
    """BASE after a few random editorial changes, as an editor's form would produce it."""
    entries = list(BASE.infobox)
    sections = list(BASE.sections)
    for _ in range(rng.randint(1, 6)):
        action = rng.choice(_ACTIONS)
        if action == "edit key" and entries:
            i = rng.randrange(len(entries))
            entries[i] = InfoboxEntry(entries[i].key, entries[i].value + " (disputed)")
        elif action == "drop key" and entries:
            entries.pop(rng.randrange(len(entries)))
        elif action == "add key":
            key = rng.choice(["Status", "Strength1", "Strength2", "Commander1", "Notes"])
            if key not in [entry.key for entry in entries]:
                entries.insert(rng.randint(0, len(entries)), InfoboxEntry(key, "Unknown"))
        elif action == "shuffle keys":
            rng.shuffle(entries)
        elif action == "edit section" and sections:
            i = rng.randrange(len(sections))
            sections[i] = sections[i].replace(body=sections[i].body + " Sources differ.")
        elif action == "drop section" and sections:
            sections.pop(rng.randrange(len(sections)))
        elif action == "add section":
            new = SectionState(f"Note {rng.randint(1, 99)}", rng.choice([2, 3]), "Added later.")
            sections.insert(rng.randint(0, len(sections)), new)
        elif action == "shuffle sections":
            rng.shuffle(sections)
    return BASE.replace(infobox=tuple(entries), sections=tuple(sections))


@pytest.mark.parametrize("seed", range(40))
def test_random_revisions_round_trip_and_merge_onto_either_unchanged_side(seed):
    proposed = _random_revision(random.Random(seed))

    assert changes_apply(BASE, changes_between(BASE, proposed)) == proposed
    for current, expected in ((BASE, proposed), (proposed, proposed)):
        result = _merge(current, proposed)
        assert result.state == expected
        assert _keys(result.state) == _keys(expected)
        assert _section_ids(result.state) == _section_ids(expected)
    assert _merge(proposed, BASE).state == proposed


def test_the_round_trip_also_holds_from_an_article_without_coordinates_or_sections():
    base = BASE.replace(latitude=None, longitude=None, sections=(), infobox=())
    proposed = BASE.replace(sections=tuple(s.replace(id=None) for s in BASE.sections))

    assert changes_apply(base, changes_between(base, proposed)) == proposed


# --- changes_apply --------------------------------------------------------------------------


def test_new_infobox_keys_are_appended_in_the_order_given():
    result = changes_apply(
        BASE, {"infobox": {"Status": "Ceasefire", "Strength1": "1,500", "Place": "Kidal"}}
    )

    assert _keys(result) == [*_keys(BASE), "Status", "Strength1"]
    assert result.infobox_value("Place") == "Kidal"


def test_the_infobox_order_places_new_keys():
    order = ["Status", *_keys(BASE)]

    result = changes_apply(BASE, {"infobox": {"Status": "Ceasefire"}, "infobox_order": order})

    assert _keys(result) == order


def test_setting_an_infobox_key_to_its_current_value_is_harmless():
    assert changes_apply(BASE, {"infobox": {"Date": "21 May 2014"}}) == BASE


def test_kept_sections_keep_their_ids_and_new_ones_have_none():
    result = changes_apply(
        BASE,
        {
            "sections": [
                {"id": 13, "heading": "Aftermath", "level": 2, "body": AFTERMATH},
                {"heading": "Reactions", "level": 3, "body": "Calm."},
                {"id": None, "heading": "Analysis", "level": 2, "body": "Later."},
            ]
        },
    )

    assert _section_ids(result) == [13, None, None]
    assert _headings(result) == ["Aftermath", "Reactions", "Analysis"]


def test_windows_line_breaks_become_unix_ones_and_other_text_is_kept_as_given():
    result = changes_apply(
        BASE,
        {
            "title": "  Second Battle of Kidal ",
            "lead": "First line.\r\nSecond line.\r",
            "infobox": {"Notes": "a\r\nb"},
            "sections": [{"heading": "Battle\r\n", "level": 2, "body": "x\r\n\r\ny"}],
            "references": [{"text": "Le Monde\r\n", "url": ""}],
        },
    )

    assert result.title == "  Second Battle of Kidal "
    assert result.lead == "First line.\nSecond line.\r"
    assert result.infobox_value("Notes") == "a\nb"
    assert result.sections == (SectionState("Battle\n", 2, "x\n\ny"),)
    assert result.references == (ReferenceState("Le Monde\n"),)


@pytest.mark.parametrize(
    ("coordinates", "latitude", "longitude"),
    [
        ({"lat": "18.4411", "lon": "-1.4078"}, Decimal("18.4411"), Decimal("-1.4078")),
        ({"lat": 18.4411, "lon": 1}, Decimal("18.4411"), Decimal(1)),
        ({"lat": " 18.5 ", "lon": "+.5"}, Decimal("18.5"), Decimal("0.5")),
        (None, None, None),
    ],
)
def test_coordinates_accept_numbers_and_decimal_strings(coordinates, latitude, longitude):
    result = changes_apply(BASE, {"coordinates": coordinates})

    assert (result.latitude, result.longitude) == (latitude, longitude)


def test_a_reference_may_leave_out_its_url():
    result = changes_apply(BASE, {"references": [{"text": "Le Monde, 22 May 2014"}]})

    assert result.references == (ReferenceState("Le Monde, 22 May 2014", ""),)


def test_empty_changes_leave_the_article_as_it_is():
    assert changes_apply(BASE, {}) == BASE


def _section(**fields):
    return {"heading": "Battle", "level": 2, "body": BATTLE, **fields}


MALFORMED = {
    "not an object": (["title"], "non_field_errors"),
    "unknown top-level key": ({"summary": "Fix casualties"}, "non_field_errors"),
    "title not text": ({"title": None}, "title"),
    "lead not text": ({"lead": ["Kidal"]}, "lead"),
    "infobox not an object": ({"infobox": [["Date", "21 May"]]}, "infobox"),
    "infobox value a number": ({"infobox": {"Casualties1": 40}}, "infobox"),
    "infobox value an object": ({"infobox": {"Date": {"day": 21}}}, "infobox"),
    "removing a key the article lacks": ({"infobox": {"Casualties3": None}}, "infobox"),
    "infobox order not a list": ({"infobox_order": "Date,Place"}, "infobox"),
    "infobox order not text": ({"infobox_order": [1, 2]}, "infobox"),
    "infobox order missing a key": ({"infobox_order": _keys(BASE)[1:]}, "infobox"),
    "infobox order repeating a key": ({"infobox_order": [*_keys(BASE), "Date"]}, "infobox"),
    "infobox order naming a removed key": (
        {"infobox": {"Casualties2": None}, "infobox_order": _keys(BASE)},
        "infobox",
    ),
    "infobox order leaving out a new key": (
        {"infobox": {"Status": "Ceasefire"}, "infobox_order": _keys(BASE)},
        "infobox",
    ),
    "sections not a list": ({"sections": {"11": _section()}}, "sections"),
    "a section not an object": ({"sections": ["Battle"]}, "sections"),
    "a section without a body": ({"sections": [{"heading": "Battle", "level": 2}]}, "sections"),
    "a heading not text": ({"sections": [_section(heading=None)]}, "sections"),
    "level 4": ({"sections": [_section(level=4)]}, "sections"),
    "level as text": ({"sections": [_section(level="2")]}, "sections"),
    "level as a float": ({"sections": [_section(level=2.0)]}, "sections"),
    "level as a boolean": ({"sections": [_section(level=True)]}, "sections"),
    "an unknown section id": ({"sections": [_section(id=99)]}, "sections"),
    "a section id as text": ({"sections": [_section(id="12")]}, "sections"),
    "a section id as a boolean": ({"sections": [_section(id=True)]}, "sections"),
    "a section listed twice": ({"sections": [_section(id=12), _section(id=12)]}, "sections"),
    "an unknown section key": ({"sections": [_section(position=1)]}, "sections"),
    "references not a list": ({"references": "Le Monde"}, "references"),
    "a reference without text": ({"references": [{"url": "https://example.org"}]}, "references"),
    "a reference url not text": ({"references": [{"text": "Le Monde", "url": 1}]}, "references"),
    "coordinates as a list": ({"coordinates": [18.44, 1.40]}, "coordinates"),
    "coordinates without lon": ({"coordinates": {"lat": "18.44"}}, "coordinates"),
    "coordinates with an extra key": (
        {"coordinates": {"lat": "18.44", "lon": "1.40", "alt": "460"}},
        "coordinates",
    ),
    "a latitude that is not a number": (
        {"coordinates": {"lat": "18°26′N", "lon": "1.40"}},
        "coordinates",
    ),
    "a latitude in exponent notation": (
        {"coordinates": {"lat": "1.8e1", "lon": "1.40"}},
        "coordinates",
    ),
    "a latitude that is NaN": ({"coordinates": {"lat": "NaN", "lon": "1.40"}}, "coordinates"),
    "an infinite longitude": ({"coordinates": {"lat": 18.4, "lon": float("inf")}}, "coordinates"),
    "a nan longitude": ({"coordinates": {"lat": 18.4, "lon": float("nan")}}, "coordinates"),
    "a boolean latitude": ({"coordinates": {"lat": True, "lon": "1.40"}}, "coordinates"),
    "a null latitude": ({"coordinates": {"lat": None, "lon": "1.40"}}, "coordinates"),
    "an empty longitude": ({"coordinates": {"lat": "18.4", "lon": ""}}, "coordinates"),
    "a longitude in another script": ({"coordinates": {"lat": "18", "lon": "١"}}, "coordinates"),
}


@pytest.mark.parametrize(("changes", "part"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_changes_are_refused_with_the_part_at_fault(changes, part):
    with pytest.raises(ChangesError) as caught:
        changes_apply(BASE, changes)

    assert list(caught.value.errors) == [part]
    assert all(message.strip() for message in caught.value.errors[part])


def test_every_malformed_part_is_reported_at_once_with_readable_messages():
    with pytest.raises(ChangesError) as caught:
        changes_apply(
            BASE,
            {
                "title": 7,
                "infobox": {"Casualties3": None},
                "sections": [_section(id=12), _section(id=99, level=5)],
                "coordinates": {"lat": "north", "lon": "1.4"},
            },
        )

    errors = caught.value.errors
    assert set(errors) == {"title", "infobox", "sections", "coordinates"}
    assert errors["infobox"] == ['There is no infobox field "Casualties3" to remove.']
    assert errors["sections"] == [
        "Section 2: its level must be 2 or 3; there is no section 99 in this article."
    ]
    assert "north" in errors["coordinates"][0]
    assert isinstance(caught.value, ValueError)


def test_lengths_and_ranges_are_left_to_another_layer():
    result = changes_apply(
        BASE, {"title": "", "coordinates": {"lat": "123.5", "lon": "-720"}, "lead": "x" * 50_000}
    )

    assert (result.title, result.latitude, result.longitude) == ("", Decimal("123.5"), -720)


# --- changes_merge --------------------------------------------------------------------------


def _merge(current, proposed, base=BASE):
    return changes_merge(base, current, proposed)


def test_merging_onto_an_unchanged_article_gives_exactly_the_proposal():
    for proposed in ROUND_TRIP_CASES.values():
        result = _merge(BASE, proposed)

        assert result.clean
        assert result.state == proposed
        assert _keys(result.state) == _keys(proposed)
        assert _section_ids(result.state) == _section_ids(proposed)


def test_merging_an_unchanged_proposal_gives_exactly_the_current_article():
    for current in ROUND_TRIP_CASES.values():
        result = _merge(current, BASE)

        assert result == MergeResult(state=current, conflicts=())
        assert _keys(result.state) == _keys(current)
        assert _section_ids(result.state) == _section_ids(current)


def test_changes_to_different_infobox_keys_merge_cleanly():
    current = _with_value(BASE, "Result", "Rebel victory; Malian withdrawal from Kidal")
    proposed = _with_value(BASE, "Casualties1", "50 killed, 40 wounded")

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.infobox_value("Result") == "Rebel victory; Malian withdrawal from Kidal"
    assert result.state.infobox_value("Casualties1") == "50 killed, 40 wounded"
    assert _keys(result.state) == _keys(BASE)


def test_a_lead_change_and_a_section_change_merge_cleanly():
    current = BASE.replace(lead=LEAD + " At least 50 soldiers died.")
    proposed = _with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert result.state.lead == current.lead
    assert result.state.sections[0].body == BACKGROUND_FIXED


def test_changes_to_two_different_sections_merge_cleanly_and_keep_current_ids():
    current = _with_section(BASE, 12, body=BATTLE_FIXED)
    proposed = _with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert [s.body for s in result.state.sections] == [BACKGROUND_FIXED, BATTLE_FIXED, AFTERMATH]
    assert _section_ids(result.state) == [11, 12, 13]


def test_overlapping_changes_conflict_with_labels_naming_the_parts():
    current = _with_section(
        _with_value(
            BASE.replace(
                title="Battle of Kidal (May 2014)",
                lead=LEAD + " Fifty soldiers died.",
                references=BASE.references[:1],
                latitude=Decimal("18.44"),
            ),
            "Casualties1",
            "50 killed",
        ),
        11,
        body=BACKGROUND.replace("MLNA", "National Movement"),
    )
    proposed = _with_section(
        _with_value(
            BASE.replace(
                title="Battle of Kidal (2014)",
                lead=LEAD + " Fifty-five soldiers died.",
                references=BASE.references[1:],
                latitude=Decimal("18.45"),
            ),
            "Casualties1",
            "50 killed, 40 wounded",
        ),
        11,
        body=BACKGROUND_FIXED,
    )

    result = _merge(current, proposed)

    assert not result.clean
    assert result.state is None
    assert result.conflicts == (
        "title",
        "lead",
        "infobox: Casualties1",
        "section: Background",
        "references",
        "coordinates",
    )


def test_only_the_overlapping_part_is_named_among_clean_ones():
    current = _with_value(BASE, "Casualties1", "45 killed, 50 wounded")
    proposed = _with_section(
        _with_value(BASE, "Casualties1", "50 killed, 40 wounded"), 12, body=BATTLE_FIXED
    )

    assert _merge(current, proposed).conflicts == ("infobox: Casualties1",)


def test_a_section_conflict_is_labelled_with_its_heading_as_it_is_now():
    current = _with_section(BASE, 12, heading="Fighting", body=BATTLE + " It lasted hours.")
    proposed = _with_section(BASE, 12, body=BATTLE_FIXED)

    assert _merge(current, proposed).conflicts == ("section: Fighting",)


def test_identical_changes_on_both_sides_are_not_a_conflict():
    edited = _with_section(
        _with_value(BASE.replace(title="Battle of Kidal (2014)"), "Casualties1", "50 killed"),
        11,
        body=BACKGROUND_FIXED,
    )
    edited = _with_value(_with_value(edited, "Casualties2", None), "Status", "Ceasefire")

    result = _merge(edited, edited)

    assert result.clean
    assert result.state == edited


def test_the_same_new_section_written_on_both_sides_appears_once():
    current = BASE.replace(sections=(*BASE.sections, REACTIONS.replace(id=14)))
    proposed = BASE.replace(sections=(*BASE.sections, REACTIONS))

    result = _merge(current, proposed)

    assert result.state == current
    assert _section_ids(result.state) == [11, 12, 13, 14]


def test_an_infobox_key_added_on_both_sides_with_different_values_conflicts():
    current = _with_value(BASE, "Strength1", "1,500")
    proposed = _with_value(BASE, "Strength1", "About 1,500 soldiers")

    assert _merge(current, proposed).conflicts == ("infobox: Strength1",)


def test_an_infobox_key_removed_on_both_sides_is_fine():
    removed = _with_value(BASE, "Casualties2", None)

    assert _merge(removed, removed).state == removed


def test_an_infobox_key_removed_in_the_proposal_but_changed_since_conflicts():
    current = _with_value(BASE, "Casualties2", "Around 30 killed")
    proposed = _with_value(BASE, "Casualties2", None)

    assert _merge(current, proposed).conflicts == ("infobox: Casualties2",)


def test_an_infobox_key_changed_in_the_proposal_but_removed_since_conflicts():
    current = _with_value(BASE, "Casualties2", None)
    proposed = _with_value(BASE, "Casualties2", "Around 30 killed")

    assert _merge(current, proposed).conflicts == ("infobox: Casualties2",)


def test_a_key_removed_on_one_side_and_untouched_on_the_other_is_removed():
    proposed = _with_value(BASE, "Partof", None)
    current = _with_value(BASE, "Date", "21–22 May 2014")

    result = _merge(current, proposed)

    assert "Partof" not in _keys(result.state)
    assert result.state.infobox_value("Date") == "21–22 May 2014"


def test_a_section_removed_in_the_proposal_but_edited_since_conflicts():
    current = _with_section(BASE, 13, body=AFTERMATH + " The army withdrew from Kidal.")
    proposed = _without_section(BASE, 13)

    assert _merge(current, proposed).conflicts == ("section: Aftermath",)


def test_a_section_edited_in_the_proposal_but_removed_since_conflicts():
    current = _without_section(BASE, 12)
    proposed = _with_section(BASE, 12, body=BATTLE_FIXED)

    assert _merge(current, proposed).conflicts == ("section: Battle",)


def test_a_section_removed_on_one_side_and_edited_elsewhere_on_the_other_merges():
    current = _without_section(BASE, 13)
    proposed = _with_section(BASE, 12, body=BATTLE_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert _headings(result.state) == ["Background", "Battle"]
    assert result.state.sections[1].body == BATTLE_FIXED


def test_a_section_reordered_since_and_edited_in_the_proposal_merges_in_the_new_order():
    current = BASE.replace(sections=(BASE.sections[1], BASE.sections[0], BASE.sections[2]))
    proposed = _with_section(BASE, 11, body=BACKGROUND_FIXED)

    result = _merge(current, proposed)

    assert result.clean
    assert _section_ids(result.state) == [12, 11, 13]
    assert result.state.sections[1].body == BACKGROUND_FIXED


def test_sections_reordered_in_the_proposal_and_edited_since_merge_in_the_proposed_order():
    current = _with_section(BASE, 12, body=BATTLE_FIXED)
    proposed = BASE.replace(sections=(BASE.sections[2], BASE.sections[0], BASE.sections[1]))

    result = _merge(current, proposed)

    assert result.clean
    assert _section_ids(result.state) == [13, 11, 12]
    assert result.state.sections[2].body == BATTLE_FIXED


def test_infobox_reordered_in_the_proposal_and_edited_since_merges_in_the_proposed_order():
    order = ["Conflict", "Partof", "Place", "Date", "Result", "Casualties1", "Casualties2"]
    current = _with_value(BASE, "Casualties1", "50 killed, 40 wounded")
    proposed = BASE.replace(infobox=tuple(sorted(BASE.infobox, key=lambda e: order.index(e.key))))

    result = _merge(current, proposed)

    assert _keys(result.state) == order
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
    proposed = _with_section(reordered, 11, body=BACKGROUND_FIXED)

    result = _merge(reordered, proposed)

    assert result.clean
    assert result.state == proposed


def test_additions_from_both_sides_are_all_kept_in_a_sensible_order():
    current = _with_value(
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
    proposed = _with_value(
        _with_value(
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
    assert _headings(result.state) == [
        "Prelude",
        "Overview",
        "Background",
        "Battle",
        "Casualties",
        "Prisoners",
        "Aftermath",
        "Reactions",
    ]
    assert _section_ids(result.state) == [20, None, 11, 12, 21, None, 13, None]
    assert _keys(result.state) == [*_keys(BASE), "Strength1", "Status", "Strength2"]


def test_an_addition_in_the_proposal_follows_its_predecessor_in_the_current_order():
    current = BASE.replace(sections=(BASE.sections[2], BASE.sections[0], BASE.sections[1]))
    proposed = BASE.replace(sections=(BASE.sections[0], REACTIONS, *BASE.sections[1:]))

    result = _merge(current, proposed)

    assert _headings(result.state) == ["Aftermath", "Background", "Reactions", "Battle"]


def test_an_addition_after_a_section_removed_since_follows_the_nearest_kept_one():
    current = _without_section(BASE, 12)
    proposed = BASE.replace(sections=(*BASE.sections[:2], REACTIONS, BASE.sections[2]))

    result = _merge(current, proposed)

    assert _headings(result.state) == ["Background", "Reactions", "Aftermath"]


def test_an_addition_at_the_start_of_the_proposal_comes_first():
    current = _with_section(BASE, 11, body=BACKGROUND_FIXED)
    proposed = BASE.replace(sections=(REACTIONS, *BASE.sections))

    assert _headings(_merge(current, proposed).state) == [
        "Reactions",
        "Background",
        "Battle",
        "Aftermath",
    ]


def test_merging_needs_base_sections_with_ids():
    base = BASE.replace(sections=tuple(s.replace(id=None) for s in BASE.sections))

    with pytest.raises(ValueError, match="id"):
        changes_merge(base, base, base)
