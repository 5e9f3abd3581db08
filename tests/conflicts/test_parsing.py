"""The import parser: what each seed file yields, and that the rules hold beyond the seeds."""

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest

from conflicts.citations import citations_in, without_citations
from conflicts.document import InfoboxEntry, ReferenceState, SectionState
from conflicts.parsing import ParsedArticle, ParseError, parse_article

SEEDS = Path(__file__).resolve().parents[2] / "fixtures"
MARKER = re.compile(r"\[(?:\d+|[a-z])\]")


def seed(number: int) -> ParsedArticle:
    (path,) = SEEDS.glob(f"{number:03d}_*.txt")
    return parse_article(path.read_text(encoding="utf-8"))


def entries(*pairs: tuple[str, str]) -> tuple[InfoboxEntry, ...]:
    return tuple(InfoboxEntry(key, value) for key, value in pairs)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- Seed 000 ------------------------------------------------------------------------


def test_seed_000_is_format_a_with_its_title():
    parsed = seed(0)
    assert parsed.format == "A"
    assert parsed.state.title == "1990 Ménaka raid"


def test_seed_000_keeps_every_infobox_entry_in_file_order():
    assert seed(0).state.infobox == entries(
        ("Conflict", "Raid on Ménaka (1990)"),
        ("Place", "Ménaka, Mali"),
        ("Partof", "Tuareg rebellion (1990–1995)"),
        ("Date", "June 28–29, 1990"),
        ("Result", "MPLA victory"),
        ("Combatant1", "Mali"),
        ("Combatant2", "MPLA"),
        ("Commander1", "Unknown"),
        ("Commander2", "Iyad Ag Ghaly"),
        ("Casualties1", "14–36 killed"),
        ("Casualties2", "1 injured"),
    )


def test_seed_000_has_a_one_paragraph_lead_and_three_sections():
    state = seed(0).state
    assert state.lead.startswith("Between June 28 and 29, 1990, Tuareg rebels")
    assert state.lead.endswith("sparking the Tuareg rebellion of 1990 to 1996.")
    assert "\n\n" not in state.lead
    assert [(s.heading, s.level) for s in state.sections] == [
        ("Background", 2),
        ("Raid", 2),
        ("Aftermath", 2),
    ]
    assert [len(paragraphs(s.body)) for s in state.sections] == [2, 3, 1]
    assert state.sections[1].body.startswith("On the evening of June 28, 1990")
    assert state.sections[2].body.endswith("the 1991 Malian coup d'état.")


def test_seed_000_has_no_references_coordinates_or_notes():
    parsed = seed(0)
    assert parsed.state.references == ()
    assert parsed.state.latitude is None
    assert parsed.state.longitude is None
    assert parsed.notes == ()


# --- Seed 001 ------------------------------------------------------------------------


def test_seed_001_keeps_every_infobox_entry_in_file_order():
    parsed = seed(1)
    assert parsed.format == "A"
    assert parsed.state.title == "2006 Kidal and Ménaka mutinies"
    assert parsed.state.infobox == entries(
        ("Conflict", "2006 Kidal and Menaka mutinies"),
        ("Place", "Kidal, Ménaka, and Tessalit, Mali"),
        ("Partof", "2006 Tuareg rebellion"),
        ("Date", "May 23, 2006"),
        ("Result", "ADC victory"),
        ("Combatant1", "Mali"),
        ("Combatant2", "ADC"),
        ("Commander1", "Unknown"),
        ("Commander2", "Hassan Ag Fagaga, Ibrahim Ag Bahanga, Iyad Ag Ghaly, Ba Ag Moussa"),
        ("Strength1", "Unknown"),
        ("Strength2", "75 in Kidal"),
        ("Casualties1", "2 killed"),
        ("Casualties2", "2 killed"),
    )


def test_seed_001_has_its_lead_and_sections():
    parsed = seed(1)
    state = parsed.state
    assert state.lead.startswith("On May 23, 2006, the May 23, 2006 Democratic Alliance")
    assert state.lead.endswith("in the July 2006 Algiers Accords.")
    assert [(s.heading, s.level) for s in state.sections] == [
        ("Background", 2),
        ("Battle", 2),
        ("Aftermath", 2),
    ]
    assert [len(paragraphs(s.body)) for s in state.sections] == [1, 2, 1]
    assert parsed.notes == ()


