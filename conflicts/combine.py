"""Combining two articles' content, for a merge: what one says that the other does not,
added to the other. A pure module (no Django).
"""

from __future__ import annotations

from conflicts.citations import CITATION
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState


def state_combined(target: ArticleState, source: ArticleState) -> ArticleState:
    """`target` with what `source` has and it lacks: the infobox fields of keys it does
    not have, the sections (by heading and text) and the references (by text and address)
    it does not hold, each at the end, in `source`'s order. Its title, lead and
    coordinates stay `target`'s, except a lead or coordinates it lacks.

    `source`'s citations keep citing the same references: by id where `target` holds the
    reference already, by number (`[[ref:#n]]`) where it is added, as a new reference
    with no id yet is cited until it is published.
    """
    references = list(target.references)
    held = {(r.text, r.url): number for number, r in enumerate(references, 1)}
    citation_of: dict[int, str] = {}
    for reference in source.references:
        number = held.get((reference.text, reference.url))
        if number is None:
            references.append(ReferenceState(text=reference.text, url=reference.url))
            number = held[(reference.text, reference.url)] = len(references)
        pk = references[number - 1].id
        if reference.id is not None:
            citation_of[reference.id] = f"[[ref:{pk}]]" if pk is not None else f"[[ref:#{number}]]"

    def recited(text: str) -> str:
        return _recited(text, citation_of)

    keys = {entry.key for entry in target.infobox}
    infobox = target.infobox + tuple(
        InfoboxEntry(entry.key, recited(entry.value))
        for entry in source.infobox
        if entry.key not in keys
    )
    written = {(section.heading, section.body) for section in target.sections}
    sections = target.sections + tuple(
        SectionState(heading=section.heading, level=section.level, body=recited(section.body))
        for section in source.sections
        if (section.heading, recited(section.body)) not in written
        and (section.heading, section.body) not in written
    )
    has_place = target.latitude is not None
    return target.replace(
        lead=target.lead or recited(source.lead),
        infobox=infobox,
        sections=sections,
        references=tuple(references),
        latitude=target.latitude if has_place else source.latitude,
        longitude=target.longitude if has_place else source.longitude,
    )


def _recited(text: str, citation_of: dict[int, str]) -> str:
    """`text` with each citation of one of `source`'s references by id written as
    `citation_of` says. A published text cites by id alone; any other citation would
    point at a reference of the wrong list, so it is left out."""
    return CITATION.sub(
        lambda found: citation_of.get(int(found["number"]), "") if not found["positional"] else "",
        text,
    )
