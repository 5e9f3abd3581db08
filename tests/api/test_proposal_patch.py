"""`PATCH /api/proposals/<id>/`: the author reworks an open proposal.

The body is a partial document, as when proposing: each part it names replaces the
proposal's own value for that part, null drops the part from the proposal, parts it omits
stay. The proposal moves onto the current revision and is pending again, unless a part it
changes was also changed since its base: then 409, and the proposal stays exactly as it
was, unless the author says they have read the current revision (`base_revision`).
"""

import pytest

from conflicts import selectors
from conflicts.changes import infobox_dict
from conflicts.citations import without_citations
from conflicts.models import Proposal
from conflicts.services.errors import ProposalConflict
from conflicts.services.proposals import proposal_withdraw
from conflicts.services.reviews import proposal_approve, proposal_reject
from tests.factories import UserFactory, propose, publish

pytestmark = pytest.mark.django_db

KIDAL = "/api/articles/second-battle-of-kidal/"
TITLE = "Second Battle of Kidal (2014)"
SWAPPED = "50 killed, 40 wounded"
SUMMARY = "Killed and wounded were swapped; the body says 50 killed"
SOURCE = "Reuters, 21 May 2014"


def url(proposal) -> str:
    return f"/api/proposals/{proposal.pk}/"


def patch(client, proposal, body):
    return client.patch(url(proposal), body, format="json")


def row(proposal) -> dict:
    """Everything stored about the proposal, as the database has it."""
    return Proposal.objects.filter(pk=proposal.pk).values().get()


def current_revision(article):
    return selectors.article_current_revision(article)


