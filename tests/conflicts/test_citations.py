"""Citations written inline, `[[ref:17]]` by id and `[[ref:#3]]` by number; no database."""

import pytest

from conflicts.citations import (
    by_id,
    citation_problems,
    citations_in,
    has_citations_by_number,
    reference_numbers,
    sources_cited,
    state_cited_by_id,
    state_with_source,
    without_citations,
)
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState


def test_citations_are_read_in_order_by_id_or_by_number():
    found = list(citations_in("Fell.[[ref:17]][[ref:#3]] Held. [[ref:x]] [ref:2]"))

    assert [(c.number, c.positional, c.syntax()) for c in found] == [
        (17, False, "[[ref:17]]"),
        (3, True, "[[ref:#3]]"),
    ]
    assert without_citations("Fell.[[ref:17]][[ref:#3]] Held.") == "Fell. Held."


def test_citations_by_number_are_written_by_the_id_of_the_reference_there():
    text = "A[[ref:#1]] B[[ref:#2]] C[[ref:#3]] D[[ref:#9]] E[[ref:40]]"

    assert (
        by_id(text, [40, None, 7]) == "A[[ref:40]] B[[ref:#2]] C[[ref:7]] D[[ref:#9]] E[[ref:40]]"
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("Cited.[[ref:5]][[ref:#2]]", []),
        ("Cited.[[ref:6]]", ["[[ref:6]] cites a reference the article does not have (removed?)"]),
        ("Cited.[[ref:#3]]", ["[[ref:#3]] cites reference 3, and the article has 2"]),
        ("Cited.[[ref:#0]]", ["[[ref:#0]] cites reference 0, and the article has 2"]),
    ],
)
def test_a_citation_of_a_reference_the_article_lacks_is_a_problem(text, problems):
    assert citation_problems(text, [5, None]) == problems


def test_readers_number_the_references_by_their_place_in_the_list():
    assert reference_numbers([40, None, 7]) == {40: 1, 7: 3}


def test_a_state_is_cited_by_id_in_its_lead_and_sections_once_its_references_have_ids():
    state = ArticleState(
        title="Raid",
        lead="A raid.[[ref:#2]]",
        sections=(SectionState("Course", 2, "Fighting.[[ref:#1]]"),),
        references=(ReferenceState("Le Monde", id=11), ReferenceState("RFI", id=12)),
    )

    cited = state_cited_by_id(state)

    assert (cited.lead, cited.sections[0].body) == ("A raid.[[ref:12]]", "Fighting.[[ref:11]]")
    assert has_citations_by_number(state)
    assert not has_citations_by_number(cited)


def test_a_source_joins_the_references_once_and_the_fields_it_changed_cite_it():
    state = ArticleState(
        title="Raid",
        lead="A raid.",
        infobox=(InfoboxEntry("Casualties1", "14 killed"), InfoboxEntry("Result", "Draw")),
        references=(ReferenceState("Le Monde", id=11),),
    )
    source = "Reuters, 21 May 2014, https://example.org/mali."

    sourced = state_with_source(state, source, ["Casualties1"])

    assert sourced.references[-1] == ReferenceState(source, "https://example.org/mali")
    assert sourced.infobox_value("Casualties1") == "14 killed[[ref:#2]]"
    assert sourced.infobox_value("Result") == "Draw"
    assert state_with_source(state, "Le Monde", ["Result"]).infobox_value("Result") == (
        "Draw[[ref:11]]"
    )
    assert state_with_source(state, "  ", ["Result"]) == state
    assert state_with_source(state, "Le Monde", ["Place"]) == state


def test_the_sources_a_value_cites_are_written_out_as_one_source():
    references = (
        ReferenceState("Reuters, 21 May 2014", "https://reuters.example/kidal", id=7),
        ReferenceState("MNLA communiqué https://mnla.example/1", "https://mnla.example/1", id=9),
        ReferenceState("Le Monde", id=11),
    )

    source = sources_cited("36 killed[[ref:9]][[ref:7]][[ref:9]][[ref:#3]][[ref:99]]", references)

    assert source == (
        "MNLA communiqué https://mnla.example/1; "
        "Reuters, 21 May 2014 https://reuters.example/kidal; Le Monde"
    )


def test_a_value_that_cites_nothing_has_no_source():
    assert sources_cited("36 killed", (ReferenceState("Reuters"),)) == ""
