"""Checks that find slips in an article from its own text: each a small pure function of
an `ArticleState` returning `Finding`s, with the passages that show the slip and, where
the fix is plain, the corrected infobox value. A pure module (no Django).

The checks know no names, figures or phrases of any article: they find contradictions
between an article's parts and slips in how values are written, wherever they occur.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from conflicts.document import ArticleState
from facts.parties import MARKERS
from facts.reading import FIGURES, PARTIES, infobox_readings


@dataclass(frozen=True)
class Passage:
    """Where in the article (`"infobox: Casualties1"`, `"lead"`, `"section: The battle"`)
    and the words there."""

    where: str
    text: str


@dataclass(frozen=True)
class Finding:
    """A suspected slip: which `check` found it, in a sentence, the passages that show it,
    and the infobox value that would fix it (`fix`: key and value), where plain."""

    check: str
    summary: str
    evidence: tuple[Passage, ...]
    fix: tuple[str, str] | None = None


def article_findings(state: ArticleState) -> list[Finding]:
    """Every check's findings on `state`, check by check."""
    return [finding for check in CHECKS for finding in check(state)]


# --- Figures the text contradicts -----------------------------------------------------------

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
# "50 Malian soldiers were killed", "40 wounded": a number, up to four words that are
# neither numbers nor categories, then the category.
_CATEGORY = r"(?:killed|dead|wounded|injured)\b"
_BETWEEN = rf"(?:(?!\d|{_CATEGORY})[\w'-]+\s+){{0,4}}?"
_STATED = {
    "killed": re.compile(rf"{_NUMBER}\s+{_BETWEEN}(?:killed|dead)\b", re.I),
    "wounded": re.compile(rf"{_NUMBER}\s+{_BETWEEN}(?:wounded|injured)\b", re.I),
}


def figures_swapped(state: ArticleState) -> Iterator[Finding]:
    """Killed and wounded given the other way round in the infobox: a sentence of the text
    states killed = b and wounded = a where a Casualties value says a killed, b wounded."""
    for found in infobox_readings((entry.key, entry.value) for entry in state.infobox):
        if found.kind != FIGURES or found.data is None or not found.key.startswith("Casualties"):
            continue
        exact = {
            count["category"]: count["low"]
            for count in found.data["counts"]
            if count["high"] == count["low"] and count["category"] in _STATED
        }
        if len(exact) < 2 or exact["killed"] == exact["wounded"]:
            continue
        for where, sentence in _sentences(state):
            stated = {
                category: {int(m.group(1).replace(",", "")) for m in pattern.finditer(sentence)}
                for category, pattern in _STATED.items()
            }
            if exact["wounded"] in stated["killed"] and exact["killed"] in stated["wounded"]:
                value = state.infobox_value(found.key)
                yield Finding(
                    "figures-swapped",
                    f"{found.key} gives {exact['killed']} killed and {exact['wounded']} "
                    f"wounded; the {where} says the other way round.",
                    (Passage(f"infobox: {found.key}", value), Passage(where, sentence.strip())),
                    fix=(found.key, _swapped(value, exact["killed"], exact["wounded"])),
                )
                break


def _swapped(value: str, killed: int, wounded: int) -> str:
    def number(category: str) -> re.Pattern:
        return re.compile(rf"\b{_NUMBER}(?=\s+{category}\b)", re.I)

    value = number("killed").sub(str(wounded), value, count=1)
    return number("wounded").sub(str(killed), value, count=1)


def _sentences(state: ArticleState) -> Iterator[tuple[str, str]]:
    for match in _SENTENCE.finditer(state.lead):
        yield "lead", match.group(0)
    for section in state.sections:
        for match in _SENTENCE.finditer(section.body):
            yield f"section: {section.heading}", match.group(0)


# --- Year ranges that disagree --------------------------------------------------------------

# "rebellion (1990–1995)", "rebellion of 1990 to 1996": the word the range belongs to,
# then the range, a few small words or a bracket apart.
_YEAR_RANGE = re.compile(
    r"(?P<word>[A-Za-zÀ-ÿ]{4,})\W+(?:(?:of|from|in|between)\s+)?"
    r"(?P<start>\d{4})\s*(?:[–—-]|to|and)\s*(?P<end>\d{4})\b"
)


def year_ranges_disagree(state: ArticleState) -> Iterator[Finding]:
    """A range of years in the infobox and one in the text that belong to the same word and
    start the same year but end in different years."""
    text_ranges = [
        (where, sentence, match)
        for where, sentence in _sentences(state)
        for match in _YEAR_RANGE.finditer(sentence)
    ]
    for entry in state.infobox:
        for ours in _YEAR_RANGE.finditer(entry.value):
            for where, sentence, theirs in text_ranges:
                if (
                    ours["word"].lower() == theirs["word"].lower()
                    and ours["start"] == theirs["start"]
                    and ours["end"] != theirs["end"]
                ):
                    yield Finding(
                        "years-disagree",
                        f"{entry.key} gives {ours['start']}–{ours['end']} for the "
                        f"{ours['word']}; the {where} gives {theirs['start']} to "
                        f"{theirs['end']}.",
                        (
                            Passage(f"infobox: {entry.key}", entry.value),
                            Passage(where, sentence.strip()),
                        ),
                    )


# --- Markers glued to names -----------------------------------------------------------------

_MARKER = "|".join(map(re.escape, MARKERS))
_GLUED = re.compile(rf"(?P<name>\S*[^\W\d_])(?<![A-Z])(?P<marker>{_MARKER})(?=\s*(?:[,;\n]|$))")


def markers_glued(state: ArticleState) -> Iterator[Finding]:
    """A marker (KIA, POW, …) run into the name before it, "SalakatouKIA": a lost space
    or symbol, which reads as part of the name."""
    for found in infobox_readings((entry.key, entry.value) for entry in state.infobox):
        if found.kind != PARTIES:
            continue
        value = state.infobox_value(found.key)
        glued = list(_GLUED.finditer(value))
        if glued:
            names = ", ".join(m.group(0) for m in glued)
            fixed = _GLUED.sub(lambda m: f"{m['name']} ({MARKERS[m['marker']]})", value)
            yield Finding(
                "marker-glued",
                f"{found.key} runs a marker into a name: {names}.",
                (Passage(f"infobox: {found.key}", value),),
                fix=(found.key, fixed),
            )


# --- No infobox -----------------------------------------------------------------------------


def infobox_missing(state: ArticleState) -> Iterator[Finding]:
    """An article with no infobox at all: no date, sides or figures to read."""
    if not state.infobox:
        yield Finding(
            "infobox-missing",
            "The article has no infobox: its date, sides and figures are only in the text.",
            (Passage("lead", state.lead[:300]),),
        )


CHECKS: tuple[Callable[[ArticleState], Iterator[Finding]], ...] = (
    figures_swapped,
    year_ranges_disagree,
    markers_glued,
    infobox_missing,
)