# --- Seed 002 ------------------------------------------------------------------------


def test_seed_002_keeps_commander_names_exactly_as_written():
    state = seed(2).state
    assert state.infobox_value("Commander1") == (
        "Alwabihat AgKIA, Machkanani Ag Balla, Sidi Ag Moulya, "
        "Alwabégat Ag SalakatouKIA, Bajan Ag Hamatou"
    )
    assert state.infobox_value("Commander2") == (
        "Omar Ould Hamaha, Abu Walid Sahraoui, Mokhtar Belmokhtar"
    )


def test_seed_002_keeps_every_infobox_entry_in_file_order():
    state = seed(2).state
    assert [entry.key for entry in state.infobox] == [
        "Conflict",
        "Partof",
        "Date",
        "Place",
        "Result",
        "Combatant1",
        "Combatant2",
        "Commander1",
        "Commander2",
        "Strength1",
        "Strength2",
        "Casualties1",
        "Casualties2",
    ]
    assert state.infobox_value("Partof") == "the Northern Mali conflict"
    assert state.infobox_value("Date") == "19–20 November 2012"
    assert state.infobox_value("Result") == (
        "Dissolution of the State of Azawad, Northern Mali falls to Ansar Dine, AQIM and MOJWA"
    )
    assert state.infobox_value("Strength1") == (
        "500 (two brigades), 60–70 volunteers, 60 technicals"
    )
    assert state.infobox_value("Strength2") == "800–1,000 militants, 41 technicals"
    assert state.infobox_value("Casualties1") == (
        "13 killed, 40 wounded, 15 captured, 1 technical destroyed"
    )
    assert state.infobox_value("Casualties2") == "23 killed, 26 wounded, 6 technicals destroyed"


def test_seed_002_has_background_battle_and_aftermath_at_level_two():
    parsed = seed(2)
    state = parsed.state
    assert parsed.format == "A"
    assert state.title == "Second Battle of Ménaka"
    assert state.lead == (
        "The Second Battle of Ménaka was the last battle fought by the state of Azawad, "
        "as they were defeated by an Islamist coalition."
    )
    assert [(s.heading, s.level) for s in state.sections] == [
        ("Background", 2),
        ("Battle", 2),
        ("Aftermath", 2),
    ]
    assert [len(paragraphs(s.body)) for s in state.sections] == [1, 4, 1]
    assert all(section.id is None for section in state.sections)
    assert parsed.notes == ()


# --- Seed 003 ------------------------------------------------------------------------


def test_seed_003_is_format_b_with_no_infobox_or_sections():
    parsed = seed(3)
    assert parsed.format == "B"
    assert parsed.state.title == "Ménaka offensive"
    assert parsed.state.infobox == ()
    assert parsed.state.sections == ()
    assert parsed.state.references == ()


def test_seed_003_lead_starts_at_the_real_lead_without_the_navigation_box():
    state = seed(3).state
    assert state.lead.startswith("The Ménaka offensive was a series of offensives launched")
    assert "Platform Takuba" not in state.text
    assert "Wagner Group (from June 2022)" not in state.text


def test_seed_003_reports_the_dropped_navigation_text():
    note = seed(3).notes[0]
    assert note.startswith("Dropped navigation text before the lead: 'Platform Takuba Task Force")
    assert len(note) < 260


def test_seed_003_keeps_every_paragraph_in_the_lead_without_leading_markers():
    lead = seed(3).state.lead
    parts = paragraphs(lead)
    assert len(parts) == 30
    assert parts[2] == (
        "ISGS is predominantly made up of Fulani, a nomadic Muslim herder group that has been "
        "in conflict with the Daoussahak Tuaregs for generations.[9]"
    )
    assert parts[1].endswith("the largest jihadist group in the area.[3]")
    assert parts[4].startswith('In an interview, the journalist Wassim Nasr stated "The security')
    assert parts[6].startswith("In late March 2022, the Amaq News Agency declared ISGS")
    assert parts[-1] == (
        "In late March, the Coordination of Azawad Movements stated 500 civilians had been "
        "killed by ISGS since the beginning of the Menaka offensives."
    )


# --- Seed 004 ------------------------------------------------------------------------


