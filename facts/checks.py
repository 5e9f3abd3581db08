"""Checks that find slips in an article from its own text: each a small pure function of
an `ArticleText` returning `Finding`s, with the passages that show the slip and, where
the fix is plain, the corrected infobox value. A pure module (no Django).

The checks know no names, figures or phrases of any article: they find contradictions
between an article's parts and slips in how values are written, wherever they occur.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from conflicts.document import ArticleState
from facts.names import are_variants, name_key, names_in
from facts.parties import markers_set_apart
from facts.reading import FIGURES, PARTIES, Reading, infobox_readings

LEAD, SECTION, INFOBOX, ELSEWHERE = "lead", "section", "infobox", "elsewhere"

# Each check's name, as findings give it, and what it looks for.
CHECK_TITLES = {
    "figures-swapped": "Figures the text contradicts",
    "years-disagree": "Years that disagree",
    "name-variants": "A name written two ways",
    "marker-glued": "A marker glued to a name",
    "phrase-repeated": "Words written twice",
    "leftover": "Leftovers of a copied page",
    "infobox-missing": "No infobox",
}


@dataclass(frozen=True)
class Passage:
    """Words of the article and where they are: the `lead`, a `section` (`name` its heading,
    `section_id` its id), an `infobox` value (`name` its key); or a spelling found
    `elsewhere`, in other articles (`text` the spelling)."""

    part: str
    text: str
    name: str = ""
    section_id: int | None = None

    @property
    def where(self) -> str:
        return f"{self.part}: {self.name}" if self.name else self.part

    @property
    def described(self) -> str:
        """Where it is, for a sentence: "the lead", "the section “Battle”", "Casualties1"."""
        if self.part == INFOBOX:
            return self.name
        return f"the {self.part} “{self.name}”" if self.name else f"the {self.part}"


@dataclass(frozen=True)
class Finding:
    """A suspected slip: which `check` found it, in a sentence, the passages that show it,
    and the infobox value that would fix it (`fix`: key and value), where plain."""

    check: str
    summary: str
    evidence: tuple[Passage, ...]
    fix: tuple[str, str] | None = None


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


class ArticleText:
    """An article as the checks read it: its state, its infobox read once, its sentences."""

    def __init__(self, state: ArticleState):
        self.state = state

    @cached_property
    def readings(self) -> list[Reading]:
        return infobox_readings((entry.key, entry.value) for entry in self.state.infobox)

    @cached_property
    def sentences(self) -> list[Passage]:
        """Each sentence of the lead and the sections, as a passage."""
        found = [Passage(LEAD, m.group(0).strip()) for m in _SENTENCE.finditer(self.state.lead)]
        for section in self.state.sections:
            found += [
                Passage(SECTION, m.group(0).strip(), section.heading, section.id)
                for m in _SENTENCE.finditer(section.body)
            ]
        return [passage for passage in found if passage.text]

    @cached_property
    def passages(self) -> list[Passage]:
        """The infobox values, then the sentences."""
        infobox = [Passage(INFOBOX, entry.value, entry.key) for entry in self.state.infobox]
        return infobox + self.sentences

    @cached_property
    def names(self) -> Counter:
        """How often the article writes each capitalised word (`names.names_in`)."""
        return names_in(passage.text for passage in self.passages)

    def first_mention(self, word: str) -> Passage:
        """The first passage that has `word` in it as a whole word."""
        whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        return next(passage for passage in self.passages if whole.search(passage.text))


def article_findings(article: ArticleText) -> list[Finding]:
    """Every check's findings on `article` but the names', check by check."""
    return [finding for check in CHECKS for finding in check(article)]


# --- Figures the text contradicts -----------------------------------------------------------

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
# "50 Malian soldiers were killed", "40 wounded": a number, up to four words that are
# neither numbers nor categories, then the category.
_CATEGORY = r"(?:killed|dead|wounded|injured)\b"
_BETWEEN = rf"(?:(?!\d|{_CATEGORY})[\w'-]+\s+){{0,4}}?"
_STATED = {
    "killed": re.compile(rf"{_NUMBER}\s+{_BETWEEN}(?:killed|dead)\b", re.I),
    "wounded": re.compile(rf"{_NUMBER}\s+{_BETWEEN}(?:wounded|injured)\b", re.I),
}


def figures_swapped(article: ArticleText) -> Iterator[Finding]:
    """Killed and wounded given the other way round in the infobox: a sentence of the text
    states killed = b and wounded = a where a Casualties value says a killed, b wounded."""
    for found in article.readings:
        if found.kind != FIGURES or found.data is None or not found.key.startswith("Casualties"):
            continue
        exact = {
            count["category"]: count["low"]
            for count in found.data["counts"]
            if count["high"] == count["low"] and count["category"] in _STATED
        }
        if len(exact) < 2 or exact["killed"] == exact["wounded"]:
            continue
        for sentence in article.sentences:
            stated = {
                category: {
                    int(m.group(1).replace(",", "")) for m in pattern.finditer(sentence.text)
                }
                for category, pattern in _STATED.items()
            }
            if exact["wounded"] in stated["killed"] and exact["killed"] in stated["wounded"]:
                value = article.state.infobox_value(found.key)
                yield Finding(
                    "figures-swapped",
                    f"{found.key} gives {exact['killed']} killed and {exact['wounded']} "
                    f"wounded; {sentence.described} says the other way round.",
                    (Passage(INFOBOX, value, found.key), sentence),
                    fix=(found.key, _swapped(value, exact["killed"], exact["wounded"])),
                )
                break


def _swapped(value: str, killed: int, wounded: int) -> str:
    def number(category: str) -> re.Pattern:
        return re.compile(rf"\b{_NUMBER}(?=\s+{category}\b)", re.I)

    value = number("killed").sub(str(wounded), value, count=1)
    return number("wounded").sub(str(killed), value, count=1)


# --- Year ranges that disagree --------------------------------------------------------------

# "rebellion (1990–1995)", "rebellion of 1990 to 1996": the word the range belongs to,
# then the range, a few small words or a bracket apart.
_YEAR_RANGE = re.compile(
    r"(?P<word>[A-Za-zÀ-ÿ]{4,})\W+(?:(?:of|from|in|between)\s+)?"
    r"(?P<start>\d{4})\s*(?:[–—-]|to|and)\s*(?P<end>\d{4})\b"
)


def year_ranges_disagree(article: ArticleText) -> Iterator[Finding]:
    """A range of years in the infobox and one in the text that belong to the same word and
    start the same year but end in different years."""
    text_ranges = [
        (sentence, match)
        for sentence in article.sentences
        for match in _YEAR_RANGE.finditer(sentence.text)
    ]
    for entry in article.state.infobox:
        for ours in _YEAR_RANGE.finditer(entry.value):
            for sentence, theirs in text_ranges:
                if (
                    ours["word"].lower() == theirs["word"].lower()
                    and ours["start"] == theirs["start"]
                    and ours["end"] != theirs["end"]
                ):
                    yield Finding(
                        "years-disagree",
                        f"{entry.key} gives {ours['start']}–{ours['end']} for the "
                        f"{ours['word']}; {sentence.described} gives {theirs['start']} to "
                        f"{theirs['end']}.",
                        (Passage(INFOBOX, entry.value, entry.key), sentence),
                    )


# --- Markers glued to names -----------------------------------------------------------------


def markers_glued(article: ArticleText) -> Iterator[Finding]:
    """A marker (KIA, POW, …) run into the name before it, "SalakatouKIA": a lost space
    or symbol, which reads as part of the name."""
    for found in article.readings:
        if found.kind != PARTIES:
            continue
        value = article.state.infobox_value(found.key)
        fixed, glued = markers_set_apart(value)
        if glued:
            yield Finding(
                "marker-glued",
                f"{found.key} runs a marker into a name: {', '.join(glued)}.",
                (Passage(INFOBOX, value, found.key),),
                fix=(found.key, fixed),
            )


# --- Repeated phrases -----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Words written twice in a row, "the the", "in the north in the north"; a run of three
# words or more also when at most two words stand between ("by side by", "of the war of
# the" are language).
_SHORTEST_APART = 3
_MOST_BETWEEN = 2
_LONGEST_REPEAT = 6
# A sentence this long written twice in one article is a copy, not an echo.
_COPIED_WORDS = 8


def phrases_repeated(article: ArticleText) -> Iterator[Finding]:
    """Words written twice in a row ("the the", a phrase run twice) and whole sentences
    of the article written twice."""
    for passage in article.passages:
        repeated = _stutter(_WORD.findall(passage.text))
        if repeated:
            yield Finding(
                "phrase-repeated",
                f"{_capital(passage.described)} repeats “{repeated}”.",
                (passage,),
                fix=_without_stutter(passage, repeated),
            )
    seen: dict[str, Passage] = {}
    for sentence in article.sentences:
        words = _WORD.findall(sentence.text.casefold())
        if len(words) < _COPIED_WORDS:
            continue
        first = seen.setdefault(" ".join(words), sentence)
        if first is not sentence:
            yield Finding(
                "phrase-repeated",
                f"{_capital(sentence.described)} repeats a sentence of {first.described}.",
                (first, sentence),
            )


def _stutter(words: list[str]) -> str | None:
    """The longest run of words written again right after it, or, for `_SHORTEST_APART`
    words or more, after at most `_MOST_BETWEEN` words; runs of numbers are not counted."""
    folded = [word.casefold() for word in words]
    for length in range(_LONGEST_REPEAT, 0, -1):
        gaps = range(_MOST_BETWEEN + 1) if length >= _SHORTEST_APART else (0,)
        for start in range(len(words) - 2 * length + 1):
            run = folded[start : start + length]
            if all(word.isdigit() for word in run):
                continue
            for gap in gaps:
                again = start + length + gap
                if folded[again : again + length] == run:
                    return " ".join(words[start : start + length])
    return None


def _without_stutter(passage: Passage, repeated: str) -> tuple[str, str] | None:
    """The infobox value with a doubled word or phrase written once, where it is doubled."""
    if passage.part != INFOBOX:
        return None
    doubled = re.compile(rf"\b({re.escape(repeated)})\s+\1\b", re.I)
    fixed = doubled.sub(r"\1", passage.text, count=1)
    return (passage.name, fixed) if fixed != passage.text else None


# --- Leftovers of the page the text was copied from -----------------------------------------

_LEFTOVERS = re.compile(
    # Citation and edit markers: [3], [a], [note 2], [edit], [citation needed].
    r"\[(?:\d{1,3}|[a-z]|(?:note|nb)\s*\d+|edit|[a-z ]{0,20}needed)\]"
    r"|</?[a-z][a-z0-9]*(?:\s[^<>]*)?>"  # HTML tags
    r"|&(?:[a-z]{2,8}|#\d{2,5});"  # HTML entities
    r"|\{\{|\}\}|'{3}"  # wiki markup
    r"|\bJump up\b|\bArchived from the original\b|\bRetrieved \d",
    re.I,
)


def leftovers_copied(article: ArticleText) -> Iterator[Finding]:
    """Citation markers, markup and page furniture left in the text by a copy from another
    site: "[3]", "[citation needed]", "<span>", "&nbsp;", "Retrieved 22 May". One finding
    for each part that has them (an infobox value, the lead, a section), quoting the first
    passage."""
    by_part: dict[str, list[tuple[Passage, list[str]]]] = {}
    for passage in article.passages:
        found = [match.group(0) for match in _LEFTOVERS.finditer(passage.text)]
        if found:
            by_part.setdefault(passage.where, []).append((passage, found))
    for found_in in by_part.values():
        first = found_in[0][0]
        leftovers = list(dict.fromkeys(left for _, found in found_in for left in found))
        fixed = " ".join(_LEFTOVERS.sub("", first.text).split())
        yield Finding(
            "leftover",
            f"{_capital(first.described)} holds what looks copied from a web page: "
            + ", ".join(leftovers[:_LEFTOVERS_NAMED])
            + (", …" if len(leftovers) > _LEFTOVERS_NAMED else "."),
            (first,),
            fix=(first.name, fixed) if first.part == INFOBOX else None,
        )


_LEFTOVERS_NAMED = 5


# --- No infobox -----------------------------------------------------------------------------


def infobox_missing(article: ArticleText) -> Iterator[Finding]:
    """An article with no infobox at all: no date, sides or figures to read."""
    if not article.state.infobox:
        yield Finding(
            "infobox-missing",
            "The article has no infobox: its date, sides and figures are only in the text.",
            (Passage(LEAD, article.state.lead[:300]),),
        )


CHECKS: tuple[Callable[[ArticleText], Iterator[Finding]], ...] = (
    figures_swapped,
    year_ranges_disagree,
    markers_glued,
    phrases_repeated,
    leftovers_copied,
    infobox_missing,
)


# --- Names written two ways -----------------------------------------------------------------

# A spelling in this many articles or fewer, beside a variant in `_OUTNUMBERED` times as
# many, is taken for a slip even where the article uses it alone.
RARE_IN_ARTICLES = 2
_OUTNUMBERED = 3


def names_written_two_ways(article: ArticleText, used_by: Mapping[str, int]) -> Iterator[Finding]:
    """A name the article writes two ways ("Ménaka" and "Menaka"), or writes one way where
    other articles far more often write it another. `used_by` gives, for spellings that
    share a `names.name_key` with a name of the article, how many articles use each, this
    one included; a name of the article it does not give counts as used here alone."""
    ours = article.names

    def articles(name: str) -> int:
        return used_by.get(name) or 1

    def rank(name: str) -> tuple:
        return (articles(name), ours[name], name)

    variants = defaultdict(list)
    for spelling in sorted(used_by):
        if used_by[spelling]:
            variants[name_key(spelling)].append(spelling)
    for name in sorted(ours):
        others = [other for other in variants[name_key(name)] if are_variants(name, other)]
        if not others:
            continue
        # Each spelling is set beside the most used of its variants, once.
        common = max(others, key=rank)
        if rank(common) < rank(name):
            continue
        if common in ours:
            summary = (
                f"The article writes “{name}” ({_times(ours[name])}) and “{common}” "
                f"({_times(ours[common])}): one name, two spellings."
            )
            if articles(common) > articles(name):
                summary += f" More articles write “{common}”."
            yield Finding(
                "name-variants",
                summary,
                (article.first_mention(name), article.first_mention(common)),
            )
        elif articles(name) <= RARE_IN_ARTICLES and articles(common) >= _OUTNUMBERED * articles(
            name
        ):
            yield Finding(
                "name-variants",
                f"“{name}” is written “{common}” {_in(articles(common))}.",
                (article.first_mention(name), Passage(ELSEWHERE, common)),
            )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _in(articles: int) -> str:
    return "in 1 article" if articles == 1 else f"in {articles} articles"