def published(article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def published_infobox(article) -> dict[str, str]:
    return infobox_dict(published(article).infobox)


def proposed(proposal):
    """The article as the proposal, as stored now, would have it."""
    return selectors.proposal_proposed_state(Proposal.objects.get(pk=proposal.pk))


def published_by_someone_else(article, changes, reviewer):
    """Bo's proposal with `changes`, approved: the article moves on under Ada's proposal."""
    return proposal_approve(
        proposal=propose(article, changes, author=UserFactory(username="bo")), reviewer=reviewer
    )


@pytest.fixture
def pending(kidal, editor):
    """Ada's pending proposal: a new title and swapped casualties, with a source."""
    return propose(
        kidal,
        {"title": TITLE, "infobox": {"Casualties1": SWAPPED}},
        author=editor,
        summary=SUMMARY,
        source=SOURCE,
    )


# --- Replacing, dropping and keeping parts --------------------------------------------------


def test_a_part_the_body_names_replaces_the_proposals_value_for_it(editor_client, pending):
    response = patch(editor_client, pending, {"infobox": {"Casualties1": "50 killed"}})

    assert response.status_code == 200
    assert response.json()["changes"]["infobox"] == {"Casualties1": "50 killed"}
    assert row(pending)["changes"]["infobox"] == {"Casualties1": "50 killed"}


def test_the_parts_the_body_omits_stay_as_the_proposal_has_them(editor_client, pending):
    patch(editor_client, pending, {"lead": "A shorter lead."})

    assert row(pending)["changes"] == {
        "title": TITLE,
        "lead": "A shorter lead.",
        "infobox": {"Casualties1": SWAPPED},
    }


def test_null_drops_a_part_from_the_proposal(editor_client, pending, kidal):
    response = patch(editor_client, pending, {"title": None})

    assert response.status_code == 200
    assert row(pending)["changes"] == {"infobox": {"Casualties1": SWAPPED}}
    assert proposed(pending).title == "Second Battle of Kidal"


def test_an_infobox_part_replaces_the_proposals_whole_infobox_change(editor_client, pending):
    """The infobox is one part: keys the body leaves out are no longer changed."""
    patch(editor_client, pending, {"infobox": {"Strength2": "400"}})

    assert row(pending)["changes"]["infobox"] == {"Strength2": "400"}
    assert proposed(pending).infobox_value("Casualties1").startswith("40 killed, 50 wounded")


def test_the_summary_and_source_stay_when_the_body_omits_them(editor_client, pending):
    body = patch(editor_client, pending, {"lead": "A shorter lead."}).json()

    assert (body["summary"], body["source"]) == (SUMMARY, SOURCE)
    assert (row(pending)["summary"], row(pending)["source"]) == (SUMMARY, SOURCE)


def test_a_new_summary_and_source_replace_the_old(editor_client, pending):
    patch(editor_client, pending, {"summary": "  Shorter  ", "source": ""})

    assert (row(pending)["summary"], row(pending)["source"]) == ("Shorter", "")


def test_the_response_is_the_proposal_as_stored(editor_client, pending):
    body = patch(editor_client, pending, {"lead": "A shorter lead."}).json()
    stored = Proposal.objects.get(pk=pending.pk)

    assert body["id"] == pending.pk
    assert body["changes"] == stored.changes
    assert body["base_revision"] == stored.base_revision_id
    assert body["status"] == "pending"


def test_sections_and_references_are_named_by_id(editor_client, pending, kidal):
    section = kidal.sections.get(heading="Malian army offensive")
    references = list(kidal.references.values_list("id", flat=True))
    body = {
        "sections": [{"id": s.id} for s in kidal.sections.exclude(pk=section.pk)]
        + [{"id": section.id, "body": "The army was routed."}],
        "references": [{"id": references[0], "text": "Le Monde, 17 May 2014."}]
        + [{"id": pk} for pk in references[1:]],
    }

    response = patch(editor_client, pending, body)

    assert response.status_code == 200, response.json()
    state = proposed(pending)
    assert [s.id for s in state.sections] == list(kidal.sections.values_list("id", flat=True))
    assert state.sections[-1].body == "The army was routed."
    assert [r.id for r in state.references] == references
    assert state.references[0].text == "Le Monde, 17 May 2014."
    assert state.references[1:] == published(kidal).references[1:]


# --- Moving onto the current revision -------------------------------------------------------


def test_patching_moves_the_proposal_onto_the_current_revision(
    editor_client, pending, kidal, reviewer
):
    published_by_someone_else(kidal, {"lead": "A lead Bo rewrote."}, reviewer)

    response = patch(editor_client, pending, {"title": "Second Battle of Kidal (May 2014)"})

    assert response.status_code == 200
    assert response.json()["base_revision"] == current_revision(kidal).revision_id
    assert row(pending)["base_revision_id"] == current_revision(kidal).pk


def test_a_change_published_since_that_does_not_clash_is_merged_in(
    editor_client, pending, kidal, reviewer
):
    published_by_someone_else(kidal, {"lead": "A lead Bo rewrote."}, reviewer)

    patch(editor_client, pending, {"title": "Second Battle of Kidal (May 2014)"})

    state = proposed(pending)
    assert state.lead == "A lead Bo rewrote."
    assert state.title == "Second Battle of Kidal (May 2014)"
    assert state.infobox_value("Casualties1") == SWAPPED
    assert "lead" not in row(pending)["changes"]


def test_a_reworked_proposal_approves_onto_the_current_article(
    editor_client, reviewer_client, pending, kidal, reviewer
):
    published_by_someone_else(kidal, {"lead": "A lead Bo rewrote."}, reviewer)
    patch(editor_client, pending, {"summary": "Swap, and date the title"})

    assert reviewer_client.post(f"{url(pending)}approve/").status_code == 200
    article = published(kidal)
    assert (article.title, article.lead) == (TITLE, "A lead Bo rewrote.")
    assert without_citations(article.infobox_value("Casualties1")) == SWAPPED


@pytest.fixture
def conflicting(pending, kidal, reviewer):
    """Ada's proposal after Bo's different Casualties1 was published: approving it
    clashed, so it is marked `conflict`."""
    published_by_someone_else(kidal, {"infobox": {"Casualties1": "45 killed"}}, reviewer)
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=pending, reviewer=reviewer)
    pending.refresh_from_db()
    assert pending.status == Proposal.Status.CONFLICT
    return pending


