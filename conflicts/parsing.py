"""Turn the text of one import file into an `ArticleState`.

Three formats arrive (see PRODUCT.md, "Import formats"): A is our own markup, B is text
scraped from a page with its navigation box glued to the lead, C is a flattened mirror
page. Whatever cannot be placed in the article is reported as a note, never dropped
silently. Pure Python: no Django, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from conflicts.citations import CITATION, URL
from conflicts.document import (
    INFOBOX_KEYS,
    ArticleState,
    InfoboxEntry,
    ReferenceState,
    SectionState,
)

# Part of every import's content hash: bump it whenever the parser's output changes, so
# that re-importing the same files goes through the import rules again.
PARSER_VERSION = 2


class ParseError(ValueError):
    """The text cannot become an article at all; `str(error)` says why, for a human."""


@dataclass(frozen=True)
class ParsedArticle:
    state: ArticleState
    notes: tuple[str, ...]
    format: str


def parse_article(text: str) -> ParsedArticle:
    """Parse one import file (format A, B or C, detected from the text).

    Raises ParseError for text that is not an article: empty, binary (a control character
    other than tab, line feed or carriage return), or without a title that has a letter
    or digit.
    """
    _refuse_control_characters(text)
    lines = _normalise(text)
    if not any(lines):
        raise ParseError("the file is empty")
    notes: list[str] = []
    article_format = _detect_format(lines)
    parser = {"A": _parse_a, "B": _parse_b, "C": _parse_c}[article_format]
    state = _citations_checked(parser(lines, notes), notes)
    if not any(char.isalnum() for char in state.title):
        raise ParseError("the title has no letters or digits")
    return ParsedArticle(state=state, notes=tuple(dict.fromkeys(notes)), format=article_format)


def _citations_checked(state: ArticleState, notes: list[str]) -> ArticleState:
    """`state` with each citation of a reference the article does not have written back
    as the marker it was ("[12]"), with a note: kept for an editor to mend, not dropped."""
    count = len(state.references)

    def checked(text: str) -> str:
        def back(found: re.Match) -> str:
            number = int(found["number"])
            if number <= count:
                return found.group(0)
            notes.append(
                f"A citation marker [{number}] points to no reference (the article has "
                f"{count}); it was kept as written."
            )
            return f"[{number}]"

        return CITATION.sub(back, text)

    return state.replace(
        lead=checked(state.lead),
        sections=tuple(section.replace(body=checked(section.body)) for section in state.sections),
    )


# C0 control characters other than tab, line feed and carriage return: binary, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _refuse_control_characters(text: str) -> None:
    if match := _CONTROL.search(text):
        line = len(_LINE_BREAK.findall(text, 0, match.start())) + 1
        char = match[0]
        what = "a NUL character" if char == "\x00" else f"a control character (U+{ord(char):04X})"
        raise ParseError(f"contains {what} at line {line}")


# --- Shared text helpers -------------------------------------------------------------

# U+00A0 and U+202F are the common ones; the other fixed-width spaces come from the same
# copy-paste sources and would otherwise survive as invisible differences between revisions.
_SPACES = str.maketrans({char: " " for char in "\t\u00a0\u202f\u2007\u2009\u200a"})
_INVISIBLE = re.compile("[\ufeff\u200b]")
_SPACE_RUN = re.compile(" {2,}")

# Footnote markers as rendered by wikis: [3], [a], [note 2], [citation needed].
_MARKER = r"\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed)\]"
_MARKER_RE = re.compile(_MARKER)
_MARKER_RUN = re.compile(rf" *(?:{_MARKER})+")
_MARKER_SPLIT = re.compile(rf" *(?:{_MARKER})+ *")

_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")
_IMAGE_EXTENSION = r"\.(?:svg|png|gif|jpe?g)(?=\s|$)"
_IMAGE_LINE = re.compile(r"^[^/\\]+\.(?:svg|png|gif|jpe?g)$", re.IGNORECASE)
_NOTE_QUOTE_LIMIT = 200


def _normalise(text: str) -> list[str]:
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return [_SPACE_RUN.sub(" ", line.translate(_SPACES)).strip() for line in text.split("\n")]


def _clean(text: str) -> str:
    """Running text without citation markers or stray spaces."""
    return _SPACE_RUN.sub(" ", _MARKER_RUN.sub("", text)).strip()


_NUMBERED_MARKER = re.compile(r"\[(\d{1,3})\]")


def _cited(text: str) -> str:
    """Running text with its numbered citation markers kept as citations of the
    references by number ("fighting.[9][10]" → "fighting.[[ref:#9]][[ref:#10]]"), other
    markers and stray spaces left out (`_clean`)."""

    def kept(run: re.Match) -> str:
        return "".join(f"[[ref:#{n}]]" for n in _NUMBERED_MARKER.findall(run.group(0)))

    return _SPACE_RUN.sub(" ", _MARKER_RUN.sub(kept, text)).strip()


def _blocks(lines: Iterable[str]) -> list[list[str]]:
    """Runs of non-blank lines, as separated by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _paragraph(block: list[str]) -> str:
    # Lines of one paragraph are hard wraps, not breaks.
    return _cited(" ".join(block))


