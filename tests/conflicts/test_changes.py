"""A proposal's changes as a partial document: computing them and applying them (no database).

Three-way merging and rebasing are in test_merge.py, the text rules in test_text.py.
"""

import json
import random
from decimal import Decimal

import pytest

from conflicts.changes import ChangesError, changes_apply, changes_between
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

FIGHTING = "Mali: fighting in Kidal"
CEASEFIRE = "Ceasefire agreed in Kidal"
FIGHTING_DATED = "Mali: fighting in Kidal (Reuters, 21 May 2014)"


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
            ReferenceState(FIGHTING, "https://example.org/kidal-1", id=21),
            ReferenceState(CEASEFIRE, "https://example.org/kidal-2", id=22),
        ),
        latitude=Decimal("18.4411"),
        longitude=Decimal("1.4078"),
    )
    return article.replace(**changes)


BASE = _article()


def with_value(state, key, value):
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


def with_section(state, section_id, **fields):
    return state.replace(
        sections=tuple(
            section.replace(**fields) if section.id == section_id else section
            for section in state.sections
        )
    )


def without_section(state, section_id):
    return state.replace(sections=tuple(s for s in state.sections if s.id != section_id))


def with_reference(state, reference_id, **fields):
    return state.replace(
        references=tuple(
            reference.replace(**fields) if reference.id == reference_id else reference
            for reference in state.references
        )
    )


def keys(state):
    return [entry.key for entry in state.infobox]


def headings(state):
    return [section.heading for section in state.sections]


def section_ids(state):
    return [section.id for section in state.sections]


def reference_ids(state):
    return [reference.id for reference in state.references]


# --- changes_between ------------------------------------------------------------------------


def test_equal_articles_have_no_changes():
    assert changes_between(BASE, _article()) == {}


def test_ids_alone_are_no_change_because_states_ignore_them():
    proposed = BASE.replace(
        sections=tuple(s.replace(id=None) for s in BASE.sections),
        references=tuple(r.replace(id=None) for r in BASE.references),
    )

    assert changes_between(BASE, proposed) == {}


def test_a_corrected_casualty_figure_is_the_only_change_listed():
    proposed = with_value(BASE, "Casualties1", "50 killed, 40 wounded")

    assert changes_between(BASE, proposed) == {"infobox": {"Casualties1": "50 killed, 40 wounded"}}


def test_a_typo_fixed_in_one_section_carries_that_body_alone_and_the_other_ids():
    proposed = with_section(BASE, 11, body=BACKGROUND_FIXED)

    assert changes_between(BASE, proposed) == {
        "sections": [{"id": 11, "body": BACKGROUND_FIXED}, {"id": 12}, {"id": 13}]
    }


def test_a_changed_reference_is_carried_alone_and_the_other_by_its_id():
    proposed = with_reference(BASE, 21, text=FIGHTING_DATED)

    assert changes_between(BASE, proposed) == {
        "references": [{"id": 21, "text": FIGHTING_DATED}, {"id": 22}]
    }


def test_a_changed_level_and_heading_are_carried_without_the_body():
    proposed = with_section(BASE, 12, heading="Fighting", level=3)

    assert changes_between(BASE, proposed)["sections"][1] == {
        "id": 12,
        "heading": "Fighting",
        "level": 3,
    }


def test_removed_and_reordered_parts_are_left_out_and_listed_in_the_new_order():
    proposed = BASE.replace(
        sections=(BASE.sections[2], BASE.sections[0]), references=BASE.references[::-1]
    )

    assert changes_between(BASE, proposed) == {
        "sections": [{"id": 13}, {"id": 11}],
        "references": [{"id": 22}, {"id": 21}],
    }


def test_new_parts_are_written_out_in_full_without_an_id():
    proposed = BASE.replace(
        sections=(*BASE.sections, SectionState("Reactions", 3, "Calm.")),
        references=(ReferenceState("Le Monde, 22 May 2014"), *BASE.references),
    )

    assert changes_between(BASE, proposed) == {
        "sections": [
            {"id": 11},
            {"id": 12},
            {"id": 13},
            {"heading": "Reactions", "level": 3, "body": "Calm."},
        ],
        "references": [{"text": "Le Monde, 22 May 2014", "url": ""}, {"id": 21}, {"id": 22}],
    }


def test_a_renamed_infobox_key_is_a_removal_plus_an_addition_at_the_end():
    proposed = with_value(with_value(BASE, "Casualties2", None), "Casualties3", "Unknown")

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
    assert changes["infobox_order"] == keys(proposed)