def test_a_conflicting_proposal_becomes_pending_again(editor_client, conflicting, kidal):
    response = patch(
        editor_client,
        conflicting,
        {"infobox": {"Casualties1": "50 killed"}, "base_revision": current_revision(kidal).pk},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "pending"
    assert response.json()["conflicts"] == []
    assert row(conflicting)["status"] == "pending"


# --- Clashes --------------------------------------------------------------------------------


def test_changing_a_part_also_changed_since_is_a_409_naming_it(
    editor_client, pending, kidal, reviewer
):
    published_by_someone_else(kidal, {"infobox": {"Casualties1": "45 killed"}}, reviewer)

    response = patch(editor_client, pending, {"infobox": {"Casualties1": "50 killed"}})

    assert response.status_code == 409
    assert response.json()["conflicts"] == ["infobox: Casualties1"]
    assert "Casualties1" in response.json()["detail"]


def test_a_409_leaves_the_proposal_exactly_as_it_was(editor_client, conflicting):
    before = row(conflicting)

    response = patch(
        editor_client,
        conflicting,
        {"infobox": {"Casualties1": "50 killed"}, "summary": "New", "title": None},
    )

    assert response.status_code == 409
    assert row(conflicting) == before


def test_a_clash_in_a_part_the_body_does_not_name_is_a_409_too(editor_client, conflicting):
    """The proposal still changes Casualties1, which changed since its base."""
    response = patch(editor_client, conflicting, {"lead": "A shorter lead."})

    assert response.status_code == 409
    assert response.json()["conflicts"] == ["infobox: Casualties1"]


def test_dropping_the_clashing_part_settles_the_clash(editor_client, conflicting, kidal):
    response = patch(editor_client, conflicting, {"infobox": None})

    assert response.status_code == 200
    assert row(conflicting)["changes"] == {"title": TITLE}
    assert proposed(conflicting).infobox_value("Casualties1") == "45 killed"


def test_sending_its_own_stale_base_revision_still_refuses_a_clash(
    editor_client, conflicting, kidal
):
    base = conflicting.base_revision_id
    before = row(conflicting)

    response = patch(editor_client, conflicting, {"lead": "Shorter.", "base_revision": base})

    assert response.status_code == 409
    assert row(conflicting) == before


def test_with_the_current_revision_as_base_the_authors_value_wins(
    editor_client, conflicting, kidal
):
    current = current_revision(kidal)

    response = patch(
        editor_client,
        conflicting,
        {"infobox": {"Casualties1": "50 killed, 45 wounded"}, "base_revision": current.pk},
    )

    assert response.status_code == 200
    assert response.json()["base_revision"] == current.pk
    assert proposed(conflicting).infobox_value("Casualties1") == "50 killed, 45 wounded"
    assert proposed(conflicting).title == TITLE


def test_with_the_current_revision_as_base_an_unnamed_clashing_part_keeps_the_authors_value(
    editor_client, conflicting, kidal
):
    response = patch(editor_client, conflicting, {"base_revision": current_revision(kidal).pk})

    assert response.status_code == 200
    assert proposed(conflicting).infobox_value("Casualties1") == SWAPPED


def test_with_the_current_revision_as_base_parts_are_read_against_it(
    editor_client, pending, kidal, reviewer
):
    """An infobox key Bo added since Ada's base can be removed by her patch."""
    published_by_someone_else(kidal, {"infobox": {"Territory": "Kidal held by the MNLA"}}, reviewer)

    response = patch(
        editor_client,
        pending,
        {
            "infobox": {"Casualties1": SWAPPED, "Territory": None},
            "base_revision": current_revision(kidal).pk,
        },
    )

    assert response.status_code == 200, response.json()
    assert "Territory" not in infobox_dict(proposed(pending).infobox)


def test_a_conflicting_proposal_reworked_and_approved_publishes_all_it_changes(
    editor_client, reviewer_client, conflicting, kidal
):
    """Its clean change (the title) and its clashing one, settled by the author."""
    patch(
        editor_client,
        conflicting,
        {
            "infobox": {"Casualties1": "50 killed, 45 wounded"},
            "base_revision": current_revision(kidal).pk,
        },
    )

    response = reviewer_client.post(f"{url(conflicting)}approve/")

    assert response.status_code == 200, response.json()
    assert published(kidal).title == TITLE
    assert without_citations(published_infobox(kidal)["Casualties1"]) == "50 killed, 45 wounded"
    assert row(conflicting)["status"] == "approved"


# --- Refused bodies ---------------------------------------------------------------------------


def test_a_base_revision_neither_current_nor_the_proposals_own_is_a_400(
    editor_client, pending, kidal, reviewer
):
    in_between = published_by_someone_else(kidal, {"lead": "Bo's lead."}, reviewer)
    published_by_someone_else(kidal, {"infobox": {"Strength2": "400"}}, reviewer)
    before = row(pending)

    response = patch(editor_client, pending, {"lead": "Mine.", "base_revision": in_between.pk})

    assert response.status_code == 400
    assert "base_revision" in response.json()["errors"]
    assert row(pending) == before


@pytest.mark.parametrize("revision", ["elsewhere", "unknown"])
def test_a_base_revision_of_no_revision_of_this_article_is_a_400(editor_client, pending, revision):
    revision_id = publish().pk if revision == "elsewhere" else 999_999
    before = row(pending)

    response = patch(editor_client, pending, {"lead": "Mine.", "base_revision": revision_id})

    assert response.status_code == 400
    assert "base_revision" in response.json()["errors"]
    assert row(pending) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"infobx": {"Strength2": "400"}}, "infobx"),
        ({"lead": ["A", "list"]}, "lead"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"infobox": ["Casualties1", "50 killed"]}, "infobox"),
        ({"infobox": {"Casualties1": {"killed": 50}}}, "infobox"),
        ({"infobox": {"Notes": None}}, "infobox"),
        ({"infobox_order": "Date"}, "infobox_order"),
        ({"sections": [{"heading": "Siege", "level": 4}]}, "sections"),
        ({"sections": [{"id": 999_999, "body": "Nowhere"}]}, "sections"),
        ({"sections": [{"body": "A new section without a heading"}]}, "sections"),
        ({"references": [{"text": "Le Monde", "url": "not a url"}]}, "references"),
        ({"references": [{"txt": "Le Monde"}]}, "references"),
        ({"coordinates": {"lat": 91, "lon": 0}}, "coordinates"),
        ({"coordinates": {"lat": 18, "lon": 1, "alt": 500}}, "coordinates"),
        ({"summary": None}, "summary"),
        ({"summary": ""}, "summary"),
        ({"summary": "s" * 501}, "summary"),
        ({"base_revision": "current"}, "base_revision"),
        ({"base_revision": None}, "base_revision"),
    ],
    ids=[
        "unknown-part",
        "lead-list",
        "empty-title",
        "blank-title",
        "infobox-list",
        "infobox-object",
        "remove-missing-infobox-key",
        "infobox-order-text",
        "section-level-4",
        "unknown-section-id",
        "new-section-without-heading",
        "reference-bad-url",
        "reference-misspelt-field",
        "latitude-91",
        "coordinates-extra-key",
        "null-summary",
        "empty-summary",
        "summary-501",
        "base-revision-word",
        "base-revision-null",
    ],
)
def test_a_bad_body_is_a_400_naming_the_field_and_changes_nothing(
    editor_client, pending, body, field
):
    before = row(pending)

    response = patch(editor_client, pending, body)

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert row(pending) == before