def _join_paragraphs(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(_with_citations_in_place(p for p in paragraphs if p))


_LEADING_CITATIONS = re.compile(rf"^(?:{CITATION.pattern})+")


def _with_citations_in_place(paragraphs: Iterable[str]) -> list[str]:
    """Citations a copied page put at the start of a paragraph ("[3] ISGS is …") belong
    to the end of the one before: they are moved there."""
    placed: list[str] = []
    for paragraph in paragraphs:
        leading = _LEADING_CITATIONS.match(paragraph)
        if leading and placed:
            placed[-1] += leading.group(0)
            paragraph = paragraph[leading.end() :].lstrip()
        if paragraph:
            placed.append(paragraph)
    return placed


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _NOTE_QUOTE_LIMIT:
        text = text[: _NOTE_QUOTE_LIMIT - 1].rstrip() + "…"
    return f"'{text}'"


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` case- and accent-folded, with the index in `text` of every folded character."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for folded_char in part.casefold():
                folded.append(folded_char)
                origins.append(index)
    return "".join(folded), origins


def _find_phrase(text: str, phrase: str) -> int | None:
    """Where `phrase` first occurs in `text` as whole words, ignoring case and accents."""
    folded_text, origins = _fold(text)
    folded_phrase, _ = _fold(phrase)
    if not folded_phrase:
        return None
    for match in re.finditer(re.escape(folded_phrase), folded_text):
        start = origins[match.start()]
        end = origins[match.end() - 1] + 1
        before_ok = start == 0 or not text[start - 1].isalnum()
        after_ok = end == len(text) or not text[end].isalnum()
        if before_ok and after_ok:
            return start
    return None


def _is_title_like(line: str) -> bool:
    text = _clean(line)
    return (
        0 < len(text) <= 150
        and not re.search(r"[.,;:]$", text)
        and text.casefold() != "infobox"
        and not text.startswith(("- ", "=="))
    )


def _title_variants(title: str) -> list[str]:
    # Articles titled "Battle of Ber (2023)" say "The battle of Ber" in their lead.
    return list(dict.fromkeys([title, re.sub(r"\s*\([^)]*\)$", "", title)]))


def _first_line(lines: list[str]) -> tuple[str, list[str]]:
    index = next(index for index, line in enumerate(lines) if line)
    return lines[index], lines[index + 1 :]


def _plain_title(line: str) -> str:
    if not _is_title_like(line):
        raise ParseError(f"no title found: the first line reads like running text, {_quote(line)}")
    return _clean(line)


@dataclass(frozen=True)
class _Heading:
    text: str
    level: int


def _lead_and_sections(items: Iterable[str | _Heading]) -> tuple[str, tuple[SectionState, ...]]:
    """Text before the first heading is the lead; each heading owns the text after it."""
    lead: list[str] = []
    sections: list[tuple[_Heading, list[str]]] = []
    for item in items:
        if isinstance(item, _Heading):
            sections.append((item, []))
        elif sections:
            sections[-1][1].append(item)
        else:
            lead.append(item)
    return _join_paragraphs(lead), tuple(
        SectionState(heading=heading.text, level=heading.level, body=_join_paragraphs(body))
        for heading, body in sections
    )


class _Infobox:
    """Infobox entries being collected, refusing a key twice (with a note)."""

    def __init__(self, notes: list[str]) -> None:
        self.entries: list[InfoboxEntry] = []
        self._notes = notes

    def add(self, key: str, value: str) -> None:
        value = _clean(value)
        if not value:
            return
        if self.has(key):
            self._notes.append(f"Dropped a second infobox value for {key}: {_quote(value)}.")
            return
        self.entries.append(InfoboxEntry(key=key, value=value))

    def has(self, key: str) -> bool:
        return any(entry.key == key for entry in self.entries)

    def in_vocabulary_order(self) -> tuple[InfoboxEntry, ...]:
        rank = {key: index for index, key in enumerate(INFOBOX_KEYS)}
        return tuple(sorted(self.entries, key=lambda entry: rank.get(entry.key, len(rank))))


# --- Coordinates ---------------------------------------------------------------------

# The model stores six decimal places; rounding here keeps a re-import identical to what
# the database gives back.
_COORDINATE_PLACES = Decimal("0.000001")
_HEMISPHERE_DECIMAL = re.compile(
    r"(\d{1,3}\.\d+)\s*°?\s*([NS])(?![A-Za-z])[\s,;/]*(\d{1,3}\.\d+)\s*°?\s*([EW])(?![A-Za-z])"
)
_SIGNED_DECIMAL = re.compile(r"(?<![\d.])([-+]?\d{1,3}\.\d+)\s*[;,]\s*([-+]?\d{1,3}\.\d+)(?![\d.])")
_DMS_PART = (
    r"(\d{1,3})\s*°\s*(?:(\d{1,2}(?:\.\d+)?)\s*[′']\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:″|''|\")\s*)?"
)
_DMS = re.compile(rf"{_DMS_PART}([NS])[\s,;/]*{_DMS_PART}([EW])")
_COORDINATE_LINE = re.compile(r"^(?:Coordinates\s*:?\s*)?[\d\s°′″'\".,;/NSEW+-]+$")


def _parse_coordinates(text: str) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) from decimal or degree-minute-second notation, or None."""
    text = text.replace("−", "-")
    if match := _HEMISPHERE_DECIMAL.search(text):
        lat, north_south, lon, east_west = match.groups()
        pair = (_signed(Decimal(lat), north_south), _signed(Decimal(lon), east_west))
    elif match := _SIGNED_DECIMAL.search(text):
        pair = (Decimal(match[1]), Decimal(match[2]))
    elif match := _DMS.search(text):
        parts = match.groups()
        pair = (_signed(_degrees(*parts[0:3]), parts[3]), _signed(_degrees(*parts[4:7]), parts[7]))
    else:
        return None
    lat, lon = (_rounded(value) for value in pair)
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _degrees(degrees: str, minutes: str | None, seconds: str | None) -> Decimal:
    return Decimal(degrees) + Decimal(minutes or 0) / 60 + Decimal(seconds or 0) / 3600


def _signed(value: Decimal, hemisphere: str) -> Decimal:
    return -value if hemisphere in "SW" else value


def _rounded(value: Decimal) -> Decimal:
    if value.as_tuple().exponent < -6:
        return value.quantize(_COORDINATE_PLACES)
    return value


def _is_coordinate_line(line: str) -> bool:
    return (
        bool(_COORDINATE_LINE.match(line))
        and ("°" in line or ";" in line or line.startswith("Coordinates"))
        and _parse_coordinates(line) is not None
    )


def _lift_coordinates(
    lines: list[str],
) -> tuple[list[str], tuple[Decimal, Decimal] | None]:
    """Scraped pages carry coordinates as a line of their own: take them out of the text."""
    kept, found = [], None
    for line in lines:
        if line and _is_coordinate_line(line):
            found = found or _parse_coordinates(line)
        else:
            kept.append(line)
    return kept, found


def _with_coordinates(
    state: ArticleState, coordinates: tuple[Decimal, Decimal] | None
) -> ArticleState:
    if coordinates is None:
        return state
    return state.replace(latitude=coordinates[0], longitude=coordinates[1])


# --- Format detection ----------------------------------------------------------------

_A_TITLE = re.compile(r"^=(?!=)\s*(.*?)\s*(?<!=)=$")
_A_HEADING = re.compile(r"^(=+)\s*(.*?)\s*=+$")
_LAST_UPDATED = re.compile(r"^Last updated\b", re.IGNORECASE)
_SVG_SIDE = re.compile(r"\.svg\s+\S", re.IGNORECASE)
_C_MARKERS = {
    "contents": "contents",
    "related research articles": "related",
    "references": "references",
}


def _detect_format(lines: list[str]) -> str:
    filled = [line for line in lines if line]
    if _A_TITLE.match(filled[0]):
        return "A"
    if (
        any(_LAST_UPDATED.match(line) for line in filled[:6])
        or any(line.casefold() in ("contents", "related research articles") for line in filled)
        or any(_SVG_SIDE.search(line) for line in filled)
    ):
        return "C"
    if any(line.casefold() == "infobox" or line.startswith("==") for line in filled):
        return "A"
    return "B"


# --- Format A ------------------------------------------------------------------------

_A_FIELD = re.compile(r"^-\s*([^\W\d_][\w ]{0,40}?)\s*:\s*(.*)$")


def _parse_a(lines: list[str], notes: list[str]) -> ArticleState:
    title, rest = _a_title(lines, notes)
    infobox_lines, body = _a_split_infobox(rest)
    infobox = _Infobox(notes)
    for line in infobox_lines:
        if match := _A_FIELD.match(line):
            infobox.add(match[1], match[2])
        else:
            notes.append(
                f"Could not read an infobox line (expected '- Key: Value'): {_quote(line)}."
            )
    lead, sections = _lead_and_sections(_a_items(body, notes))
    state = ArticleState(title=title, lead=lead, infobox=tuple(infobox.entries), sections=sections)
    coordinates_value = state.infobox_value("Coordinates")
    if not coordinates_value:
        return state
    coordinates = _parse_coordinates(coordinates_value)
    if coordinates is None:
        notes.append(
            f"Could not read a position from the Coordinates value {_quote(coordinates_value)}."
        )
    return _with_coordinates(state, coordinates)


def _a_title(lines: list[str], notes: list[str]) -> tuple[str, list[str]]:
    first, rest = _first_line(lines)
    if match := _A_TITLE.match(first):
        title = _clean(match[1])
        if not title:
            raise ParseError("no title found: the title line '= … =' is empty")
        return title, rest
    if first.casefold() == "infobox" or first.startswith(("- ", "==")):
        raise ParseError(f"no title found: the file starts with {_quote(first)}, not '= Title ='")
    title = _plain_title(first)
    notes.append(
        f"The title line is not written as '= Title ='; used {_quote(title)} as the title."
    )
    return title, rest


def _a_split_infobox(lines: list[str]) -> tuple[list[str], list[str]]:
    """The infobox block (an `Infobox` line, then `- Key: Value` lines) and what follows."""
    start = next((index for index, line in enumerate(lines) if line), len(lines))
    if start == len(lines):
        return [], []
    if lines[start].casefold().rstrip(":") == "infobox":
        start += 1
        while start < len(lines) and not lines[start]:
            start += 1
    elif not _A_FIELD.match(lines[start]):
        return [], lines[start:]
    end = start
    while end < len(lines) and lines[end] and not _A_HEADING.match(lines[end]):
        end += 1
    if not any(_A_FIELD.match(line) for line in lines[start:end]):
        # An `Infobox` line over plain prose: the prose is the lead, not a broken infobox.
        return [], lines[start:]
    return lines[start:end], lines[end:]


def _a_items(lines: list[str], notes: list[str]) -> list[str | _Heading]:
    items: list[str | _Heading] = []
    block: list[str] = []
    for line in [*lines, ""]:
        heading = _A_HEADING.match(line)
        if line and not heading:
            block.append(line)
            continue
        if block:
            items.append(_paragraph(block))
            block = []
        if heading:
            items.extend(_a_heading(heading, notes))
    return items


def _a_heading(match: re.Match[str], notes: list[str]) -> list[_Heading]:
    depth, text = len(match[1]), _clean(match[2])
    if not text:
        notes.append(f"Dropped a heading line without text: {_quote(match[0])}.")
        return []
    if depth > 3:
        notes.append(f"A heading deeper than level 3 was kept as level 3: {_quote(text)}.")
    elif depth < 2:
        notes.append(f"A second level-1 heading was kept as a level-2 section: {_quote(text)}.")
    return [_Heading(text, min(max(depth, 2), 3))]


# --- Format B ------------------------------------------------------------------------


def _parse_b(lines: list[str], notes: list[str]) -> ArticleState:
    lines, coordinates = _lift_coordinates(lines)
    first, rest = _first_line(lines)
    title = _plain_title(first)
    paragraphs = [_paragraph(block) for block in _blocks(rest)]
    if paragraphs:
        paragraphs[0] = _without_navigation(paragraphs[0], title, notes)
    # B has no headings: everything is lead, by the "text before the first heading" rule.
    return _with_coordinates(
        ArticleState(title=title, lead=_join_paragraphs(paragraphs)), coordinates
    )


def _without_navigation(paragraph: str, title: str, notes: list[str]) -> str:
    """The first paragraph from where the lead begins: at the title (or "The" + title)."""
    start = _lead_start(paragraph, title)
    if start is None:
        notes.append(
            "The title does not appear in the first paragraph, so it was kept whole though it "
            f"may begin with navigation text: {_quote(paragraph)}."
        )
        return paragraph
    prefix = paragraph[:start].strip()
    # Navigation boxes are lists of names and years; a finished sentence means real prose.
    if not prefix or re.search(r"\w{2}[.!?][\"”’')]*(?:\s|$)", prefix):
        return paragraph
    notes.append(f"Dropped navigation text before the lead: {_quote(prefix)}.")
    lead = paragraph[start:]
    return lead[0].upper() + lead[1:]


def _lead_start(paragraph: str, title: str) -> int | None:
    for candidate in _title_variants(title):
        start = _find_phrase(paragraph, candidate)
        if start is not None:
            if re.search(r"(?:^|\W)the $", paragraph[:start], re.IGNORECASE):
                start -= len("the ")
            return start
    return None


# --- Format C ------------------------------------------------------------------------

# (label as printed, infobox key or key prefix); longest labels first so that they win.
_C_LABELS = (
    ("Casualties and losses", "Casualties"),
    ("Commanders and leaders", "Commander"),
    ("Territorial changes", "Territory"),
    ("Units involved", "Units"),
    ("Belligerents", "Combatant"),
    ("Coordinates", "Coordinates"),
    ("Location", "Place"),
    ("Strength", "Strength"),
    ("Result", "Result"),
    ("Status", "Status"),
    ("Date", "Date"),
)
_C_SIDED = {"Combatant", "Commander", "Units", "Strength", "Casualties"}
_C_HTML = re.compile(r"<[a-zA-Z][^>]*>")
_C_CONTENTS_ENTRY = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?)\s+(.+)$")
_C_REFERENCE = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
# Flattened pages lose heading levels; these names are top-level sections in practice, so
# they close a group of sub-sections.
_C_TOP_LEVEL_HEADINGS = {
    "background",
    "prelude",
    "aftermath",
    "legacy",
    "reactions",
    "analysis",
    "consequences",
    "see also",
    "notes",
    "further reading",
    "external links",
    "bibliography",
}


@dataclass
class _CField:
    label: str
    key: str
    lines: list[str]


def _parse_c(lines: list[str], notes: list[str]) -> ArticleState:
    lines, coordinates = _lift_coordinates(lines)
    first, rest = _first_line(lines)
    if _LAST_UPDATED.match(first):
        raise ParseError("no title found: the page starts with 'Last updated'")
    title = _plain_title(first)
    rest = [line for line in rest if not _LAST_UPDATED.match(line)]
    end = _c_infobox_end(rest, title)
    infobox, infobox_coordinates = _c_infobox(rest[:end], title, notes)
    items, references = _c_body(rest[end:], notes)
    lead, sections = _lead_and_sections(items)
    state = ArticleState(
        title=title, lead=lead, infobox=infobox, sections=sections, references=references
    )
    return _with_coordinates(state, coordinates or infobox_coordinates)


def _c_marker(line: str) -> str | None:
    return _C_MARKERS.get(line.casefold())


def _c_infobox_end(lines: list[str], title: str) -> int:
    """Where the flattened infobox stops: at the first line of prose (or the contents)."""
    for index, line in enumerate(lines):
        if _c_marker(line) or _is_prose(line, title):
            return index
    return len(lines)


def _is_prose(line: str, title: str) -> bool:
    text = _clean(line)
    if not _SENTENCE_END.search(text):
        return False
    words = len(text.split())
    return words >= 12 or (
        words >= 4
        and any(_find_phrase(text, variant) is not None for variant in _title_variants(title))
    )


def _c_label(line: str) -> tuple[str, str, str] | None:
    """(label, key, value glued after it) when `line` starts an infobox field."""
    for label, key in _C_LABELS:
        if line.startswith(label):
            value = line[len(label) :].lstrip(" :")
            # "Dates of…" or "Location of…" in a caption are not labels.
            if not value or not value[0].islower():
                return label, key, value
    return None


def _c_infobox(
    lines: list[str], title: str, notes: list[str]
) -> tuple[tuple[InfoboxEntry, ...], tuple[Decimal, Decimal] | None]:
    preamble: list[str] = []
    fields: list[_CField] = []
    for line in lines:
        label = _c_label(line) if line else None
        if label:
            fields.append(_CField(label[0], label[1], [label[2]] if label[2] else []))
        elif fields:
            fields[-1].lines.append(line)
        elif line:
            preamble.append(line)
    infobox = _Infobox(notes)
    _c_preamble(preamble, title, infobox, notes)
    coordinates = None
    sides: int | None = None
    for field in fields:
        if field.key == "Coordinates":
            coordinates = coordinates or _c_coordinates(field, notes)
        elif field.key in _C_SIDED:
            values = _c_sides(field, sides, notes)
            if field.key == "Combatant":
                sides = len(values)
            for side, value in enumerate(values, start=1):
                if side > 3:
                    notes.append(
                        f"Only three sides fit the infobox; dropped {field.label} of side "
                        f"{side}: {_quote(value)}."
                    )
                else:
                    infobox.add(f"{field.key}{side}", value)
        else:
            infobox.add(
                field.key, _joined_value([_without_files(line, notes) for line in field.lines])
            )
    return infobox.in_vocabulary_order(), coordinates


def _c_preamble(lines: list[str], title: str, infobox: _Infobox, notes: list[str]) -> None:
    """The lines above the first label: repeated title, "Part of …", image and caption."""
    expecting_caption = False
    for line in lines:
        if _clean(line).casefold() == title.casefold():
            # The infobox's own heading names the conflict, as format A's "- Conflict:" does.
            if not infobox.has("Conflict"):
                infobox.add("Conflict", line)
            expecting_caption = False
        elif match := re.match(r"^Part of (?:the )?(.+)$", line):
            infobox.add("Partof", match[1])
            expecting_caption = False
        elif _IMAGE_LINE.match(line):
            infobox.add("Image", line)
            expecting_caption = True
        elif expecting_caption:
            infobox.add("Caption", line)
            expecting_caption = False
        else:
            notes.append(f"Could not place a line of the infobox: {_quote(line)}.")


def _c_coordinates(field: _CField, notes: list[str]) -> tuple[Decimal, Decimal] | None:
    text = " ".join(field.lines)
    coordinates = _parse_coordinates(text)
    if coordinates is None and text.strip():
        notes.append(f"Could not read a position from the Coordinates field {_quote(text)}.")
    return coordinates


def _joined_value(lines: Iterable[str]) -> str:
    """One value from several lines; a parenthesised line qualifies the one before it."""
    value = ""
    for line in map(_clean, lines):
        if line:
            value = f"{value}{' ' if line.startswith('(') else ', '}{line}" if value else line
    return value


def _c_sides(field: _CField, sides: int | None, notes: list[str]) -> list[str]:
    """Split a side-by-side field (one table cell per belligerent) into one value per side."""
    lines = [_without_files(line, notes) if line else "" for line in field.lines]
    filled = [line for line in lines if line]
    if not filled:
        return []
    if any(_is_attribution(line) for line in filled[1:]):
        # Casualty cells end with their source: "(According to the MNLA) [2]".
        groups: list[list[str]] = [[]]
        for line in filled:
            groups[-1].append(line)
            if _is_attribution(line):
                groups.append([])
    elif len(blocks := _blocks(lines)) > 1:
        groups = blocks
    elif len(filled) == 1 and _MARKER_RE.search(filled[0]):
        # Both cells flattened onto one line: each side's value ends at its citation marker.
        groups = [[chunk] for chunk in _MARKER_SPLIT.split(filled[0])]
    elif field.key == "Combatant" or len(filled) == sides:
        groups = [[line] for line in filled]
    else:
        groups = [filled]
        if sides != 1:
            notes.append(
                f"Could not tell the sides apart in {field.label}; kept "
                f"{_quote(' '.join(filled))} as {field.key}1."
            )
    return [value for value in map(_joined_value, groups) if value]


def _is_attribution(line: str) -> bool:
    return bool(re.match(r"^\(.+\)$", _clean(line)))


def _without_files(line: str, notes: list[str]) -> str:
    """`line` without image file names; a flag's file name is the side's own label."""
    flags = re.findall(r"Flag of ([^.]+?)\.(?:svg|png|gif|jpe?g)(?=\s|$)", line, re.IGNORECASE)
    text = re.sub(r"Flag of [^.]+?" + _IMAGE_EXTENSION, " ", line, flags=re.IGNORECASE)
    # A leading file name ("MNLA flag.svg  Azawad") may contain spaces; the first
    # extension is where it ends.
    text = re.sub(r"^[^.]*?" + _IMAGE_EXTENSION, " ", text.strip(), flags=re.IGNORECASE)
    for leftover in re.findall(r"\S+" + _IMAGE_EXTENSION, text, re.IGNORECASE):
        notes.append(f"Dropped an image file name from the infobox: {_quote(leftover)}.")
    # Spaces only: the citation markers are still needed to split the sides.
    text = re.sub(r"\S+" + _IMAGE_EXTENSION, " ", text, flags=re.IGNORECASE)
    text = _SPACE_RUN.sub(" ", text).strip()
    return text or (flags[0].strip() if flags else "")


def _c_body(
    lines: list[str], notes: list[str]
) -> tuple[list[str | _Heading], tuple[ReferenceState, ...]]:
    """Lead and sections up to the references, skipping the summaries of other articles."""
    regions: dict[str, list[str]] = {"text": [], "related": [], "references": []}
    region = "text"
    contents: dict[str, tuple[str, int]] = {}
    in_contents = False
    for line in lines:
        marker = _c_marker(line)
        entry = _C_CONTENTS_ENTRY.match(line) if in_contents else None
        if marker == "contents":
            in_contents = True
            regions["text"].append("")
        elif marker:
            region = marker
        elif _C_HTML.search(line):
            # Page-title spans are link furniture; in summaries they go with the block.
            if region != "related":
                notes.append(f"Dropped a line of HTML: {_quote(line)}.")
        elif entry and _is_heading_like(entry[2]):
            # "1.2 Name": the numbering is the only record of the heading's level.
            level = min(entry[1].rstrip(".").count(".") + 2, 3)
            contents[_clean(entry[2]).casefold()] = (_clean(entry[2]), level)
        else:
            in_contents = in_contents and not line
            regions[region].append(line)
    summaries = _blocks(regions["related"])
    if summaries:
        notes.append(
            f"Dropped the 'Related Research Articles' block: {len(summaries)} paragraphs "
            f"summarising other articles, starting {_quote(_paragraph(summaries[0]))}."
        )
    items = _c_items(_blocks(regions["text"]), contents, notes)
    return items, _c_references(regions["references"], notes)


def _c_items(
    blocks: list[list[str]], contents: dict[str, tuple[str, int]], notes: list[str]
) -> list[str | _Heading]:
    """Paragraphs and headings; a flattened page marks a heading only by its shape.

    A heading listed in the table of contents is known for sure, even with its text
    directly under it, and takes its level from there.
    """
    units: list[tuple[str, bool]] = []  # (text, is a heading)
    for index, block in enumerate(blocks):
        first = _clean(block[0])
        if first.casefold() in contents:
            units.append((first, True))
            if block[1:]:
                units.append((_paragraph(block[1:]), False))
        elif len(block) == 1 and index + 1 < len(blocks) and _is_heading_like(first):
            units.append((first, True))
        else:
            units.append((_paragraph(block), False))
    items: list[str | _Heading] = []
    in_group = False
    for index, (text, is_heading) in enumerate(units):
        if not is_heading:
            items.append(text)
            continue
        key = text.casefold()
        if key in contents:
            level = contents.pop(key)[1]
        # A heading with no text of its own introduces the sub-sections that follow it.
        elif index + 1 < len(units) and units[index + 1][1]:
            level, in_group = 2, True
        elif in_group and key not in _C_TOP_LEVEL_HEADINGS:
            level = 3
        else:
            level, in_group = 2, False
        items.append(_Heading(text, level))
    for text, _level in contents.values():
        notes.append(f"A table-of-contents entry matches no heading of the page: {_quote(text)}.")
    return items


def _is_heading_like(line: str) -> bool:
    text = _clean(line)
    return (
        0 < len(text) <= 80
        and len(text.split()) <= 12
        and (text[0].isupper() or text[0].isdigit())
        and not re.search(r"[.!?,;:]$", text)
        and not _IMAGE_LINE.match(text)
    )


def _c_references(lines: list[str], notes: list[str]) -> tuple[ReferenceState, ...]:
    texts: list[str] = []
    continues = False
    for line in lines:
        if match := _C_REFERENCE.match(line):
            texts.append(_without_backlinks(match[2]))
            continues = True
        elif line and continues:
            texts[-1] = f"{texts[-1]} {line}"  # a reference wrapped onto the next line
        else:
            if line:
                notes.append(f"Could not place a line after the references: {_quote(line)}.")
            continues = False
    references = []
    for text in map(_clean, texts):
        url = URL.search(text)
        references.append(ReferenceState(text=text, url=url[0].rstrip(".,;:") if url else ""))
    return tuple(references)


def _without_backlinks(text: str) -> str:
    """Drop the "jump back" run ("1 2 3", "a b", "^") that precedes a reused reference."""
    text = re.sub(r"^\^+\s*", "", text)
    tokens = text.split(" ")
    run = 0
    for token in tokens:
        if token not in (str(run + 1), chr(ord("a") + run)):
            break
        run += 1
    if run >= 2 and len(tokens) > run:
        return " ".join(tokens[run:])
    return text
