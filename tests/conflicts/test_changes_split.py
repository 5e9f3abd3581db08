"""Splitting a proposal's changes for a reviewer who approves part of them; no database."""

from conflicts.changes import changes_parts, changes_split

CHANGES = {
    "lead": "A new lead.",
    "infobox": {"Casualties1": "50 killed", "Result": None},
    "sections": [{"id": 3}, {"heading": "Aftermath", "level": 2, "body": "Peace."}],
}


def test_each_infobox_field_is_a_part_and_so_is_each_other_part():
    assert changes_parts(CHANGES) == ["lead", "infobox:Casualties1", "infobox:Result", "sections"]


def test_a_reordered_infobox_is_one_part():
    changes = {"infobox": {"Date": "1990"}, "infobox_order": ["Date", "Place"]}

    assert changes_parts(changes) == ["infobox"]
    assert changes_split(changes, ["infobox"]) == (changes, {})


def test_the_chosen_parts_and_the_rest_make_up_the_whole():
    picked, rest = changes_split(CHANGES, ["infobox:Casualties1", "sections"])

    assert picked == {"infobox": {"Casualties1": "50 killed"}, "sections": CHANGES["sections"]}
    assert rest == {"lead": "A new lead.", "infobox": {"Result": None}}