def test_seed_004_is_format_c_with_its_title():
    parsed = seed(4)
    assert parsed.format == "C"
    assert parsed.state.title == "Second Battle of Kidal"


def test_seed_004_builds_the_infobox_in_vocabulary_order():
    assert seed(4).state.infobox == entries(
        ("Conflict", "Second Battle of Kidal"),
        ("Partof", "Internal conflict in Azawad"),
        ("Date", "16–21 May 2014 (5 days)"),
        ("Result", "MNLA Victory"),
        ("Image", "Maison artisans.JPG"),
        ("Caption", "House of craftsmen in Kidal"),
        ("Combatant1", "Mali"),
        ("Combatant2", "Azawad"),
        ("Strength1", "1,500"),
        ("Strength2", "unknown"),
        (
            "Casualties1",
            "40 killed, 50 wounded, 70 captured, 50 vehicles captured, "
            "12 armoured vehicles captured (According to the MNLA)",
        ),
        ("Casualties2", "2 killed, 10 wounded (According to the MNLA)"),
    )


def test_seed_004_names_the_conflict_from_the_infobox_heading_as_format_a_does():
    parsed = seed(4)
    assert parsed.state.infobox[0] == InfoboxEntry("Conflict", "Second Battle of Kidal")
    assert not any("Second Battle of Kidal" in note for note in parsed.notes)


def test_seed_004_has_no_place_because_its_location_is_empty():
    assert seed(4).state.infobox_value("Place") == ""


def test_seed_004_takes_the_decimal_coordinates():
    state = seed(4).state
    assert state.latitude == Decimal("18.4411")
    assert state.longitude == Decimal("1.4072")
    assert "°" not in state.text
    assert "18.4411°N" not in state.text


def test_seed_004_puts_the_paragraphs_before_the_first_heading_in_the_lead():
    lead = seed(4).state.lead
    assert paragraphs(lead) == [
        "The Second Battle of Kidal took place during the Mali War, when MNLA forces in control "
        "of Kidal attacked Prime Minister Moussa Mara's convoy during a visit to the town. "
        "Consequently, Malian government forces launched an offensive to retake the city, "
        "successfully recapturing it.",
        "Since the foreign intervention in Mali, Kidal was retaken by French, Malian, and "
        "Chadian troops. On 17 May 2014, Moussa Mara, the Malian prime minister came to visit "
        "Kidal.[[ref:#3]]",
    ]


def test_seed_004_nests_the_sections_under_the_heading_without_a_body():
    sections = seed(4).state.sections
    assert [(s.heading, s.level) for s in sections] == [
        ("The battle", 2),
        ("Prime Minister's visit and hostage-taking", 3),
        ("Malian army offensive", 3),
    ]
    assert sections[0].body == ""
    assert paragraphs(sections[1].body) == [
        "On 17 May, in Kidal, the Prime Minister convoy's was attacked in the streets of the "
        'city.[[ref:#3]] As a result, the Prime Minister condemned the violence as "...a '
        'declaration of war" and promised an "...appropriate response."[[ref:#4]]',
        "On 18 May, following the capture of areas of the governorate by the MNLA, 1500 Malian "
        "soldiers arrived in the city.[[ref:#1]] During the capture of this government "
        "building, the MNLA captured around 30 officials[[ref:#5]] but they were released soon "
        "after.",
    ]
    assert len(paragraphs(sections[2].body)) == 2
    assert without_citations(sections[2].body).endswith(
        "12 armored vehicles and tons of ammunition and weapons."
    )


def test_seed_004_has_eight_references_without_numbers_or_back_links():
    references = seed(4).state.references
    assert len(references) == 8
    assert references[0] == ReferenceState(
        text='"Mali : libération de la trentaine d\'otages à Kidal". Le Monde.fr. '
        "Retrieved 22 May 2015."
    )
    assert references[2].text.startswith('RFI (21 May 2014). "Moussa Mara à Kidal')
    assert references[3].text.startswith("The war is far from over:")
    assert references[6].text.startswith('"Mali says 50 soldiers killed in Kidal fighting"')
    assert all(reference.url == "" for reference in references)


