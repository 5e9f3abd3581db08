"""The infobox's words for people (conflicts.presentation), without a database."""

import pytest

from conflicts.presentation import infobox_key_label


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("Partof", "Part of"),
        ("Casualties1", "Casualties (side 1)"),
        ("Combatant2", "Belligerent (side 2)"),
        ("Place", "Location"),
        ("Date", "Date"),
        ("Weather", "Weather"),
    ],
)
def test_infobox_keys_have_the_names_people_use(key, label):
    assert infobox_key_label(key) == label
