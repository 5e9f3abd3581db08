"""Names as an article writes them, and which two spellings are one name written two ways.
A pure module (no Django).

Two spellings are variants when they differ only in accents ("Ménaka", "Menaka") or by
two neighbouring letters swapped in a name of four letters or more ("MNLA", "MLNA"). Such
pairs share a `name_key`, so an index by key finds every variant of a name at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

# A word written with a capital: a name, an acronym, or a sentence's first word.
_CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_][^\W\d_'’-]{2,}(?![\w'’-])")
_SHORTEST_SWAPPED = 4
# Longer words are not names anyone spells two ways: they are not indexed.
NAME_MAX_LENGTH = 60


def names_in(texts: Iterable[str]) -> Counter:
    """How often each capitalised word of three letters or more (and at most
    `NAME_MAX_LENGTH`) occurs in `texts`."""
    return Counter(
        word
        for text in texts
        for word in _CAPITALISED.findall(text)
        if word[0].isupper() and len(word) <= NAME_MAX_LENGTH
    )


def folded(name: str) -> str:
    """`name` without accents, in lower case: "Ménaka" → "menaka"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name: str) -> str:
    """The same for every variant of a name: its folded letters in order."""
    return "".join(sorted(folded(name)))


def are_variants(one: str, other: str) -> bool:
    """Whether `one` and `other` are one name written two ways (see the module's doc); a
    difference of case alone is not one ("MALI" in a heading, "Mali")."""
    if one.casefold() == other.casefold():
        return False
    one_folded, other_folded = folded(one), folded(other)
    if one_folded == other_folded:
        return True
    if len(one_folded) != len(other_folded) or len(one_folded) < _SHORTEST_SWAPPED:
        return False
    differ = [i for i, (a, b) in enumerate(zip(one_folded, other_folded, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and one_folded[differ[0]] == other_folded[differ[1]]
        and one_folded[differ[1]] == other_folded[differ[0]]
    )
