"""Combining two articles for a merge: what the source says and the target lacks is
added to the target, its citations still citing the same references."""

from decimal import Decimal

from conflicts.combine import state_combined
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

TARGET = ArticleState(
    title="Battle of Kidal (2014)",
    lead="Fighting in Kidal in May 2014.[[ref:1]]",
    infobox=(InfoboxEntry("Date", "17–21 May 2014"),),
    sections=(SectionState("Course", 2, "The army entered the town.[[ref:1]]", id=10),),
    references=(ReferenceState("Reuters, 21 May 2014", "https://example.org/r", id=1),),
)
SOURCE = ArticleState(
    title="Second Battle of Kidal",
    lead="Another lead.",
    infobox=(InfoboxEntry("Date", "21 May 2014"), InfoboxEntry("Result", "MNLA victory[[ref:7]]")),
    sections=(
        SectionState("Course", 2, "The army entered the town.[[ref:8]]", id=20),
        SectionState("Aftermath", 2, "A ceasefire followed.[[ref:7]][[ref:8]]", id=21),
    ),
    references=(
        ReferenceState("AFP, 23 May 2014", id=7),
        ReferenceState("Reuters, 21 May 2014", "https://example.org/r", id=8),
    ),
    latitude=Decimal("18.44"),
    longitude=Decimal("1.41"),
)


def test_what_the_target_lacks_is_added_and_what_it_has_kept():
    combined = state_combined(TARGET, SOURCE)

    assert combined.title == TARGET.title
    assert combined.lead == TARGET.lead
    assert [(e.key, e.value) for e in combined.infobox] == [
        ("Date", "17–21 May 2014"),
        ("Result", "MNLA victory[[ref:#2]]"),
    ]
    assert [s.heading for s in combined.sections] == ["Course", "Aftermath"]
    assert [r.text for r in combined.references] == ["Reuters, 21 May 2014", "AFP, 23 May 2014"]
    assert (combined.latitude, combined.longitude) == (Decimal("18.44"), Decimal("1.41"))


def test_citations_follow_their_references_into_the_target():
    aftermath = state_combined(TARGET, SOURCE).sections[-1]
    # AFP is new (cited by number until published); Reuters the target's own, by id.
    assert aftermath.body == "A ceasefire followed.[[ref:#2]][[ref:1]]"


def test_a_section_the_target_has_with_the_same_citation_is_not_repeated():
    combined = state_combined(TARGET, SOURCE)
    assert [s.body for s in combined.sections].count("The army entered the town.[[ref:1]]") == 1


def test_a_target_that_says_it_all_stays_as_it_is():
    assert state_combined(TARGET, TARGET) == TARGET


def test_an_empty_lead_is_filled_from_the_source():
    assert state_combined(TARGET.replace(lead=""), SOURCE).lead == "Another lead."