def test_coordinates_are_decimal_strings_without_exponent():
    proposed = BASE.replace(latitude=Decimal("18.4500"), longitude=Decimal("1E+1"))

    assert changes_between(BASE, proposed) == {"coordinates": {"lat": "18.4500", "lon": "10"}}


def test_removed_coordinates_are_null():
    proposed = BASE.replace(latitude=None, longitude=None)

    assert changes_between(BASE, proposed) == {"coordinates": None}


def test_an_equal_coordinate_written_with_more_places_is_no_change():
    proposed = BASE.replace(latitude=Decimal("18.441100"))

    assert changes_between(BASE, proposed) == {}


def test_text_is_carried_exactly_as_given_because_the_services_normalise_it():
    proposed = with_section(
        with_value(BASE.replace(lead=LEAD + "\r\n\r\nThe truce ended. "), "Date", "21 May\r\n"),
        11,
        body=BACKGROUND.replace("; ", ";\r\n"),
    )

    changes = changes_between(BASE, proposed)

    assert changes == {
        "lead": LEAD + "\r\n\r\nThe truce ended. ",
        "infobox": {"Date": "21 May\r\n"},
        "sections": [{"id": 11, "body": BACKGROUND.replace("; ", ";\r\n")}, {"id": 12}, {"id": 13}],
    }
    assert changes_between(BASE.replace(lead="a\nb"), BASE.replace(lead="a\r\nb")) == {
        "lead": "a\r\nb"
    }


def test_a_proposed_section_with_an_unknown_or_repeated_id_is_new():
    proposed = BASE.replace(
        sections=(
            *BASE.sections,
            SectionState("Reactions", 2, "France condemned the attack.", id=99),
            SectionState("Analysis", 2, "A copy of the background.", id=11),
        )
    )

    assert changes_between(BASE, proposed)["sections"] == [
        {"id": 11},
        {"id": 12},
        {"id": 13},
        {"heading": "Reactions", "level": 2, "body": "France condemned the attack."},
        {"heading": "Analysis", "level": 2, "body": "A copy of the background."},
    ]


def test_a_proposed_reference_with_an_unknown_or_repeated_id_is_new():
    proposed = BASE.replace(
        references=(
            BASE.references[0],
            ReferenceState("Le Monde", id=99),
            ReferenceState(CEASEFIRE, "https://example.org/kidal-3", id=21),
        )
    )

    assert changes_between(BASE, proposed)["references"] == [
        {"id": 21},
        {"text": "Le Monde", "url": ""},
        {"text": CEASEFIRE, "url": "https://example.org/kidal-3"},
    ]


def test_parts_swapping_ids_with_the_same_content_are_still_listed_by_id():
    proposed = BASE.replace(
        references=(BASE.references[0].replace(id=22), BASE.references[1].replace(id=21))
    )

    changes = changes_between(BASE, proposed)

    assert changes == {
        "references": [
            {"id": 22, "text": FIGHTING, "url": "https://example.org/kidal-1"},
            {"id": 21, "text": CEASEFIRE, "url": "https://example.org/kidal-2"},
        ]
    }
    assert reference_ids(changes_apply(BASE, changes)) == [22, 21]


def test_changes_are_json_ready():
    proposed = with_reference(
        with_section(
            BASE.replace(latitude=Decimal("18.45"), title="Battle of Kidal (2014)"),
            12,
            body=BATTLE_FIXED,
        ),
        22,
        url="https://example.org/ceasefire",
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
    "casualty figures": with_value(BASE, "Casualties1", "50 killed, 40 wounded"),
    "infobox rename": with_value(with_value(BASE, "Casualties2", None), "Casualties3", "?"),
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
    "section edits": with_section(
        with_section(BASE, 11, body=BACKGROUND_FIXED), 12, body=BATTLE_FIXED, level=3
    ),
    "sections reordered, removed and added": BASE.replace(
        sections=(BASE.sections[2], REACTIONS, BASE.sections[0])
    ),
    "no sections": BASE.replace(sections=()),
    "a reference edited": with_reference(BASE, 22, text=CEASEFIRE + " (AFP)", url=""),
    "references reordered, removed and added": BASE.replace(
        references=(BASE.references[1], ReferenceState("Le Monde, 22 May 2014"))
    ),
    "no references": BASE.replace(references=()),
    "text with Windows line breaks": BASE.replace(lead=LEAD + "\r\nIt ended.\r", title=" Kidal "),
    "coordinates moved": BASE.replace(latitude=Decimal("18.45"), longitude=Decimal("-1.41")),
    "coordinates removed": BASE.replace(latitude=None, longitude=None),
}


