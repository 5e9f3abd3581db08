"""Citations in an article's text (the lead, the sections, the infobox values):
`[[ref:17]]` cites the reference whose id is 17, and keeps citing it wherever it moves in
the list; `[[ref:#3]]` cites the third reference of the list as it is written, for a
reference that has no id yet (an import, or a reference added in the same correction),
and becomes `[[ref:<id>]]` when the article is published. A pure module (no Django).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from conflicts.document import ArticleState, InfoboxEntry, ReferenceState

CITATION = re.compile(r"\[\[ref:(?P<positional>#?)(?P<number>\d{1,18})\]\]")


@dataclass(frozen=True)
class Citation:
    """A citation in a text, from `start` to `end`: of reference id `number`, or, when
    `positional`, of the `number`-th reference of the list."""

    start: int
    end: int
    number: int
    positional: bool

    def syntax(self) -> str:
        return f"[[ref:{'#' if self.positional else ''}{self.number}]]"


def citations_in(text: str) -> Iterator[Citation]:
    """The citations of `text`, in order."""
    for found in CITATION.finditer(text):
        yield Citation(found.start(), found.end(), int(found["number"]), bool(found["positional"]))


def without_citations(text: str) -> str:
    """`text` with its citations left out: what a reader of the words alone reads."""
    return CITATION.sub("", text)


def by_id(text: str, reference_ids: Sequence[int | None]) -> str:
    """`text` with each `[[ref:#n]]` written `[[ref:<id>]]`, `reference_ids` being the ids
    of the references in order; one past the list, or of a reference with no id yet
    (None), is left as it is."""

    def written(found: re.Match) -> str:
        number = int(found["number"])
        if found["positional"] and 1 <= number <= len(reference_ids):
            pk = reference_ids[number - 1]
            return found.group(0) if pk is None else f"[[ref:{pk}]]"
        return found.group(0)

    return CITATION.sub(written, text)


def state_cited_by_id(state: ArticleState) -> ArticleState:
    """`state` with its citations by number written by id (`by_id`) wherever the
    reference cited has an id: in the lead, the sections and the infobox values."""
    ids = [reference.id for reference in state.references]
    return state.replace(
        lead=by_id(state.lead, ids),
        sections=tuple(
            section.replace(body=by_id(section.body, ids)) for section in state.sections
        ),
        infobox=tuple(InfoboxEntry(e.key, by_id(e.value, ids)) for e in state.infobox),
    )


def cited(text: str, citation: str) -> str:
    """`text` citing `citation` (`[[ref:…]]` syntax) at its end, unless it does already."""
    return text if citation in text else f"{text}{citation}"


# A web address in running text, as references and sources give one.
URL = re.compile(r"https?://[^\s<>\"'\]]+")


def state_with_source(state: ArticleState, source: str, keys: Iterable[str]) -> ArticleState:
    """`state` with `source` among its references (added at the end unless a reference
    says exactly that) and each infobox value of `keys` citing it: how a correction's
    source becomes the source of the fields it changed."""
    source = source.strip()
    keys = set(keys)
    if not source or not keys & {entry.key for entry in state.infobox}:
        return state
    references = list(state.references)
    number = next((n for n, r in enumerate(references, 1) if r.text == source), None)
    if number is None:
        url = URL.search(source)
        references.append(ReferenceState(text=source, url=url[0].rstrip(".,;:)") if url else ""))
        number = len(references)
    pk = references[number - 1].id
    citation = f"[[ref:{pk}]]" if pk is not None else f"[[ref:#{number}]]"
    return state.replace(
        references=tuple(references),
        infobox=tuple(
            InfoboxEntry(entry.key, cited(entry.value, citation)) if entry.key in keys else entry
            for entry in state.infobox
        ),
    )


def sources_cited(text: str, references: Sequence[ReferenceState]) -> str:
    """The references `text` cites, by id or by number, written out as one source: each
    reference's text and address (when its text does not give it), in the order cited."""
    by_number = dict(enumerate(references, 1))
    by_pk = {reference.id: reference for reference in references if reference.id is not None}
    written: list[str] = []
    for citation in citations_in(text):
        reference = (by_number if citation.positional else by_pk).get(citation.number)
        if reference is None:
            continue
        source = reference.text
        if reference.url and reference.url not in source:
            source = f"{source} {reference.url}"
        if source not in written:
            written.append(source)
    return "; ".join(written)


def has_citations_by_number(state: ArticleState) -> bool:
    texts = [
        state.lead,
        *(section.body for section in state.sections),
        *(entry.value for entry in state.infobox),
    ]
    return any(citation.positional for text in texts for citation in citations_in(text))


def citation_problems(text: str, reference_ids: Sequence[int | None]) -> list[str]:
    """What is wrong with the citations of `text` in an article whose references have
    these ids, in order (None for one not stored yet): a citation of a reference it does
    not have, by id or by number."""
    known = {pk for pk in reference_ids if pk is not None}
    problems = []
    for citation in citations_in(text):
        if citation.positional and not 1 <= citation.number <= len(reference_ids):
            problems.append(
                f"{citation.syntax()} cites reference {citation.number}, and the article has "
                f"{len(reference_ids)}"
            )
        elif not citation.positional and citation.number not in known:
            problems.append(
                f"{citation.syntax()} cites a reference the article does not have (removed?)"
            )
    return problems


def reference_numbers(reference_ids: Sequence[int | None]) -> dict[int, int]:
    """Each stored reference's number as readers see it: its place in the list, from 1."""
    return {pk: number for number, pk in enumerate(reference_ids, 1) if pk is not None}
