"""Which kind each infobox key holds, and what its value reads as; no database."""

from facts.reading import (
    DATES,
    FIGURES,
    PARTIES,
    TEXT,
    Reading,
    casualties_range,
    infobox_readings,
)

KIDAL = [
    ("Partof", "Internal conflict in Azawad"),
    ("Date", "16–21 May 2014 (5 days)"),
    ("Combatant1", "Mali"),
    ("Commander2", "Alwabégat Ag SalakatouKIA"),
    ("Strength1", "1,500"),
    ("Casualties1", "40 killed, 50 wounded (According to the MNLA)"),
    ("Casualties2", "Unknown"),
]


def test_each_field_is_read_by_the_kind_its_key_names_and_its_side():
    readings = {found.key: found for found in infobox_readings(KIDAL)}

    assert readings["Partof"] == Reading("Partof", TEXT, None, None)
    assert readings["Date"] == Reading(
        "Date", DATES, None, {"start": "2014-05-16", "end": "2014-05-21", "precision": "day"}
    )
    assert readings["Combatant1"] == Reading(
        "Combatant1", PARTIES, 1, {"parties": [{"name": "Mali", "markers": []}]}
    )
    assert readings["Commander2"].data == {
        "parties": [{"name": "Alwabégat Ag Salakatou", "markers": ["KIA"]}]
    }
    assert readings["Casualties1"] == Reading(
        "Casualties1",
        FIGURES,
        1,
        {
            "counts": [
                {"category": "killed", "low": 40, "high": 40, "place": ""},
                {"category": "wounded", "low": 50, "high": 50, "place": ""},
            ],
            "attribution": "the MNLA",
            "unread": [],
        },
    )


def test_a_typed_value_that_cannot_be_read_is_counted_and_plain_text_is_not():
    readings = {found.key: found for found in infobox_readings(KIDAL)}

    assert readings["Casualties2"].unread
    assert readings["Casualties2"].data is None
    assert not readings["Partof"].unread
    assert not readings["Date"].unread


def test_key_names_are_read_whatever_their_case_and_spacing():
    (found,) = infobox_readings([("casualties 3", "2 killed")])

    assert (found.kind, found.side) == (FIGURES, 3)


def test_the_killed_of_every_side_add_up_and_strength_is_not_counted():
    readings = infobox_readings(
        [
            ("Casualties1", "14–36 killed, 3 wounded"),
            ("Casualties2", "2 killed"),
            ("Strength1", "500 killed"),  # not casualties, however it is worded
        ]
    )

    assert casualties_range(readings) == (16, 38)
    assert casualties_range(readings, "wounded") == (3, 3)
    assert casualties_range(readings, "captured") is None


def test_a_side_with_no_upper_bound_leaves_the_total_open():
    readings = infobox_readings([("Casualties1", "at least 300 killed"), ("Casualties2", "5")])

    assert casualties_range(readings) == (300, None)


def test_other_figures_of_a_side_widen_its_range_to_cover_them_all():
    readings = infobox_readings(
        [
            ("Casualties1", "36 killed"),
            ("Casualties2", "5 killed"),
            # Other figures of side 1, read beside its value.
            ("Casualties1", "14 killed"),
            ("Casualties1", "20–50 killed"),
        ]
    )

    assert casualties_range(readings) == (14 + 5, 50 + 5)


def test_an_open_ended_other_figure_leaves_the_total_open():
    readings = infobox_readings(
        [("Casualties1", "36 killed"), ("Casualties1", "at least 30 killed")]
    )

    assert casualties_range(readings) == (30, None)