def assert_same_article(result, expected):
    """Equal, and also in the same infobox order with the same section and reference ids."""
    assert result == expected
    assert keys(result) == keys(expected)
    assert section_ids(result) == section_ids(expected)
    assert reference_ids(result) == reference_ids(expected)


@pytest.mark.parametrize("proposed", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_applying_the_changes_between_base_and_a_proposal_gives_the_proposal(proposed):
    changes = changes_between(BASE, proposed)

    result = changes_apply(BASE, json.loads(json.dumps(changes)))

    assert_same_article(result, proposed)


_ACTIONS = (
    "edit key",
    "drop key",
    "add key",
    "shuffle keys",
    "edit section",
    "retitle section",
    "drop section",
    "add section",
    "shuffle sections",
    "edit reference",
    "drop reference",
    "add reference",
    "shuffle references",
)


def random_revision(rng, base=BASE):
    """`base` after a few random editorial changes, as an editor's form would produce it:
    kept parts keep their ids, new ones have none."""
    entries = list(base.infobox)
    sections = list(base.sections)
    references = list(base.references)
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
        elif action == "retitle section" and sections:
            i = rng.randrange(len(sections))
            sections[i] = sections[i].replace(heading=sections[i].heading + " (2014)", level=3)
        elif action == "drop section" and sections:
            sections.pop(rng.randrange(len(sections)))
        elif action == "add section":
            new = SectionState(f"Note {rng.randint(1, 99)}", rng.choice([2, 3]), "Added later.")
            sections.insert(rng.randint(0, len(sections)), new)
        elif action == "shuffle sections":
            rng.shuffle(sections)
        elif action == "edit reference" and references:
            i = rng.randrange(len(references))
            field = rng.choice(["text", "url"])
            value = getattr(references[i], field) + " (archived)"
            references[i] = references[i].replace(**{field: value})
        elif action == "drop reference" and references:
            references.pop(rng.randrange(len(references)))
        elif action == "add reference":
            new = ReferenceState(
                f"Agency report {rng.randint(1, 99)}", rng.choice(["", "https://x"])
            )
            references.insert(rng.randint(0, len(references)), new)
        elif action == "shuffle references":
            rng.shuffle(references)
    return base.replace(
        infobox=tuple(entries), sections=tuple(sections), references=tuple(references)
    )


def published(state, first_id=100):
    """`state` as stored once published: its new sections and references get fresh ids."""
    ids = iter(range(first_id, first_id + 1000))
    return state.replace(
        sections=tuple(s if s.id is not None else s.replace(id=next(ids)) for s in state.sections),
        references=tuple(
            r if r.id is not None else r.replace(id=next(ids)) for r in state.references
        ),
    )


@pytest.mark.parametrize("seed", range(60))
def test_random_revisions_round_trip_with_their_ids(seed):
    rng = random.Random(seed)
    proposed = random_revision(rng)

    assert_same_article(changes_apply(BASE, changes_between(BASE, proposed)), proposed)
    # Once published (its new parts stored with ids), it is the base of the next proposal.
    base = published(proposed)
    revised = random_revision(rng, base)
    changes = json.loads(json.dumps(changes_between(base, revised)))
    assert_same_article(changes_apply(base, changes), revised)


def test_the_round_trip_also_holds_from_an_article_without_coordinates_or_parts():
    base = BASE.replace(latitude=None, longitude=None, sections=(), references=(), infobox=())
    proposed = BASE.replace(
        sections=tuple(s.replace(id=None) for s in BASE.sections),
        references=tuple(r.replace(id=None) for r in BASE.references),
    )

    assert changes_apply(base, changes_between(base, proposed)) == proposed


# --- changes_apply --------------------------------------------------------------------------


def test_new_infobox_keys_are_appended_in_the_order_given():
    result = changes_apply(
        BASE, {"infobox": {"Status": "Ceasefire", "Strength1": "1,500", "Place": "Kidal"}}
    )

    assert keys(result) == [*keys(BASE), "Status", "Strength1"]
    assert result.infobox_value("Place") == "Kidal"


def test_the_infobox_order_places_new_keys():
    order = ["Status", *keys(BASE)]

    result = changes_apply(BASE, {"infobox": {"Status": "Ceasefire"}, "infobox_order": order})

    assert keys(result) == order


def test_setting_an_infobox_key_to_its_current_value_is_harmless():
    assert changes_apply(BASE, {"infobox": {"Date": "21 May 2014"}}) == BASE


def test_listing_every_part_by_its_id_alone_keeps_the_article_as_it_is():
    result = changes_apply(
        BASE,
        {
            "sections": [{"id": 11}, {"id": 12}, {"id": 13}],
            "references": [{"id": 21}, {"id": 22}],
        },
    )

    assert_same_article(result, BASE)


def test_a_part_listed_by_its_id_alone_is_kept_unchanged_and_unlisted_ones_are_removed():
    result = changes_apply(BASE, {"sections": [{"id": 12}], "references": [{"id": 22}]})

    assert result.sections == (SectionState("Battle", 2, BATTLE),)
    assert section_ids(result) == [12]
    assert result.references == (ReferenceState(CEASEFIRE, "https://example.org/kidal-2"),)
    assert reference_ids(result) == [22]


def test_an_id_with_a_body_changes_only_the_body():
    result = changes_apply(
        BASE, {"sections": [{"id": 11, "body": BACKGROUND_FIXED}, {"id": 12}, {"id": 13}]}
    )

    assert result.sections[0] == SectionState("Background", 2, BACKGROUND_FIXED)
    assert result.sections[1:] == BASE.sections[1:]
    assert section_ids(result) == [11, 12, 13]
    assert result.replace(sections=BASE.sections) == BASE


def test_an_id_with_a_url_changes_only_the_url():
    result = changes_apply(BASE, {"references": [{"id": 21, "url": ""}, {"id": 22}]})

    assert result.references == (
        ReferenceState(FIGHTING, ""),
        ReferenceState(CEASEFIRE, "https://example.org/kidal-2"),
    )
    assert reference_ids(result) == [21, 22]


def test_kept_sections_keep_their_ids_and_new_ones_have_none():
    result = changes_apply(
        BASE,
        {
            "sections": [
                {"id": 13},
                {"heading": "Reactions", "level": 3, "body": "Calm."},
                {"id": None, "heading": "Analysis", "level": 2, "body": "Later."},
            ]
        },
    )

    assert section_ids(result) == [13, None, None]
    assert headings(result) == ["Aftermath", "Reactions", "Analysis"]


def test_a_new_section_needs_only_its_heading():
    result = changes_apply(BASE, {"sections": [{"id": 11}, {"heading": "Reactions"}]})

    assert result.sections == (BASE.sections[0], SectionState("Reactions", 2, ""))
    assert section_ids(result) == [11, None]


def test_a_new_reference_may_leave_out_its_url():
    result = changes_apply(BASE, {"references": [{"text": "Le Monde, 22 May 2014"}]})

    assert result.references == (ReferenceState("Le Monde, 22 May 2014", ""),)
    assert reference_ids(result) == [None]


def test_text_is_kept_exactly_as_given_because_the_services_normalise_it():
    result = changes_apply(
        BASE,
        {
            "title": "  Second Battle of Kidal ",
            "lead": "First line.\r\nSecond line.\r",
            "infobox": {"Notes": "a\r\nb"},
            "sections": [{"heading": "Battle\r\n", "level": 2, "body": "x\r\n\r\ny"}],
            "references": [{"text": "Le Monde\r\n", "url": " https://example.org "}],
        },
    )

    assert result.title == "  Second Battle of Kidal "
    assert result.lead == "First line.\r\nSecond line.\r"
    assert result.infobox_value("Notes") == "a\r\nb"
    assert result.sections == (SectionState("Battle\r\n", 2, "x\r\n\r\ny"),)
    assert result.references == (ReferenceState("Le Monde\r\n", " https://example.org "),)


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
    "infobox order missing a key": ({"infobox_order": keys(BASE)[1:]}, "infobox"),
    "infobox order repeating a key": ({"infobox_order": [*keys(BASE), "Date"]}, "infobox"),
    "infobox order naming a removed key": (
        {"infobox": {"Casualties2": None}, "infobox_order": keys(BASE)},
        "infobox",
    ),
    "infobox order leaving out a new key": (
        {"infobox": {"Status": "Ceasefire"}, "infobox_order": keys(BASE)},
        "infobox",
    ),
    "sections not a list": ({"sections": {"11": _section()}}, "sections"),
    "a section not an object": ({"sections": ["Battle"]}, "sections"),
    "a new section without a heading": ({"sections": [{"level": 2, "body": "x"}]}, "sections"),
    "a new section with a null id and no heading": ({"sections": [{"id": None}]}, "sections"),
    "a heading not text": ({"sections": [_section(heading=None)]}, "sections"),
    "a kept section's body not text": ({"sections": [{"id": 12, "body": 7}]}, "sections"),
    "level 4": ({"sections": [_section(level=4)]}, "sections"),
    "a kept section at level 4": ({"sections": [{"id": 12, "level": 4}]}, "sections"),
    "level as text": ({"sections": [_section(level="2")]}, "sections"),
    "level as a float": ({"sections": [_section(level=2.0)]}, "sections"),
    "level as a boolean": ({"sections": [_section(level=True)]}, "sections"),
    "an unknown section id": ({"sections": [{"id": 99}]}, "sections"),
    "a reference's id as a section id": ({"sections": [{"id": 21}]}, "sections"),
    "a section id as text": ({"sections": [_section(id="12")]}, "sections"),
    "a section id as a float": ({"sections": [{"id": 12.0}]}, "sections"),
    "a section id as a boolean": ({"sections": [_section(id=True)]}, "sections"),
    "a section listed twice": ({"sections": [{"id": 12}, {"id": 12}]}, "sections"),
    "an unknown section key": ({"sections": [_section(position=1)]}, "sections"),
    "references not a list": ({"references": "Le Monde"}, "references"),
    "a reference not an object": ({"references": [["Le Monde", ""]]}, "references"),
    "a new reference without text": (
        {"references": [{"url": "https://example.org"}]},
        "references",
    ),
    "a reference url not text": ({"references": [{"text": "Le Monde", "url": 1}]}, "references"),
    "a kept reference's text not text": ({"references": [{"id": 21, "text": None}]}, "references"),
    "an unknown reference id": ({"references": [{"id": 99}]}, "references"),
    "a reference id as text": ({"references": [{"id": "21"}]}, "references"),
    "a reference listed twice": ({"references": [{"id": 21}, {"id": 21}]}, "references"),
    "an unknown reference key": ({"references": [{"id": 21, "title": "Le Monde"}]}, "references"),
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


def test_a_new_section_without_a_heading_is_refused_with_a_readable_message():
    with pytest.raises(ChangesError) as caught:
        changes_apply(BASE, {"sections": [{"id": 11}, {"level": 3, "body": "Calm returned."}]})

    assert caught.value.errors == {"sections": ["Section 2: a new section needs its heading."]}


def test_an_unknown_or_repeated_reference_id_is_refused_with_a_readable_message():
    with pytest.raises(ChangesError) as caught:
        changes_apply(BASE, {"references": [{"id": 99}, {"id": 21}, {"id": 21, "url": ""}]})

    assert caught.value.errors == {
        "references": [
            "Reference 1: there is no reference 99 in this article.",
            "Reference 3: reference 21 is listed more than once.",
        ]
    }


def test_a_new_reference_without_text_is_refused_with_a_readable_message():
    with pytest.raises(ChangesError) as caught:
        changes_apply(BASE, {"references": [{"url": "https://example.org/kidal-3"}]})

    assert caught.value.errors == {"references": ["Reference 1: a new reference needs its text."]}


def test_every_malformed_part_is_reported_at_once_with_readable_messages():
    with pytest.raises(ChangesError) as caught:
        changes_apply(
            BASE,
            {
                "title": 7,
                "infobox": {"Casualties3": None},
                "sections": [_section(id=12), _section(id=99, level=5)],
                "references": [{"id": 21, "link": "https://example.org"}],
                "coordinates": {"lat": "north", "lon": "1.4"},
            },
        )

    errors = caught.value.errors
    assert set(errors) == {"title", "infobox", "sections", "references", "coordinates"}
    assert errors["infobox"] == ['There is no infobox field "Casualties3" to remove.']
    assert errors["sections"] == [
        "Section 2: there is no section 99 in this article; its level must be 2 or 3."
    ]
    assert errors["references"] == ['Reference 1: unknown "link".']
    assert "north" in errors["coordinates"][0]
    assert isinstance(caught.value, ValueError)


def test_lengths_and_ranges_are_left_to_another_layer():
    result = changes_apply(
        BASE, {"title": "", "coordinates": {"lat": "123.5", "lon": "-720"}, "lead": "x" * 50_000}
    )

    assert (result.title, result.latitude, result.longitude) == ("", Decimal("123.5"), -720)


def test_an_infobox_key_with_surrounding_white_space_names_the_existing_field():
    changed = changes_apply(BASE, {"infobox": {" Date ": "22 May 2014", "Place\n": None}})

    assert changed.infobox_value("Date") == "22 May 2014"
    assert [entry.key for entry in changed.infobox] == [
        entry.key for entry in BASE.infobox if entry.key != "Place"
    ]