def test_seed_004_drops_the_related_research_articles_block():
    text = seed(4).state.text
    for sentence in (
        "The Battle of Gao was fought",
        "Ba Ag Moussa was a Malian militant",
        "The Battle of Aguelhok occurred",
        "El Hadj Ag Gamou, born December 31, 1964",
        "The Kidal offensive was an offensive",
        "The battle of Kidal took place between November 10 and 14, 2023",
        "Pro-government armed group in Mali",
        "Related Research Articles",
    ):
        assert sentence not in text


def test_seed_004_notes_the_related_research_articles_block_once_with_a_count():
    (note,) = seed(4).notes
    assert "Related Research Articles" in note
    assert "20 paragraphs" in note


def test_seed_004_leaves_no_page_furniture_in_the_article():
    text = seed(4).state.text
    assert not MARKER.search(text)
    for junk in (".svg", "Flag of", "Last updated", "Contents", "mw-page-title", "<span", "\xa0"):
        assert junk not in text


# --- All seeds -----------------------------------------------------------------------


@pytest.mark.parametrize("number", range(5))
def test_every_seed_marker_is_a_citation_of_its_references_or_noted(number):
    parsed = seed(number)
    kept = MARKER.findall(parsed.state.text)
    noted = {note.split("[")[1].split("]")[0] for note in parsed.notes if "citation" in note}
    assert {marker.strip("[]") for marker in kept} == noted
    cited = [c.number for c in citations_in(parsed.state.text)]
    assert all(1 <= number <= len(parsed.state.references) for number in cited)


def test_the_kidal_seeds_text_cites_its_references_by_number():
    # Reference 2 is cited in the infobox alone, whose markers are not kept.
    cited = {c.number for c in citations_in(seed(4).state.text)}
    assert cited == {1, 3, 4, 5, 6, 7, 8}


@pytest.mark.parametrize("number", range(5))
def test_no_seed_leaves_stray_whitespace_in_the_article(number):
    state = seed(number).state
    texts = [state.title, state.lead, *(e.value for e in state.infobox)]
    texts += [text for s in state.sections for text in (s.heading, s.body)]
    for text in texts:
        assert text == text.strip()
        assert "  " not in text
        assert "\r" not in text
        assert "\xa0" not in text


# --- Errors --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n", "\ufeff\r\n\t\r\n", "\xa0\n"])
def test_an_empty_file_is_refused(text):
    with pytest.raises(ParseError, match="the file is empty"):
        parse_article(text)


@pytest.mark.parametrize(
    "text",
    [
        "Infobox\n- Date: 1990\n\nA lead paragraph.\n",
        "== Background ==\nSome text.\n",
        "= =\n\nSome text.\n",
        "This file just starts talking about a battle and never names it in a title line.\n\n"
        "More text.\n",
        "Last updated\n\nThe Battle of Nowhere was a battle fought in 1900 by nobody at all.\n\n"
        "Contents\n",
    ],
)
def test_a_file_without_a_title_is_refused(text):
    with pytest.raises(ParseError, match="no title found"):
        parse_article(text)


@pytest.mark.parametrize(
    "text",
    ["= !!! ??? =\n\nA lead.\n", "= — · — =\n\nA lead.\n", "* * *\n\nA lead.\n"],
)
def test_a_title_without_letters_or_digits_is_refused(text):
    with pytest.raises(ParseError, match=r"^the title has no letters or digits$"):
        parse_article(text)


def test_a_title_in_another_script_or_of_digits_only_is_kept():
    assert parse_article("= Битва за Кидаль =\n\nA lead.\n").state.title == "Битва за Кидаль"
    assert parse_article("= 1990 =\n\nA lead.\n").state.title == "1990"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("= Raid =\n\nA lead\x00.\n", "contains a NUL character at line 3"),
        ("\x00= Raid =\n", "contains a NUL character at line 1"),
        ("= Raid =\r\n\r\nA lead.\r\n\x00\r\n", "contains a NUL character at line 4"),
        ("= Raid =\rA\rB\x00\n", "contains a NUL character at line 3"),
        ("= Raid =\n\nA \x07bell.\n", "contains a control character (U+0007) at line 3"),
        ("= Raid =\n\x1b[31mred\n", "contains a control character (U+001B) at line 2"),
        ("= Raid =\n\x0cA page.\n", "contains a control character (U+000C) at line 2"),
    ],
)
def test_text_with_a_control_character_is_refused_with_its_line(text, reason):
    with pytest.raises(ParseError) as refused:
        parse_article(text)
    assert str(refused.value) == reason