def test_a_body_that_is_not_an_object_is_a_400(editor_client, pending):
    response = patch(editor_client, pending, ["title", TITLE])

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_dropping_every_part_leaves_nothing_to_review(editor_client, pending):
    before = row(pending)

    response = patch(editor_client, pending, {"title": None, "infobox": None})

    assert response.status_code == 400
    assert "nothing to review" in " ".join(response.json()["errors"]["non_field_errors"])
    assert row(pending) == before


def test_changing_every_part_back_to_the_published_value_leaves_nothing_to_review(
    editor_client, pending, kidal
):
    article = published(kidal)

    response = patch(
        editor_client,
        pending,
        {"title": article.title, "infobox": {"Casualties1": article.infobox_value("Casualties1")}},
    )

    assert response.status_code == 400
    assert "nothing to review" in " ".join(response.json()["errors"]["non_field_errors"])


def test_a_change_another_proposal_already_published_leaves_nothing_to_review(
    editor_client, kidal, editor, reviewer
):
    mine = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
    published_by_someone_else(kidal, {"infobox": {"Strength2": "400"}}, reviewer)

    response = patch(editor_client, mine, {})

    assert response.status_code == 400
    assert "nothing to review" in " ".join(response.json()["errors"]["non_field_errors"])


def test_put_is_not_offered(editor_client, pending):
    response = editor_client.put(url(pending), {"title": TITLE}, format="json")

    assert response.status_code == 405


