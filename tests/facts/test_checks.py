"""The checks over the seeds (every slip the issue names, nothing else) and over articles
written here that no check was built from; no database."""

from collections import Counter
from pathlib import Path

import pytest

from conflicts.document import ArticleState, InfoboxEntry, SectionState
from conflicts.parsing import parse_article
from facts.checks import (
    ArticleText,
    article_findings,
    figures_swapped,
    infobox_missing,
    leftovers_copied,
    markers_glued,
    names_written_two_ways,
    phrases_repeated,
    year_ranges_disagree,
)
from facts.names import names_in

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed_findings() -> dict[str, list]:
    """Every finding on the seeds, the names' with spellings counted over the seeds as the
    index counts them: by articles."""
    texts = [
        ArticleText(parse_article(path.read_text(encoding="utf-8")).state)
        for path in sorted(FIXTURES.glob("*.txt"))
    ]
    used_by = Counter(name for text in texts for name in text.names)
    return {
        text.state.title: article_findings(text) + list(names_written_two_ways(text, used_by))
        for text in texts
    }


def test_on_the_seeds_every_slip_is_found_and_at_most_one_thing_else():
    found = {
        title: [finding.summary for finding in findings]
        for title, findings in seed_findings().items()
    }

    assert found == {
        "1990 Ménaka raid": [
            "Partof gives 1990–1995 for the rebellion; the lead gives 1990 to 1996.",
            "The article writes “Menaka” (3 times) and “Ménaka” (4 times): one name, two "
            "spellings.",
        ],
        "2006 Kidal and Ménaka mutinies": [
            # Not a slip: the group is named after the day it rose.
            "The lead repeats “May 23 2006”.",
            "The article writes “Ménaka” (2 times) and “Menaka” (4 times): one name, two "
            "spellings.",
        ],
        "Second Battle of Ménaka": [
            "Commander1 runs a marker into a name: AgKIA, SalakatouKIA.",
            "The article writes “MLNA” (once) and “MNLA” (30 times): one name, two "
            "spellings. More articles write “MNLA”.",
            "The article writes “Menaka” (8 times) and “Ménaka” (9 times): one name, two "
            "spellings.",
        ],
        "Ménaka offensive": [
            # Markers the importer kept: the file has no references for them to cite.
            "The lead holds what looks copied from a web page: [3], [9], [10], [25], [29], …",
            "The article has no infobox: its date, sides and figures are only in the text.",
            "The article writes “Anderamboukane” (once) and “Andéramboukane” (2 times): one "
            "name, two spellings.",
            "The article writes “Ménaka” (once) and “Menaka” (7 times): one name, two spellings.",
        ],
        "Second Battle of Kidal": [
            "Casualties1 gives 40 killed and 50 wounded; the section “Malian army offensive” "
            "says the other way round.",
        ],
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


def article(infobox=(), lead="", body="") -> ArticleText:
    return ArticleText(
        ArticleState(
            title="Battle of Somewhere",
            lead=lead,
            infobox=tuple(InfoboxEntry(key, value) for key, value in infobox),
            sections=(SectionState("Fighting", 2, body, id=7),) if body else (),
        )
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


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ("The column was was ambushed.", "was"),
        ("They held the town in the north in the north for a week.", "in the north"),
        ("Troops of the army of the north moved on the town of the same name.", None),
        ("He fought side by side with them.", None),
        ("Between 12 and 12 fighters.", None),
    ],
)
def test_words_written_twice_are_found_and_language_is_left_alone(text, repeated):
    found = list(phrases_repeated(article(body=text)))

    assert [finding.summary for finding in found] == (
        [f"The section “Fighting” repeats “{repeated}”."] if repeated else []
    )


def test_a_sentence_copied_into_another_section_is_found_with_both_places():
    copied = "The garrison withdrew to the airport after two days of fighting."
    state = article(lead=copied, body=f"Reinforcements came late. {copied}")

    (finding,) = phrases_repeated(state)

    assert [passage.where for passage in finding.evidence] == ["lead", "section: Fighting"]
    assert finding.evidence[1].section_id == 7


def test_a_doubled_word_in_the_infobox_comes_with_the_value_written_once():
    (finding,) = phrases_repeated(article([("Result", "Rebel rebel victory")]))

    assert finding.fix == ("Result", "Rebel victory")


@pytest.mark.parametrize(
    "text",
    [
        "The town fell on 3 May.[4] The army withdrew.",
        "The town fell.[citation needed]",
        '<span class="mw-page-title-main">Battle of Somewhere</span>',
        "Casualties&nbsp;were light.",
        "{{Campaignbox}} The town fell.",
        "Jump up to: the town fell.",
        "Le Monde. Retrieved 22 May 2015.",
    ],
)
def test_what_a_copy_from_a_web_page_leaves_behind_is_found(text):
    (finding,) = leftovers_copied(article(body=text))

    assert finding.check == "leftover"
    assert finding.fix is None


@pytest.mark.parametrize(
    "text",
    ["The rebels [of the MNLA] held the town.", "Losses (see below) were 3 < 5.", "AT&T lines."],
)
def test_brackets_and_symbols_of_ordinary_writing_are_not_leftovers(text):
    assert list(leftovers_copied(article(body=text))) == []


def test_a_leftover_in_the_infobox_comes_with_the_value_without_it():
    (finding,) = leftovers_copied(article([("Casualties1", "12 killed[3]")]))

    assert finding.fix == ("Casualties1", "12 killed")


def test_each_rarer_spelling_of_a_name_is_set_beside_the_most_used_one():
    text = article(lead="The Bourem garrison held.", body="They left Bourém at dawn for Boruem.")

    found = list(names_written_two_ways(text, {"Bourem": 9, "Bourém": 1, "Boruem": 1}))

    assert [finding.summary for finding in found] == [
        "The article writes “Boruem” (once) and “Bourem” (once): one name, two spellings. "
        "More articles write “Bourem”.",
        "The article writes “Bourém” (once) and “Bourem” (once): one name, two spellings. "
        "More articles write “Bourem”.",
    ]
    assert [p.where for p in found[0].evidence] == ["section: Fighting", "lead"]


def test_a_rare_spelling_is_found_where_many_other_articles_write_it_otherwise():
    text = article(lead="Rebels of the FLAA attacked.")

    (finding,) = names_written_two_ways(text, {"FLAA": 1, "FALA": 3})
    assert finding.summary == "“FLAA” is written “FALA” in 3 articles."
    assert [p.text for p in finding.evidence] == ["Rebels of the FLAA attacked.", "FALA"]
    assert list(names_written_two_ways(text, {"FLAA": 1, "FALA": 2})) == []
    assert list(names_written_two_ways(text, {"FLAA": 3, "FALA": 20})) == []


@pytest.mark.parametrize(
    ("one", "other"),
    [("MALI", "Mali"), ("Gao", "Goa"), ("Niger", "Nigeria"), ("Amin", "Mina"), ("Kidal", "Kaldi")],
)
def test_a_difference_of_case_short_names_and_anagrams_are_not_variants(one, other):
    text = article(lead=f"{one} and {other}.")

    assert list(names_written_two_ways(text, {one: 1, other: 1})) == []


def test_names_are_capitalised_words_of_three_letters_or_more():
    assert names_in(["The MNLA took Kidal and al-Khalil's post in 2012 by Ag."]) == {
        "The": 1,
        "MNLA": 1,
        "Kidal": 1,
    }