def test_tabs_line_feeds_and_carriage_returns_are_text():
    parsed = parse_article("= Raid =\r\n\r\nA\tlead.\r")
    assert parsed.state.lead == "A lead."


def test_a_parse_error_is_a_value_error_with_a_readable_reason():
    with pytest.raises(ValueError, match=r"^the file is empty$"):
        parse_article("")


# --- Format A beyond the seeds -------------------------------------------------------

FORMAT_A = (
    "\ufeff= Siege of Exampleton =  \r\n"
    "\r\n"
    "Infobox\r\n"
    "- Conflict: Siege of Exampleton\xa0(1888)\r\n"
    "- Date: 3–9 May 1888 [1]\r\n"
    "- Flag: Exampleton banner\r\n"
    "- Result: Exampletonian\u202fvictory[a]\r\n"
    "Combatant1 Exampleton\r\n"
    "- Combatant2:   Besiegers\t \r\n"
    "\r\n"
    "The Siege of\u00a0Exampleton was a siege. [2]  \r\n"
    "\r\n"
    "[3] It lasted   six days.\r\n"
    "\r\n"
    "== Background ==\r\n"
    "The town had walls.[4][5]\r\n"
    "=== Walls ===\r\n"
    "The walls were tall.\r\n"
    "\r\n"
    "==== Gates ====\r\n"
    "There were two gates.\r\n"
    "== Aftermath ==\r\n"
    "Peace.\r\n"
)


def test_format_a_normalises_line_endings_and_spaces_and_keeps_markers_it_cannot_link():
    parsed = parse_article(FORMAT_A)
    assert parsed.format == "A"
    assert parsed.state.title == "Siege of Exampleton"
    # No references to cite: the markers stay as written, the one that opened a paragraph
    # moved to the end of the one it belongs to, and each is noted.
    assert parsed.state.lead == "The Siege of Exampleton was a siege.[2][3]\n\nIt lasted six days."
    assert "\r" not in parsed.state.text
    assert "[a]" not in parsed.state.text
    assert [note for note in parsed.notes if "citation marker" in note] == [
        f"A citation marker [{n}] points to no reference (the article has 0); it was kept as "
        "written."
        for n in (2, 3, 4, 5)
    ]


def test_format_a_keeps_unknown_infobox_keys_in_file_order():
    assert parse_article(FORMAT_A).state.infobox == entries(
        ("Conflict", "Siege of Exampleton (1888)"),
        ("Date", "3–9 May 1888"),
        ("Flag", "Exampleton banner"),
        ("Result", "Exampletonian victory"),
        ("Combatant2", "Besiegers"),
    )


def test_format_a_reports_a_malformed_infobox_line():
    notes = parse_article(FORMAT_A).notes
    assert any("Combatant1 Exampleton" in note and "infobox" in note for note in notes)


def test_format_a_reads_level_three_subsections_and_caps_deeper_ones_with_a_note():
    parsed = parse_article(FORMAT_A)
    assert parsed.state.sections == (
        SectionState("Background", 2, "The town had walls.[4][5]"),
        SectionState("Walls", 3, "The walls were tall."),
        SectionState("Gates", 3, "There were two gates."),
        SectionState("Aftermath", 2, "Peace."),
    )
    assert any("deeper than level 3" in note and "Gates" in note for note in parsed.notes)


def test_format_a_without_an_infobox_puts_everything_before_the_first_heading_in_the_lead():
    state = parse_article("= Skirmish at Nowhere =\n\nA skirmish.\n\nA second paragraph.\n").state
    assert state.infobox == ()
    assert state.lead == "A skirmish.\n\nA second paragraph."
    assert state.sections == ()


def test_format_a_keeps_a_subsection_without_a_parent_heading():
    state = parse_article("= X Raid =\n\nLead.\n\n=== Only sub ===\nBody.\n").state
    assert state.sections == (SectionState("Only sub", 3, "Body."),)


def test_format_a_reads_decimal_coordinates_from_the_infobox():
    text = "= Battle of Sydney =\n\nInfobox\n- Coordinates: 33.8568°S 151.2153°E\n\nLead.\n"
    state = parse_article(text).state
    assert state.infobox_value("Coordinates") == "33.8568°S 151.2153°E"
    assert (state.latitude, state.longitude) == (Decimal("-33.8568"), Decimal("151.2153"))


