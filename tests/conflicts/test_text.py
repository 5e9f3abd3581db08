"""Text as Annals stores it: normalising, blankness and unusable characters (no database)."""

import sys
import unicodedata

import pytest

from conflicts.text import is_blank, normalise_text, text_problem


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("First line.\r\nSecond line.", "First line.\nSecond line."),
        ("First line.\rSecond line.", "First line.\nSecond line."),
        ("a\r\n\r\nb\r\rc\n\nd", "a\n\nb\n\nc\n\nd"),
        ("  \r\n Kidal, Mali \t\r\n", "Kidal, Mali"),
        ("\u00a0Kidal\u00a0", "Kidal"),
        ("", ""),
    ],
    ids=["CRLF", "CR", "mixed line breaks", "surrounding white space", "surrounding NBSP", "empty"],
)
def test_normalise_text_unifies_line_breaks_and_trims_the_ends(given, stored):
    assert normalise_text(given) == stored


def test_normalise_text_keeps_inner_white_space_as_it_is():
    text = "Kidal  and\tGao\n\n    indented line\u00a0with NBSP"

    assert normalise_text(f"  {text}\r\n") == text


def test_normalising_twice_changes_nothing_more():
    once = normalise_text(" a\r\n\rb \r")

    assert once == "a\n\nb"
    assert normalise_text(once) == once


@pytest.mark.parametrize(
    "value",
    [
        "",
        " \t\r\n",
        "\u200b",
        "\u200e",
        "\u202e",
        "\ufeff",
        "\u00a0",
        " \u200b\u200e\u202e\ufeff\u00a0\u2060 ",
    ],
    ids=[
        "empty",
        "white space",
        "zero-width space",
        "left-to-right mark",
        "right-to-left override",
        "byte-order mark",
        "no-break space",
        "all of them",
    ],
)
def test_text_showing_nothing_is_blank(value):
    assert is_blank(value)


@pytest.mark.parametrize(
    "value",
    ["a\u200b", "\u200ba", ".", "\u00a0-\u00a0", "١", "\u0301"],
    ids=["letter then ZWSP", "ZWSP then letter", "full stop", "dash", "Arabic digit", "accent"],
)
def test_text_with_anything_visible_is_not_blank(value):
    assert not is_blank(value)


def test_a_nul_character_is_a_problem_named_with_its_position():
    problem = text_problem("Kidal\x00")

    assert problem is not None
    assert "NUL" in problem
    assert "6" in problem


def test_a_bell_control_character_is_a_problem_named_by_its_code_point():
    problem = text_problem("ring \u0007")

    assert problem is not None
    assert "U+0007" in problem


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x85", "\x0b", "\x0c"])
def test_other_control_characters_are_problems(char):
    assert text_problem(f"a{char}b") is not None


def test_a_lone_surrogate_is_a_problem():
    problem = text_problem("Kidal \ud800")

    assert problem is not None
    assert "surrogate" in problem
    assert "U+D800" in problem


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Kidal\tMali",
        "First line.\nSecond line.",
        "First line.\r\nSecond line.\r",
        "Mali \u200b\u202e\ufeff\u00a0",
        "Kidal — كيدال — 😀",
    ],
    ids=["empty", "tab", "newline", "carriage return", "format characters", "any script"],
)
def test_tabs_line_breaks_and_ordinary_text_are_fine(value):
    assert text_problem(value) is None


def test_exactly_control_characters_but_tab_and_line_breaks_and_surrogates_are_unstorable():
    refused = {
        code for code in range(sys.maxunicode + 1) if text_problem(f"a{chr(code)}b") is not None
    }
    expected = {
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cs") and chr(code) not in "\t\n\r"
    }
    assert refused == expected
