"""The JSON of a diff and of a proposal's changes: what the serializers make of the pure
modules' results (no database)."""

import json
from decimal import Decimal

from conflicts.api.serializers import ArticleDiffSerializer, ProposalChangesSerializer
from conflicts.changes import changes_between
from conflicts.diff import diff_articles, word_diff
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

AFTERMATH = "Thirty-six Malian gendarmes were killed during the raid."
REACTIONS = "The government in Bamako declared a state of emergency."


def _article(**changes) -> ArticleState:
    """The 1990 Ménaka raid, shortened; keyword arguments replace fields."""
    article = ArticleState(
        title="1990 Ménaka raid",
        lead="Tuareg rebels attacked the Malian Army outpost at Ménaka.",
        infobox=(
            InfoboxEntry("Place", "Ménaka, Mali"),
            InfoboxEntry("Casualties1", "40 killed, 50 wounded"),
        ),
        sections=(
            SectionState("Raid", 2, "Fighters arrived on the outskirts.", id=1),
            SectionState("Aftermath", 2, AFTERMATH, id=2),
            SectionState("Reactions", 2, REACTIONS, id=3),
        ),
        references=(ReferenceState("Lecocq, Baz. Disputed Desert (2010).", id=1),),
        latitude=Decimal("15.9182"),
        longitude=Decimal("2.4022"),
    )
    return article.replace(**changes)


def _json(data):
    """`data` as a client receives it."""
    return json.loads(json.dumps(data))


def test_a_diff_has_word_runs_of_op_and_text_and_coordinates_as_exact_decimal_strings():
    old = _article()
    new = old.replace(
        title="1990 Menaka raid",
        infobox=(old.infobox[0], InfoboxEntry("Casualties1", "50 killed, 40 wounded")),
        sections=(old.sections[0], SectionState("Aftermath", 3, AFTERMATH, id=2)),
        references=(*old.references, ReferenceState("Keita (1998).")),
        latitude=None,
        longitude=None,
    )

    data = _json(ArticleDiffSerializer(diff_articles(old, new)).data)

    assert data["title"] == [
        {"op": "equal", "text": "1990 "},
        {"op": "delete", "text": "Ménaka"},
        {"op": "insert", "text": "Menaka"},
        {"op": "equal", "text": " raid"},
    ]
    assert data["lead"] is None
    assert data["infobox"] == [
        {
            "key": "Casualties1",
            "old": "40 killed, 50 wounded",
            "new": "50 killed, 40 wounded",
            "change": "changed",
            "runs": [
                {"op": run.op, "text": run.text}
                for run in word_diff("40 killed, 50 wounded", "50 killed, 40 wounded")
            ],
        }
    ]
    assert data["sections"] == [
        {
            "heading": "Aftermath",
            "change": "changed",
            "moved": False,
            "old_level": 2,
            "new_level": 3,
            "heading_runs": [{"op": "equal", "text": "Aftermath"}],
            "body_runs": [{"op": "equal", "text": AFTERMATH}],
        },
        {
            "heading": "Reactions",
            "change": "removed",
            "moved": False,
            "old_level": 2,
            "new_level": None,
            "heading_runs": [{"op": "delete", "text": "Reactions"}],
            "body_runs": [{"op": "delete", "text": REACTIONS}],
        },
    ]
    assert data["references"] == [{"change": "added", "text": "Keita (1998).", "url": ""}]
    assert data["coordinates"] == {"old": {"lat": "15.9182", "lon": "2.4022"}, "new": None}
    assert (data["is_empty"], data["changed_fields"]) == (False, 6)


def test_an_added_infobox_key_has_a_null_old_value_and_an_added_section_a_null_old_level():
    old = _article()
    new = old.replace(
        infobox=(*old.infobox, InfoboxEntry("Result", "MPLA victory")),
        sections=(*old.sections, SectionState("Legacy", 3, "It began the rebellion.")),
    )

    data = _json(ArticleDiffSerializer(diff_articles(old, new)).data)

    assert [(c["key"], c["old"], c["new"], c["change"]) for c in data["infobox"]] == [
        ("Result", None, "MPLA victory", "added")
    ]
    assert [
        (s["heading"], s["change"], s["old_level"], s["new_level"]) for s in data["sections"]
    ] == [("Legacy", "added", None, 3)]


def test_a_moved_section_is_changed_and_moved_with_its_text_unchanged():
    old = _article()
    raid, aftermath, reactions = old.sections

    data = _json(
        ArticleDiffSerializer(
            diff_articles(old, old.replace(sections=(raid, reactions, aftermath)))
        ).data
    )

    (moved,) = data["sections"]
    assert (moved["change"], moved["moved"]) == ("changed", True)
    assert {run["op"] for run in moved["heading_runs"] + moved["body_runs"]} == {"equal"}


def test_coordinates_are_never_written_in_exponent_notation():
    old = _article(latitude=Decimal("1E+1"), longitude=None)

    data = _json(ArticleDiffSerializer(diff_articles(old, _article())).data)

    assert data["coordinates"] == {
        "old": {"lat": "10", "lon": None},
        "new": {"lat": "15.9182", "lon": "2.4022"},
    }


def test_an_empty_diff_has_no_changes():
    data = _json(ArticleDiffSerializer(diff_articles(_article(), _article())).data)

    assert data == {
        "is_empty": True,
        "changed_fields": 0,
        "changed_characters": 0,
        "title": None,
        "lead": None,
        "infobox": [],
        "sections": [],
        "references": [],
        "coordinates": None,
    }


def test_a_proposals_changes_are_its_partial_document_exactly():
    base = _article()
    raid, aftermath, _ = base.sections
    changes = changes_between(
        base,
        base.replace(
            title="Raid on Ménaka",
            lead="",
            infobox=(InfoboxEntry("Result", "Victory"), InfoboxEntry("Casualties1", "50 killed")),
            sections=(
                aftermath.replace(body="Gendarmes were killed."),
                raid,
                SectionState("Legacy", 3, ""),
            ),
            references=(*base.references, ReferenceState("Keita (1998).", "https://example.org/")),
            latitude=Decimal("16.5712"),
            longitude=Decimal("-0.5"),
        ),
    )
    assert set(changes) == {
        "title",
        "lead",
        "infobox",
        "infobox_order",
        "sections",
        "references",
        "coordinates",
    }  # every part, so that each is checked

    assert _json(ProposalChangesSerializer(changes).data) == changes


def test_a_proposals_changes_leave_out_the_parts_it_does_not_change():
    changes = {"infobox": {"Casualties1": "50 killed", "Place": None}}

    assert _json(ProposalChangesSerializer(changes).data) == changes


def test_a_proposal_removing_the_coordinates_has_them_null():
    assert _json(ProposalChangesSerializer({"coordinates": None}).data) == {"coordinates": None}