def test_format_a_reads_degree_minute_second_coordinates_from_the_infobox():
    text = "= Battle of Bamako =\n\nInfobox\n- Coordinates: 12°39′N 8°0′W\n\nLead.\n"
    state = parse_article(text).state
    assert (state.latitude, state.longitude) == (Decimal("12.65"), Decimal("-8"))


def test_format_a_notes_coordinates_it_cannot_read_and_keeps_the_value():
    parsed = parse_article("= Battle of Y =\n\nInfobox\n- Coordinates: near the river\n\nLead.\n")
    assert parsed.state.infobox_value("Coordinates") == "near the river"
    assert parsed.state.latitude is None
    assert any("near the river" in note for note in parsed.notes)


# --- Format B beyond the seeds -------------------------------------------------------


def test_format_b_without_navigation_text_keeps_the_first_paragraph_and_adds_no_note():
    text = (
        "\ufeffRaid on Exampleton\r\n\r\n"
        "The Raid on Exampleton\xa0was a raid.[1]  It  happened   in 1902.\t \r\n\r\n"
        "[2][a] Later, peace came.\r\n"
    )
    parsed = parse_article(text)
    assert parsed.format == "B"
    assert parsed.state.title == "Raid on Exampleton"
    assert parsed.state.lead == (
        "The Raid on Exampleton was a raid.[1] It happened in 1902.[2]\n\nLater, peace came."
    )
    assert not [note for note in parsed.notes if "navigation" in note]


def test_format_b_finds_the_title_ignoring_case_and_accents():
    text = "Menaka Raid\n\nSahel 2019 2020 The Ménaka raid was short.\n"
    parsed = parse_article(text)
    assert parsed.state.lead == "The Ménaka raid was short."
    assert parsed.notes == ("Dropped navigation text before the lead: 'Sahel 2019 2020'.",)


def test_format_b_capitalises_a_lead_that_began_with_a_lowercase_the():
    parsed = parse_article("Raid on Y\n\nNav One 1901 the raid on Y was a raid.\n\nMore.\n")
    assert parsed.state.lead == "The raid on Y was a raid.\n\nMore."


def test_format_b_finds_a_title_without_its_disambiguation():
    parsed = parse_article("Battle of Ber (2023)\n\nMali War: 2023 2024 The battle of Ber was.\n")
    assert parsed.state.lead == "The battle of Ber was."
    assert "Mali War: 2023 2024" in parsed.notes[0]


def test_format_b_keeps_prose_before_a_later_mention_of_the_title():
    text = "Raid on Y\n\nIn 1902 a raid hit the town. Later the raid on Y was remembered.\n"
    parsed = parse_article(text)
    assert parsed.state.lead == "In 1902 a raid hit the town. Later the raid on Y was remembered."
    assert parsed.notes == ()


def test_format_b_keeps_the_first_paragraph_and_notes_it_when_the_title_is_absent():
    parsed = parse_article("Raid on Y\n\nNothing here names it.\n\nSecond.\n")
    assert parsed.state.lead == "Nothing here names it.\n\nSecond."
    (note,) = parsed.notes
    assert "title does not appear" in note
    assert "'Nothing here names it.'" in note


def test_format_b_truncates_long_quotes_in_notes():
    junk = " ".join(f"Link{number}" for number in range(200))
    parsed = parse_article(f"Raid on Y\n\n{junk} The raid on Y was a raid.\n")
    assert parsed.state.lead == "The raid on Y was a raid."
    (note,) = parsed.notes
    assert note.startswith("Dropped navigation text before the lead: 'Link0 Link1")
    assert "…" in note
    assert len(note) < 260


# --- Format C beyond the seeds -------------------------------------------------------

