"""Reading casualty and strength figures, over every such value of the seeds and the forms
editors write; no database."""

import pytest

from facts.figures import Count, Figures, figures_read

SEED_VALUES = [
    (
        "13 killed, 40 wounded, 15 captured, 1 technical destroyed",
        Figures(
            (
                Count("killed", 13, 13),
                Count("wounded", 40, 40),
                Count("captured", 15, 15),
                Count("technical destroyed", 1, 1),
            )
        ),
    ),
    ("14–36 killed", Figures((Count("killed", 14, 36),))),
    ("2 killed", Figures((Count("killed", 2, 2),))),
    ("1 injured", Figures((Count("wounded", 1, 1),))),
    (
        "23 killed, 26 wounded, 6 technicals destroyed",
        Figures(
            (
                Count("killed", 23, 23),
                Count("wounded", 26, 26),
                Count("technicals destroyed", 6, 6),
            )
        ),
    ),
    (
        "500 (two brigades), 60–70 volunteers, 60 technicals",
        Figures(
            (Count("", 500, 500), Count("volunteers", 60, 70), Count("technicals", 60, 60)),
            unread=("two brigades",),
        ),
    ),
    ("Unknown", Figures(unread=("Unknown",))),
    ("75 in Kidal", Figures((Count("", 75, 75, place="Kidal"),))),
    (
        "800–1,000 militants, 41 technicals",
        Figures((Count("militants", 800, 1000), Count("technicals", 41, 41))),
    ),
    (
        "40 killed, 50 wounded, 70 captured, 50 vehicles captured, 12 armoured vehicles "
        "captured (According to the MNLA)",
        Figures(
            (
                Count("killed", 40, 40),
                Count("wounded", 50, 50),
                Count("captured", 70, 70),
                Count("vehicles captured", 50, 50),
                Count("armoured vehicles captured", 12, 12),
            ),
            attribution="the MNLA",
        ),
    ),
    ("1,500", Figures((Count("", 1500, 1500),))),
]


@pytest.mark.parametrize(("text", "expected"), SEED_VALUES, ids=[v[0][:40] for v in SEED_VALUES])
def test_every_seed_value_reads_as_its_counts(text, expected):
    assert figures_read(text) == expected


@pytest.mark.parametrize(
    ("text", "category", "low", "high"),
    [
        ("at least 300 killed", "killed", 300, None),
        ("over 1,000 fighters", "fighters", 1000, None),
        ("200+ dead", "killed", 200, None),
        ("about 50 KIA", "killed", 50, 50),
        ("3 to 5 missing", "missing", 3, 5),
        ("12 prisoners", "captured", 12, 12),
        ("7 WIA; 2 MIA", "wounded", 7, 7),
    ],
)
def test_bounds_synonyms_and_separators_editors_write(text, category, low, high):
    assert figures_read(text).counts[0] == Count(category, low, high)


def test_a_range_written_backwards_is_not_read_as_one():
    assert figures_read("36–14 killed") == Figures(unread=("36–14 killed",))


def test_the_ranges_of_a_category_add_up_and_an_open_one_stays_open():
    figures = figures_read("10 killed (soldiers), 2–4 killed, at least 1 wounded")

    assert figures.range_of("killed") == (12, 14)
    assert figures.range_of("wounded") == (1, None)
    assert figures.range_of("captured") is None