# --- Who may, and when ----------------------------------------------------------------------


def test_a_reviewer_cannot_patch_someone_elses_proposal(reviewer_client, pending):
    before = row(pending)

    response = patch(reviewer_client, pending, {"lead": "A reviewer's lead."})

    assert response.status_code == 403
    assert row(pending) == before


@pytest.mark.parametrize(
    "body",
    [{"base_revision": 0}, {"title": ""}, {"infobx": "x"}, {"title": None}],
    ids=["foreign-base-revision", "empty-title", "unknown-part", "drop-the-title"],
)
def test_a_reviewer_gets_a_403_whatever_the_body(reviewer_client, pending, body):
    """Who may comes first: the body of a request that may not be made is not read."""
    before = row(pending)

    response = patch(reviewer_client, pending, body)

    assert response.status_code == 403
    assert row(pending) == before


def test_a_reviewer_patches_their_own_proposal(reviewer_client, reviewer, kidal):
    own = propose(kidal, {"infobox": {"Strength2": "400"}}, author=reviewer)

    response = patch(reviewer_client, own, {"infobox": {"Strength2": "about 400"}})

    assert response.status_code == 200
    assert row(own)["changes"] == {"infobox": {"Strength2": "about 400"}}


def test_another_editor_gets_a_404(token_client, pending):
    before = row(pending)

    response = patch(token_client(UserFactory(username="bo")), pending, {"lead": "Bo's."})

    assert response.status_code == 404
    assert row(pending) == before


def test_an_anonymous_reader_gets_a_404(api_client, pending):
    before = row(pending)

    response = patch(api_client, pending, {"lead": "Anyone's."})

    assert response.status_code == 404
    assert row(pending) == before


def test_an_unknown_proposal_is_a_404(editor_client, db):
    assert editor_client.patch("/api/proposals/999999/", {}, format="json").status_code == 404


def test_a_withdrawn_proposal_cannot_be_patched(editor_client, pending, editor):
    proposal_withdraw(proposal=pending, user=editor)
    before = row(pending)

    response = patch(editor_client, pending, {"lead": "Mine after all."})

    assert response.status_code == 409
    assert "withdrawn" in response.json()["detail"]
    assert row(pending) == before


def test_a_rejected_proposal_cannot_be_patched(editor_client, pending, reviewer):
    proposal_reject(proposal=pending, reviewer=reviewer, reason="Unsourced.")

    assert patch(editor_client, pending, {"lead": "Sourced now."}).status_code == 409
    assert row(pending)["status"] == "rejected"


def test_an_approved_proposal_cannot_be_patched(editor_client, pending, reviewer, kidal):
    revision = proposal_approve(proposal=pending, reviewer=reviewer)
    before = row(pending)

    response = patch(editor_client, pending, {"lead": "One more thing."})

    assert response.status_code == 409
    assert row(pending) == before
    assert current_revision(kidal) == revision


def test_an_approved_proposal_patched_anonymously_is_a_401(api_client, pending, reviewer):
    proposal_approve(proposal=pending, reviewer=reviewer)

    response = patch(api_client, pending, {"lead": "Anyone's."})

    assert response.status_code == 401
    assert row(pending)["status"] == "approved"


def test_patching_publishes_nothing(editor_client, api_client, pending):
    before = api_client.get(KIDAL).json()

    patch(editor_client, pending, {"lead": "Not yet reviewed."})

    assert api_client.get(KIDAL).json() == before