FORMAT_C = """Siege of Testville (1901)\r
Last updated\r
Siege of Testville (1901)\r
Part of Imaginary War\r
Testville walls.jpeg\r
The walls in 1901\r
Date\r
3 March – 5 April 1901\r
LocationTestville,\u00a0Ruritania\r
Result\r
Ruritanian victory\r
Belligerents\r
Flag of Ruritania.svg\u00a0 Ruritania\r
Flag of Borduria.svg  Borduria\r
Syldavian rebels\r
Commanders and leaders\r
Flag of Ruritania.svg  General Rudolf\r
\r
Flag of Borduria.svg  Colonel Sponsz\r
Sergeant Wagg\r
\r
Flag of Syldavia.svg  Ottokar\r
Strength\r
2,000 [1] 3,000 [2] 150\r
Casualties and losses\r
12 killed\r
(Ruritanian figures) [4]\r
30 killed\r
3 captured\r
(Ruritanian figures) [4]\r
5 killed\r
\r
The Siege of Testville was a siege in 1901 during the Imaginary War.\r
\r
Contents\r
1 Background\r
2 The siege\r
2.1 The assault\r
\r
Background\r
Testville was founded in 1800.[1]\r
\r
The siege\r
\r
The assault\r
\r
The walls fell on 5 April. [2]\r
\r
References\r
  1. ^ "Testville history". https://example.org/testville. Retrieved 1 May 2020.\r
  2. a b Smith, John (1990). Sieges of\r
the Imaginary War. Ruritania Press.\r
\r
33°51′35″S 151°12′40″W\r
"""


def test_format_c_reads_a_page_unlike_the_seed():
    parsed = parse_article(FORMAT_C)
    assert parsed.format == "C"
    assert parsed.state.title == "Siege of Testville (1901)"
    assert parsed.state.lead == (
        "The Siege of Testville was a siege in 1901 during the Imaginary War."
    )
    assert parsed.notes == ()


def test_format_c_builds_the_infobox_of_a_page_unlike_the_seed():
    assert parse_article(FORMAT_C).state.infobox == entries(
        ("Conflict", "Siege of Testville (1901)"),
        ("Partof", "Imaginary War"),
        ("Date", "3 March – 5 April 1901"),
        ("Place", "Testville, Ruritania"),
        ("Result", "Ruritanian victory"),
        ("Image", "Testville walls.jpeg"),
        ("Caption", "The walls in 1901"),
        ("Combatant1", "Ruritania"),
        ("Combatant2", "Borduria"),
        ("Combatant3", "Syldavian rebels"),
        ("Commander1", "General Rudolf"),
        ("Commander2", "Colonel Sponsz, Sergeant Wagg"),
        ("Commander3", "Ottokar"),
        ("Strength1", "2,000"),
        ("Strength2", "3,000"),
        ("Strength3", "150"),
        ("Casualties1", "12 killed (Ruritanian figures)"),
        ("Casualties2", "30 killed, 3 captured (Ruritanian figures)"),
        ("Casualties3", "5 killed"),
    )


def test_format_c_takes_the_conflict_from_the_infobox_heading_once_whatever_its_case():
    text = (
        "Raid on Q\nLast updated\nRaid on Q\nRAID ON Q\nResult\nDraw\n\nThe raid on Q was a raid.\n"
    )
    parsed = parse_article(text)
    assert parsed.state.infobox == entries(("Conflict", "Raid on Q"), ("Result", "Draw"))
    assert parsed.notes == ()


def test_format_c_without_an_infobox_heading_has_no_conflict_key():
    text = "Raid on Q\nLast updated\nResult\nDraw\n\nThe raid on Q was a raid.\n"
    assert parse_article(text).state.infobox_value("Conflict") == ""


def test_format_c_reads_degree_minute_second_coordinates_with_south_and_west_negative():
    state = parse_article(FORMAT_C).state
    assert state.latitude == Decimal("-33.859722")
    assert state.longitude == Decimal("-151.211111")
    assert "°" not in state.text


def test_format_c_takes_headings_and_levels_from_the_table_of_contents():
    sections = parse_article(FORMAT_C).state.sections
    assert sections == (
        SectionState("Background", 2, "Testville was founded in 1800.[[ref:#1]]"),
        SectionState("The siege", 2, ""),
        SectionState("The assault", 3, "The walls fell on 5 April.[[ref:#2]]"),
    )


def test_format_c_strips_back_links_joins_wrapped_references_and_finds_urls():
    assert parse_article(FORMAT_C).state.references == (
        ReferenceState(
            '"Testville history". https://example.org/testville. Retrieved 1 May 2020.',
            "https://example.org/testville",
        ),
        ReferenceState("Smith, John (1990). Sieges of the Imaginary War. Ruritania Press."),
    )


