"""Random histories for the tests of how revisions are stored: edits of an article that add,
remove, reorder and change its parts, and change them back."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

VALUES = ("14 killed", "36 killed", "14–36 killed", "")
BODIES = ("The attack began at dawn.", "The attack began at night.", "")
KEYS = ("Date", "Place", "Casualties1", "Casualties2", "Commander1")


def edits():
    """One edit of an article: a function from state to state."""
    value = st.sampled_from(VALUES)
    body = st.sampled_from(BODIES)
    index = st.integers(min_value=0, max_value=20)
    return st.one_of(
        st.tuples(st.just("infobox value"), st.sampled_from(KEYS), value),
        st.tuples(st.just("infobox remove"), st.sampled_from(KEYS), st.none()),
        st.tuples(st.just("infobox reorder"), index, st.none()),
        st.tuples(st.just("section add"), index, body),
        st.tuples(st.just("section remove"), index, st.none()),
        st.tuples(st.just("section move"), index, index),
        st.tuples(st.just("section body"), index, body),
        st.tuples(st.just("reference add"), index, st.sampled_from(("Le Monde", "RFI"))),
        st.tuples(st.just("reference remove"), index, st.none()),
        st.tuples(st.just("lead"), st.sampled_from(("First lead.", "Second lead.")), st.none()),
        st.tuples(st.just("coordinates"), st.booleans(), st.none()),
    )


def edited(state: ArticleState, edit, serial: int) -> ArticleState:
    kind, a, b = edit
    infobox, sections, references = (
        list(state.infobox),
        list(state.sections),
        list(state.references),
    )
    if kind == "infobox value":
        keys = [entry.key for entry in infobox]
        entry = InfoboxEntry(a, b)
        if a in keys:
            infobox[keys.index(a)] = entry
        else:
            infobox.append(entry)
    elif kind == "infobox remove":
        infobox = [entry for entry in infobox if entry.key != a]
    elif kind == "infobox reorder" and infobox:
        infobox.insert(0, infobox.pop(a % len(infobox)))
    elif kind == "section add":
        sections.insert(a % (len(sections) + 1), SectionState(f"Phase {serial}", 2, b))
    elif kind == "section remove" and sections:
        sections.pop(a % len(sections))
    elif kind == "section move" and sections:
        sections.insert(b % len(sections), sections.pop(a % len(sections)))
    elif kind == "section body" and sections:
        sections[a % len(sections)] = sections[a % len(sections)].replace(body=b)
    elif kind == "reference add":
        references.insert(a % (len(references) + 1), ReferenceState(f"{b}, report {serial}"))
    elif kind == "reference remove" and references:
        references.pop(a % len(references))
    elif kind == "lead":
        return state.replace(lead=a)
    elif kind == "coordinates":
        latitude = Decimal("18.443000") if a else None
        return state.replace(latitude=latitude, longitude=Decimal("1.407000") if a else None)
    return state.replace(
        infobox=tuple(infobox), sections=tuple(sections), references=tuple(references)
    )
