"""What changed between two revisions of an article, word by word.

A pure module: it compares two `ArticleState`s and knows nothing of the ORM, Django or
HTML. Text is compared as runs of words (`TextRun`); the article as a whole yields an
`ArticleDiff` of dataclasses that a template renders (see `conflicts.templatetags.diff_tags`)
and the REST API serialises (`conflicts.api.serializers.ArticleDiffSerializer`).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

Op = Literal["equal", "insert", "delete"]
Change = Literal["added", "removed", "changed"]
AddedOrRemoved = Literal["added", "removed"]
Coordinates = tuple[Decimal | None, Decimal | None]

__all__ = [
    "AddedOrRemoved",
    "ArticleDiff",
    "Change",
    "Coordinates",
    "FieldChange",
    "Op",
    "ReferenceChange",
    "SectionChange",
    "TextRun",
    "diff_articles",
    "word_diff",
]


@dataclass(frozen=True)
class TextRun:
    """A stretch of text that is in both versions ("equal"), only the old ("delete") or
    only the new ("insert")."""

    op: Op
    text: str


# A token is a number with its separators ("1,500", "3.5"), a word with inner apostrophes
# ("People's"), a run of whitespace, or any other single character. The alternatives
# cover every character, so the tokens of a text always join back into it.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)+|\w+(?:['\u2019]\w+)*|\s+|[^\w\s]")

# A line with the line breaks that end it; the lines of a text join back into it.
_LINE = re.compile(r"[^\n]*\n*")

# ("equal", text, text) or ("change", deleted, inserted): a stretch of the diff before it
# becomes runs.
_Segment = tuple[Literal["equal", "change"], str, str]


def word_diff(old: str, new: str) -> tuple[TextRun, ...]:
    """The word-level difference from `old` to `new`.

    Joining the "equal" and "delete" runs gives exactly `old`; joining the "equal" and
    "insert" runs gives exactly `new`. Adjacent runs never share an op, no run is empty,
    and within a changed stretch the deletion comes before the insertion, so
    "40 killed" → "50 dead" reads as one deletion "40 killed" and one insertion "50 dead"
    rather than alternating fragments. Two empty strings give no runs.
    """
    # Matching lines first keeps long bodies fast: word matching without autojunk is
    # close to quadratic in the number of tokens, so it only sees the lines that differ.
    old_lines, new_lines = _lines(old), _lines(new)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    segments: list[_Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text = "".join(old_lines[i1:i2])
            segments.append(("equal", text, text))
        elif i2 - i1 == j2 - j1:
            # As many lines on each side: most likely each was edited in place.
            for old_line, new_line in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                segments += _word_segments(old_line, new_line)
        else:
            segments += _word_segments("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))

    runs: list[TextRun] = []
    for kind, deleted, inserted in _absorb_spaces_between_changes(segments):
        if kind == "equal":
            _append(runs, TextRun("equal", deleted))
        else:
            _append(runs, TextRun("delete", deleted))
            _append(runs, TextRun("insert", inserted))
    return tuple(runs)


def _lines(text: str) -> list[str]:
    return [line for line in _LINE.findall(text) if line]


def _word_segments(old: str, new: str) -> list[_Segment]:
    """Match the tokens of two texts, trimming what they start and end with in common
    first (cheaply, for the usual edit of a few words in a long paragraph)."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    prefix = _common_prefix_length(old_tokens, new_tokens)
    suffix = _common_prefix_length(old_tokens[prefix:][::-1], new_tokens[prefix:][::-1])
    old_middle = old_tokens[prefix : len(old_tokens) - suffix]
    new_middle = new_tokens[prefix : len(new_tokens) - suffix]

    head, tail = "".join(old_tokens[:prefix]), "".join(old_tokens[len(old_tokens) - suffix :])
    segments: list[_Segment] = [("equal", head, head)]
    # Spaces are too common to anchor a match on (and would cost quadratic time); they
    # still join the matches around them. Line breaks stay anchors, as in the absorbing.
    matcher = difflib.SequenceMatcher(_is_space, old_middle, new_middle, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        deleted, inserted = "".join(old_middle[i1:i2]), "".join(new_middle[j1:j2])
        segments.append(("equal" if tag == "equal" else "change", deleted, inserted))
    segments.append(("equal", tail, tail))
    return segments


def _is_space(token: str) -> bool:
    return token.isspace() and "\n" not in token


def _common_prefix_length(first: Sequence[str], second: Sequence[str]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def _absorb_spaces_between_changes(segments: list[_Segment]) -> list[_Segment]:
    """Fold a space that separates two changes into them, and merge neighbours of a kind.

    A line break is left alone: folding it in would make one change straddle two
    paragraphs, which reads worse than two changes.
    """
    segments = _merge_neighbours(segment for segment in segments if segment[1] or segment[2])
    merged: list[_Segment] = []
    for index, (kind, deleted, inserted) in enumerate(segments):
        between_changes = 0 < index < len(segments) - 1 and (
            segments[index - 1][0] == segments[index + 1][0] == "change"
        )
        if kind == "equal" and between_changes and deleted.isspace() and "\n" not in deleted:
            kind = "change"
        merged.append((kind, deleted, inserted))
    return _merge_neighbours(merged)


def _merge_neighbours(segments: Iterable[_Segment]) -> list[_Segment]:
    merged: list[_Segment] = []
    for kind, deleted, inserted in segments:
        if merged and merged[-1][0] == kind:
            _, previous_deleted, previous_inserted = merged.pop()
            deleted, inserted = previous_deleted + deleted, previous_inserted + inserted
        merged.append((kind, deleted, inserted))
    return merged


def _append(runs: list[TextRun], run: TextRun) -> None:
    """Add `run`, dropping it when empty and merging it into a previous run of its op."""
    if not run.text:
        return
    if runs and runs[-1].op == run.op:
        runs[-1] = TextRun(run.op, runs[-1].text + run.text)
    else:
        runs.append(run)


def _changed_characters(runs: Sequence[TextRun]) -> int:
    return sum(len(run.text) for run in runs if run.op != "equal")


@dataclass(frozen=True)
class FieldChange:
    """One infobox key that was added, removed or given another value."""

    key: str
    old: str | None  # None when added
    new: str | None  # None when removed
    change: Change
    runs: tuple[TextRun, ...]  # word diff old → new, a missing side counting as ""


@dataclass(frozen=True)
class SectionChange:
    """One section that was added, removed or changed.

    "changed" covers a new heading, body or level, and a move: `moved` is True when the
    section's place relative to the other surviving sections changed, in which case its
    text may be identical. The levels are `old.level` and `new.level`.
    """

    heading: str  # the new heading, or the old one when removed
    change: Change
    old: SectionState | None
    new: SectionState | None
    heading_runs: tuple[TextRun, ...]
    body_runs: tuple[TextRun, ...]
    moved: bool = False


@dataclass(frozen=True)
class ReferenceChange:
    """A reference that appears in only one of the two versions."""

    change: AddedOrRemoved
    reference: ReferenceState


@dataclass(frozen=True)
class ArticleDiff:
    """Everything that differs between two versions of an article.

    Only changes are listed: unchanged infobox keys, sections and references are left
    out, and `title`, `lead` and `coordinates` are None when unchanged. The order of the
    infobox keys and of the references is not itself a change (keys have a fixed display
    order; a reference still cited is not removed); the order of sections is.
    """

    title: tuple[TextRun, ...] | None
    lead: tuple[TextRun, ...] | None
    infobox: tuple[FieldChange, ...]
    sections: tuple[SectionChange, ...]
    references: tuple[ReferenceChange, ...]
    # ((old latitude, old longitude), (new latitude, new longitude)) when changed.
    coordinates: tuple[Coordinates, Coordinates] | None

    @property
    def is_empty(self) -> bool:
        return self.changed_fields == 0

    @property
    def changed_fields(self) -> int:
        """How many things changed: the title, the lead and the coordinates count once
        each; every infobox key, section and reference listed counts once."""
        return (
            (self.title is not None)
            + (self.lead is not None)
            + len(self.infobox)
            + len(self.sections)
            + len(self.references)
            + (self.coordinates is not None)
        )

    @property
    def changed_characters(self) -> int:
        """How many characters were inserted or deleted, across every part of the article.

        An added or removed infobox value or section counts in full (its runs are all
        insertion or deletion), as do the text and URL of an added or removed reference
        and, when the coordinates changed, the old and new values written out.
        """
        total = _changed_characters(self.title or ()) + _changed_characters(self.lead or ())
        total += sum(_changed_characters(change.runs) for change in self.infobox)
        total += sum(
            _changed_characters(change.heading_runs) + _changed_characters(change.body_runs)
            for change in self.sections
        )
        total += sum(
            len(change.reference.text) + len(change.reference.url) for change in self.references
        )
        if self.coordinates is not None:
            total += sum(
                len(_decimal_text(value))
                for side in self.coordinates
                for value in side
                if value is not None
            )
        return total


def diff_articles(old: ArticleState, new: ArticleState) -> ArticleDiff:
    """Compare two versions of an article; `old` is the earlier one."""
    coordinates = ((old.latitude, old.longitude), (new.latitude, new.longitude))
    return ArticleDiff(
        title=word_diff(old.title, new.title) if old.title != new.title else None,
        lead=word_diff(old.lead, new.lead) if old.lead != new.lead else None,
        infobox=_diff_infobox(old.infobox, new.infobox),
        sections=_diff_sections(old.sections, new.sections),
        references=_diff_references(old.references, new.references),
        coordinates=coordinates if coordinates[0] != coordinates[1] else None,
    )


def _diff_infobox(
    old: Sequence[InfoboxEntry], new: Sequence[InfoboxEntry]
) -> tuple[FieldChange, ...]:
    """Infobox entries paired by key, in the new order, removed keys at their old place.

    Keys are unique per article; should one repeat anyway, its n-th occurrences are
    paired, so no value is silently lost.
    """
    pairs = _pair_equal_keys(
        _occurrence_keys([entry.key for entry in old]),
        _occurrence_keys([entry.key for entry in new]),
    )
    changes = []
    for i, j in _reading_order(len(old), len(new), pairs):
        before = old[i].value if i is not None else None
        after = new[j].value if j is not None else None
        if before == after:
            continue
        if i is None:
            key, change = new[j].key, "added"
        elif j is None:
            key, change = old[i].key, "removed"
        else:
            key, change = new[j].key, "changed"
        runs = word_diff(before or "", after or "")
        changes.append(FieldChange(key, before, after, change, runs))
    return tuple(changes)


def _occurrence_keys(keys: Sequence[str]) -> list[tuple[str, int]]:
    """Each key with how many times it occurred before: ("Date", 0), ("Date", 1)…"""
    seen: dict[str, int] = {}
    numbered = []
    for key in keys:
        numbered.append((key, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return numbered


def _diff_sections(
    old: Sequence[SectionState], new: Sequence[SectionState]
) -> tuple[SectionChange, ...]:
    """Sections paired, then listed in reading order, removed ones at their old place.

    Pairing goes by id where both sides have one and they match, then by identical
    heading (the first unpaired old section), then by position among what is left. Two
    sections that both have ids are never paired by position: different ids mean
    different sections, better shown as one removed and one added than as a rewrite.
    """
    pairs = _pair_equal_keys(
        [section.id for section in old], [section.id for section in new], ignore_none=True
    )
    pairs |= _pair_equal_keys(
        [section.heading for section in old],
        [section.heading for section in new],
        paired=pairs,
    )
    pairs |= _pair_by_position(old, new, pairs)
    moved = _moved(pairs)

    changes = []
    for i, j in _reading_order(len(old), len(new), pairs):
        before = old[i] if i is not None else None
        after = new[j] if j is not None else None
        if before == after and i not in moved:
            continue
        if before is None:
            change: Change = "added"
        elif after is None:
            change = "removed"
        else:
            change = "changed"
        changes.append(
            SectionChange(
                heading=(after or before).heading,
                change=change,
                old=before,
                new=after,
                heading_runs=word_diff(
                    before.heading if before else "", after.heading if after else ""
                ),
                body_runs=word_diff(before.body if before else "", after.body if after else ""),
                moved=i in moved,
            )
        )
    return tuple(changes)


def _pair_by_position(
    old: Sequence[SectionState], new: Sequence[SectionState], paired: Mapping[int, int]
) -> dict[int, int]:
    """Pair the sections left over in order, skipping pairs whose ids differ."""
    unpaired_old = [i for i in range(len(old)) if i not in paired]
    claimed_new = set(paired.values())
    pairs: dict[int, int] = {}
    for j in range(len(new)):
        if j in claimed_new:
            continue
        for i in unpaired_old:
            if old[i].id is None or new[j].id is None:
                pairs[i] = j
                unpaired_old.remove(i)
                break
    return pairs


def _moved(pairs: Mapping[int, int]) -> set[int]:
    """The old indexes of paired items whose order relative to the others changed.

    The items that stayed put are the longest run of pairs whose old indexes rise in
    new order (a longest increasing subsequence); every other pair was moved. When two
    sections swap places, one of them is reported as moved.
    """
    in_new_order = sorted(pairs, key=pairs.__getitem__)
    # tails[k]: the smallest old index ending a rising run of length k + 1 so far;
    # ends[k] its position in in_new_order; back links rebuild the run.
    tails: list[int] = []
    ends: list[int] = []
    back: list[int | None] = []
    for position, i in enumerate(in_new_order):
        k = bisect.bisect_left(tails, i)
        back.append(ends[k - 1] if k else None)
        if k == len(tails):
            tails.append(i)
            ends.append(position)
        else:
            tails[k], ends[k] = i, position
    stayed: set[int] = set()
    position = ends[-1] if ends else None
    while position is not None:
        stayed.add(in_new_order[position])
        position = back[position]
    return set(pairs) - stayed


def _diff_references(
    old: Sequence[ReferenceState], new: Sequence[ReferenceState]
) -> tuple[ReferenceChange, ...]:
    """References in only one version, in reading order; a reference still present
    elsewhere in the list has not been removed."""
    pairs = _pair_equal_keys(old, new)
    changes = []
    for i, j in _reading_order(len(old), len(new), pairs):
        if i is None:
            changes.append(ReferenceChange("added", new[j]))
        elif j is None:
            changes.append(ReferenceChange("removed", old[i]))
    return tuple(changes)


def _pair_equal_keys(
    old_keys: Sequence[Hashable],
    new_keys: Sequence[Hashable],
    *,
    ignore_none: bool = False,
    paired: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Pair each new index with the first unpaired old index whose key is equal.

    Returns {old index: new index}. None keys are never paired when `ignore_none`; indexes
    already in `paired` (old as keys, new as values) are left out.
    """
    paired = paired or {}
    claimed_new = set(paired.values())
    waiting: dict[Hashable, list[int]] = {}
    for i, key in enumerate(old_keys):
        if i not in paired and not (ignore_none and key is None):
            waiting.setdefault(key, []).append(i)
    pairs: dict[int, int] = {}
    for j, key in enumerate(new_keys):
        if j in claimed_new or (ignore_none and key is None):
            continue
        candidates = waiting.get(key)
        if candidates:
            pairs[candidates.pop(0)] = j
    return pairs


def _reading_order(
    old_count: int, new_count: int, pairs: Mapping[int, int]
) -> list[tuple[int | None, int | None]]:
    """Every item as (old index, new index), None for a missing side, in reading order.

    New items come in new order, each paired one with its old partner. An old item
    without a partner comes right after the new item paired with its nearest paired
    predecessor in the old order, or first when there is none: where it used to be.
    """
    removed_after: dict[int | None, list[int]] = {}
    anchor: int | None = None
    for i in range(old_count):
        if i in pairs:
            anchor = pairs[i]
        else:
            removed_after.setdefault(anchor, []).append(i)
    old_of = {j: i for i, j in pairs.items()}
    order: list[tuple[int | None, int | None]] = [(i, None) for i in removed_after.get(None, [])]
    for j in range(new_count):
        order.append((old_of.get(j), j))
        order.extend((i, None) for i in removed_after.get(j, []))
    return order


def _decimal_text(value: Decimal) -> str:
    # Fixed-point, never exponent notation: Decimal("1E+1") is written "10".
    return format(value, "f")