def test_format_c_reads_a_location_on_the_line_after_its_label():
    text = "Raid on Q\nLast updated\nLocation\nQ town, Mali\nResult\nDraw\n\nThe raid on Q was.\n"
    state = parse_article(text).state
    assert state.infobox == entries(("Place", "Q town, Mali"), ("Result", "Draw"))
    assert state.lead == "The raid on Q was."


def test_format_c_keeps_strength_it_cannot_split_as_the_first_side_with_a_note():
    text = (
        "Raid on Q\nLast updated\nBelligerents\nFlag of Mali.svg Mali\nRebels\n"
        "Strength\n2,000 3,000\n\nThe raid on Q was a raid.\n"
    )
    parsed = parse_article(text)
    assert parsed.state.infobox_value("Strength1") == "2,000 3,000"
    assert parsed.state.infobox_value("Strength2") == ""
    (note,) = parsed.notes
    assert "Strength" in note
    assert "'2,000 3,000'" in note


def test_format_c_splits_strength_given_one_line_per_side():
    text = (
        "Raid on Q\nLast updated\nBelligerents\nMali\nRebels\n"
        "Strength\n2,000\n300\n\nThe raid on Q was a raid.\n"
    )
    state = parse_article(text).state
    assert state.infobox_value("Strength1") == "2,000"
    assert state.infobox_value("Strength2") == "300"


def test_format_c_reports_a_fourth_belligerent_and_lines_it_cannot_place():
    text = (
        "Raid on Q\nLast updated\nSomething odd\nBelligerents\nA\nB\nC\nD\n\n"
        'The raid on Q was a raid.\n\n<span class="x">Junk</span>\n'
    )
    parsed = parse_article(text)
    assert parsed.state.infobox_value("Combatant3") == "C"
    assert "D" not in [entry.value for entry in parsed.state.infobox]
    assert any("side 4" in note and "'D'" in note for note in parsed.notes)
    assert any("'Something odd'" in note for note in parsed.notes)
    assert any("<span" in note for note in parsed.notes)
    assert "Junk" not in parsed.state.text


def test_format_c_closes_a_group_of_subsections_at_a_top_level_heading():
    text = (
        "Raid on Q\nLast updated\n\nThe raid on Q was a raid.\n\n"
        "Fighting\n\nFirst day\n\nShots.\n\nSecond day\n\nMore shots.\n\nAftermath\n\nPeace.\n"
    )
    sections = parse_article(text).state.sections
    assert [(s.heading, s.level) for s in sections] == [
        ("Fighting", 2),
        ("First day", 3),
        ("Second day", 3),
        ("Aftermath", 2),
    ]


def test_format_c_makes_headings_with_their_own_text_level_two():
    text = "Raid on Q\nLast updated\n\nThe raid on Q was a raid.\n\nPrelude\n\nA.\n\nRaid\n\nB.\n"
    sections = parse_article(text).state.sections
    assert sections == (SectionState("Prelude", 2, "A."), SectionState("Raid", 2, "B."))


def test_format_c_drops_the_related_research_articles_block():
    text = (
        "Raid on Q\nLast updated\n\nThe raid on Q was a raid.\n\nRelated Research Articles\n\n"
        '<span class="mw-page-title-main">Raid on R</span> Another raid\n\n'
        "The raid on R was another raid.\n\nThe raid on S was a third raid.\n\n"
        'References\n\n  1. "Source". Paper.\n'
    )
    parsed = parse_article(text)
    assert "raid on R" not in parsed.state.text
    assert "raid on S" not in parsed.state.text
    assert parsed.state.references == (ReferenceState('"Source". Paper.'),)
    (note,) = parsed.notes
    assert "2 paragraphs" in note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("= T =\n", "A"),
        ("T\n\nInfobox\n- Date: 1990\n", "A"),
        ("T\n\nSome text.\n", "B"),
        ("T\nLast updated\n\nSome text.\n", "C"),
        ("T\n\nSome text.\n\nContents\n\nMore.\n", "C"),
        ("T\n\nBelligerents\nFlag of Mali.svg  Mali\n", "C"),
    ],
)
def test_the_format_is_detected_from_the_text(text, expected):
    assert parse_article(text).format == expected


def test_a_parsed_article_is_immutable():
    parsed = seed(0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.format = "B"  # type: ignore[misc]
