"""Reading belligerents and commanders, over every such value of the seeds and the forms
editors write; no database."""

import pytest

from facts.parties import Party, parties_read

SEED_VALUES = [
    ("MNLA, Tuareg volunteers", (Party("MNLA"), Party("Tuareg volunteers"))),
    ("Mali", (Party("Mali"),)),
    ("AQIM, MOJWA", (Party("AQIM"), Party("MOJWA"))),
    (
        "Alwabihat AgKIA, Machkanani Ag Balla, Sidi Ag Moulya, Alwabégat Ag SalakatouKIA, "
        "Bajan Ag Hamatou",
        (
            Party("Alwabihat Ag", ("KIA",)),
            Party("Machkanani Ag Balla"),
            Party("Sidi Ag Moulya"),
            Party("Alwabégat Ag Salakatou", ("KIA",)),
            Party("Bajan Ag Hamatou"),
        ),
    ),
    ("Unknown", ()),
    (
        "Omar Ould Hamaha, Abu Walid Sahraoui, Mokhtar Belmokhtar",
        (Party("Omar Ould Hamaha"), Party("Abu Walid Sahraoui"), Party("Mokhtar Belmokhtar")),
    ),
]


@pytest.mark.parametrize(("text", "parties"), SEED_VALUES, ids=[v[0][:30] for v in SEED_VALUES])
def test_every_seed_value_reads_as_its_names_and_markers(text, parties):
    assert parties_read(text) == parties


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Ibrahim Ag Bahanga †", Party("Ibrahim Ag Bahanga", ("KIA",))),
        ("Ibrahim Ag Bahanga (POW)", Party("Ibrahim Ag Bahanga", ("POW",))),
        ("Ibrahim Ag Bahanga WIA POW", Party("Ibrahim Ag Bahanga", ("WIA", "POW"))),
        ("KIA", Party("KIA")),  # a name alone is never taken for a marker
        ("UNAMIA", Party("UNAMIA")),  # nor the end of an acronym
    ],
)
def test_markers_spaced_in_parentheses_or_stacked_are_read(text, party):
    assert parties_read(text) == (party,)


def test_names_are_listed_one_per_line_or_with_and():
    assert parties_read("France\nChad and Mali; Niger") == (
        Party("France"),
        Party("Chad"),
        Party("Mali"),
        Party("Niger"),
    )
