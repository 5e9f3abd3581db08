"""The checks over the seeds (every slip the issue names, nothing else) and over articles
written here that no check was built from; no database."""

from pathlib import Path

import pytest

from conflicts.document import ArticleState, InfoboxEntry, SectionState
from conflicts.parsing import parse_article
from facts.checks import (
    article_findings,
    figures_swapped,
    infobox_missing,
    markers_glued,
    year_ranges_disagree,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed_findings() -> dict[str, list]:
    found = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        state = parse_article(path.read_text(encoding="utf-8")).state
        found[state.title] = article_findings(state)
    return found


def test_on_the_seeds_every_slip_is_found_and_nothing_else():
    found = {
        title: [finding.check for finding in findings]
        for title, findings in seed_findings().items()
    }

    assert found == {
        "1990 Ménaka raid": ["years-disagree"],
        "2006 Kidal and Ménaka mutinies": [],
        "Second Battle of Ménaka": ["marker-glued"],
        "Ménaka offensive": ["infobox-missing"],
        "Second Battle of Kidal": ["figures-swapped"],
    }


def test_the_kidal_swap_comes_with_both_passages_and_the_corrected_value():
    (finding,) = seed_findings()["Second Battle of Kidal"]

    assert [passage.where for passage in finding.evidence] == [
        "infobox: Casualties1",
        "section: Malian army offensive",
    ]
    assert "50 Malian soldiers were killed and 40 wounded" in finding.evidence[1].text
    key, value = finding.fix
    assert key == "Casualties1"
    assert value.startswith("50 killed, 40 wounded, 70 captured")


def article(infobox=(), lead="", body=""):
    return ArticleState(
        title="Battle of Somewhere",
        lead=lead,
        infobox=tuple(InfoboxEntry(key, value) for key, value in infobox),
        sections=(SectionState("Fighting", 2, body),) if body else (),
    )


def test_a_swap_is_found_in_other_words_and_an_agreeing_text_is_left_alone():
    swapped = article(
        [("Casualties2", "7 killed, 12 wounded")],
        body="The rebels lost 12 fighters dead and 7 injured before dusk.",
    )
    agreeing = article(
        [("Casualties2", "7 killed, 12 wounded")],
        body="7 of the rebels were killed and 12 wounded.",
    )

    (finding,) = figures_swapped(swapped)
    assert finding.fix == ("Casualties2", "12 killed, 7 wounded")
    assert list(figures_swapped(agreeing)) == []


def test_year_ranges_disagree_only_for_the_same_thing_starting_the_same_year():
    disagreeing = article(
        [("Partof", "Northern insurgency (2004–2009)")],
        lead="It opened the northern insurgency of 2004 to 2011.",
    )
    unrelated = article(
        [("Partof", "Northern insurgency (2004–2009)")],
        lead="A drought lasted from 2004 to 2011; the insurgency ended in 2009.",
    )

    (finding,) = year_ranges_disagree(disagreeing)
    assert "2004–2009" in finding.summary
    assert "2004 to 2011" in finding.summary
    assert list(year_ranges_disagree(unrelated)) == []


@pytest.mark.parametrize(
    ("value", "fixed"),
    [
        ("Omar KanouPOW, Ali Sidi", "Omar Kanou (POW), Ali Sidi"),
        ("Ali Sidi†", "Ali Sidi (KIA)"),
    ],
)
def test_a_marker_run_into_a_name_is_found_with_the_name_set_apart(value, fixed):
    (finding,) = markers_glued(article([("Commander1", value)]))

    assert finding.fix == ("Commander1", fixed)


@pytest.mark.parametrize("value", ["Ali Sidi (POW)", "Ali Sidi KIA", "UNAMIA", "MNLA"])
def test_markers_written_apart_and_acronyms_are_not_slips(value):
    assert list(markers_glued(article([("Commander1", value)]))) == []


def test_an_article_without_an_infobox_is_found_and_one_with_it_is_not():
    assert [f.check for f in infobox_missing(article(lead="A raid."))] == ["infobox-missing"]
    assert list(infobox_missing(article([("Date", "2012")]))) == []
