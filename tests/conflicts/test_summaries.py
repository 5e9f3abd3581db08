"""The summaries the services write for revisions they publish on their own."""

from conflicts.limits import SUMMARY_MAX_LENGTH
from conflicts.summaries import PREFER_SUMMARY_PREFIX, prefer_summary


def test_preferring_a_figure_says_which_over_which_and_from_where():
    summary = prefer_summary("Casualties (side 1)", "14 killed", "Reuters", "36 killed", "Later")

    assert (
        summary
        == "Preferred figure for Casualties (side 1): 14 killed (Reuters) over 36 killed: Later"
    )


def test_a_field_without_a_figure_before_is_said_to_have_had_none():
    assert (
        prefer_summary("Strength", "1,500", "", "")
        == "Preferred figure for Strength: 1,500 over none"
    )


def test_long_figures_are_shortened_so_that_the_reason_fits():
    summary = prefer_summary("Casualties1", "1" * 2_000, "s" * 1_000, "9" * 2_000, "r" * 100)

    assert summary.startswith(PREFER_SUMMARY_PREFIX)
    assert len(summary) <= SUMMARY_MAX_LENGTH
    assert summary.endswith(": " + "r" * 100)
    assert "…" in summary
