"""Editors and reviewers through the API: tokens, proposing, following proposals, and
approving, rejecting and withdrawing them."""

from urllib.parse import urlencode

import pytest
from django.http import HttpRequest
from rest_framework.test import APIClient

from accounts.models import ApiToken
from conflicts import selectors
from conflicts.models import Proposal
from conflicts.services.reviews import proposal_reject
from tests.factories import PASSWORD, UserFactory, propose, publish

pytestmark = pytest.mark.django_db

KIDAL = "/api/articles/second-battle-of-kidal/"
PROPOSE = f"{KIDAL}proposals/"
PROPOSALS = "/api/proposals/"
REUTERS = "https://www.reuters.com/article/mali-kidal-idUSL6N0O74DA20140521"
CASUALTIES = "40 killed, 50 wounded, 70 captured, 50 vehicles captured"
SWAP = {
    "summary": "The body says 50 killed and 40 wounded",
    "infobox": {"Casualties1": "50 killed"},
}


def proposal_url(proposal, action: str = "") -> str:
    pk = getattr(proposal, "pk", proposal)
    return f"{PROPOSALS}{pk}/{action + '/' if action else ''}"


def status_of(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


@pytest.fixture
def pending(kidal, editor):
    """Ada's pending proposal to change Kidal's Casualties1."""
    return propose(kidal, {"infobox": {"Casualties1": "50 killed"}}, author=editor)


# --- Tokens ---------------------------------------------------------------------------------


def test_a_username_and_password_get_a_new_token_of_the_account(api_client, editor):
    response = api_client.post(
        "/api/auth/token/", {"username": "ada", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    assert ApiToken.objects.get(pk=response.json()["id"]).user == editor
    assert response.json()["name"] == "API token"


def test_the_token_opens_the_api_to_its_account(api_client, editor):
    token = api_client.post(
        "/api/auth/token/", {"username": "ada", "password": PASSWORD}, format="json"
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert api_client.get(PROPOSALS).status_code == 200


def test_a_wrong_password_gets_no_token(api_client, editor):
    response = api_client.post(
        "/api/auth/token/", {"username": "ada", "password": "wrong"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()
    assert response.json()["errors"]["non_field_errors"]


def test_an_unknown_token_is_a_401(api_client, db):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.get(PROPOSALS).status_code == 401


# --- JSON bodies ----------------------------------------------------------------------------

FORM_POSTS = {
    "urlencoded": lambda client, url, data: client.post(
        url, urlencode(data), content_type="application/x-www-form-urlencoded"
    ),
    "multipart": lambda client, url, data: client.post(url, data, format="multipart"),
}


@pytest.mark.parametrize("post", FORM_POSTS.values(), ids=FORM_POSTS.keys())
def test_a_token_request_sent_as_a_form_is_a_415_in_the_json_error_shape(api_client, editor, post):
    response = post(api_client, "/api/auth/token/", {"username": "ada", "password": PASSWORD})

    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]
    assert response.json()["detail"].startswith("Unsupported media type")
    assert not ApiToken.objects.filter(user=editor).exists()


@pytest.mark.parametrize("post", FORM_POSTS.values(), ids=FORM_POSTS.keys())
def test_a_proposal_sent_as_a_form_is_a_415_in_the_json_error_shape(editor_client, kidal, post):
    response = post(editor_client, PROPOSE, {"summary": SWAP["summary"]})

    assert response.status_code == 415
    assert list(response.json()) == ["detail"]
    assert not Proposal.objects.exists()


def test_every_request_body_in_the_schema_is_json_alone(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    bodies = {
        (method, path): list(operation["requestBody"]["content"])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    }

    assert ("post", "/api/auth/token/") in bodies
    assert {key: types for key, types in bodies.items() if types != ["application/json"]} == {}


# --- Proposing ------------------------------------------------------------------------------


def test_an_anonymous_proposal_is_a_401(api_client, kidal):
    response = api_client.post(PROPOSE, SWAP, format="json")

    assert response.status_code == 401
    assert not Proposal.objects.exists()


def test_an_editor_proposes_a_change_that_waits_for_review(editor_client, kidal):
    response = editor_client.post(PROPOSE, SWAP, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["author"] == "ada"
    assert body["article"] == kidal.slug
    assert body["base_revision"] == selectors.article_current_revision(kidal).revision_id
    assert body["changes"] == {"infobox": {"Casualties1": "50 killed"}}
    assert Proposal.objects.get(pk=body["id"]).status == Proposal.Status.PENDING


def test_proposing_leaves_the_article_as_it_was(editor_client, api_client, kidal):
    before = api_client.get(KIDAL).json()

    editor_client.post(PROPOSE, SWAP, format="json")

    assert api_client.get(KIDAL).json() == before


def test_changes_hold_only_what_differs_from_the_base(editor_client, kidal):
    payload = {
        "summary": "Swap, and keep the rest",
        "infobox": {"Casualties1": "50 killed", "Combatant1": "Mali"},  # Mali: unchanged
        "lead": selectors.article_state(kidal).lead,  # unchanged
    }

    body = editor_client.post(PROPOSE, payload, format="json").json()

    assert body["changes"] == {"infobox": {"Casualties1": "50 killed"}}


def test_a_proposal_can_replace_sections_and_coordinates(editor_client, kidal):
    sections = list(kidal.sections.values("id", "heading", "level", "body"))
    sections[0]["body"] = "Three days of fighting."
    payload = {
        "summary": "Describe the battle, fix the coordinates",
        "sections": sections,
        "coordinates": {"lat": 18.44, "lon": 1.41},
    }

    response = editor_client.post(PROPOSE, payload, format="json")

    assert response.status_code == 201
    changes = response.json()["changes"]
    assert changes["sections"][0]["body"] == "Three days of fighting."
    assert changes["coordinates"] == {"lat": "18.440000", "lon": "1.410000"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"summary": "", "infobox": {"Casualties1": "50 killed"}}, "summary"),
        ({"summary": "   ", "infobox": {"Casualties1": "50 killed"}}, "summary"),
        ({"infobox": {"Casualties1": "50 killed"}}, "summary"),
        ({"summary": "s", "title": "T" * 201}, "title"),
        ({"summary": "s", "title": ""}, "title"),
        ({"summary": "s", "infobox": {"Casualties1": "9" * 2001}}, "infobox"),
        ({"summary": "s", "infobox": {"Casualties1": True}}, "infobox"),
        ({"summary": "s", "infobox": ["Casualties1", "50 killed"]}, "infobox"),
        ({"summary": "s", "infobox": {"Notes": None}}, "infobox"),
        ({"summary": "s", "sections": "The battle"}, "sections"),
        ({"summary": "s", "sections": [{"heading": "Siege", "level": 4}]}, "sections"),
        ({"summary": "s", "sections": [{"body": "No heading"}]}, "sections"),
        (
            {"summary": "s", "sections": [{"id": 999999, "heading": "Siege", "body": ""}]},
            "sections",
        ),
        ({"summary": "s", "references": [{"text": "Le Monde", "url": "not a url"}]}, "references"),
        ({"summary": "s", "coordinates": {"lat": 91, "lon": 0}}, "coordinates"),
        ({"summary": "s", "coordinates": {"lat": 18}}, "coordinates"),
        ({"summary": "s", "base_revision": "first"}, "base_revision"),
        ({"summary": "s\x00", "lead": "New lead."}, "summary"),
        ({"summary": "s", "lead": "New\x00lead."}, "lead"),
    ],
    ids=[
        "empty-summary",
        "blank-summary",
        "no-summary",
        "title-201",
        "empty-title",
        "infobox-value-2001",
        "infobox-value-boolean",
        "infobox-list",
        "remove-missing-infobox-key",
        "sections-not-a-list",
        "section-level-4",
        "section-without-heading",
        "unknown-section-id",
        "reference-bad-url",
        "latitude-91",
        "coordinates-half",
        "base-revision-word",
        "nul-in-summary",
        "nul-in-lead",
    ],
)
def test_a_bad_proposal_is_a_400_naming_the_field(editor_client, kidal, payload, field):
    response = editor_client.post(PROPOSE, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Proposal.objects.exists()


def test_a_bad_proposal_says_what_is_wrong(editor_client, kidal):
    payload = {"summary": "s", "sections": [{"id": 999999, "heading": "Siege", "body": ""}]}

    body = editor_client.post(PROPOSE, payload, format="json").json()

    assert body["detail"] == "The request is not valid."
    assert "999999" in " ".join(body["errors"]["sections"])


def test_an_unknown_top_level_key_is_a_400_naming_it(editor_client, kidal):
    response = editor_client.post(PROPOSE, {**SWAP, "infobx": {"Strength2": "400"}}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"infobx": ["Not a part of a proposal."]}
    assert not Proposal.objects.exists()


def test_a_proposal_identical_to_the_current_version_is_a_400(editor_client, kidal):
    payload = {"summary": "Same again", "infobox": {"Combatant2": "Azawad"}}

    response = editor_client.post(PROPOSE, payload, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]
    assert not Proposal.objects.exists()


def test_a_base_revision_of_another_article_is_a_400(editor_client, kidal):
    elsewhere = publish()

    response = editor_client.post(
        PROPOSE, {**SWAP, "base_revision": elsewhere.revision_id}, format="json"
    )

    assert response.status_code == 400
    assert "base_revision" in response.json()["errors"]


def test_a_base_revision_of_this_article_is_kept(editor_client, kidal):
    base = selectors.article_current_revision(kidal).revision_id

    response = editor_client.post(PROPOSE, {**SWAP, "base_revision": base}, format="json")

    assert response.json()["base_revision"] == base


def test_proposing_to_an_unknown_article_is_a_404(editor_client, db):
    response = editor_client.post("/api/articles/battle-of-nowhere/proposals/", SWAP, format="json")

    assert response.status_code == 404


def test_a_proposal_body_that_is_not_json_is_a_415(editor_client, kidal):
    response = editor_client.post(PROPOSE, "summary=s", content_type="text/plain")

    assert response.status_code == 415


# --- Following proposals --------------------------------------------------------------------


@pytest.fixture
def several(kidal, editor, reviewer, seed_articles):
    """Ada's pending proposal to Kidal and rejected one to the 1990 raid; Bo's pending one."""
    mine = propose(kidal, {"infobox": {"Casualties1": "50 killed"}}, author=editor)
    raid = seed_articles["1990-menaka-raid"]
    rejected = propose(raid, {"infobox": {"Casualties1": "36 killed"}}, author=editor)
    proposal_reject(proposal=rejected, reviewer=reviewer, reason="The sources say 14 to 36.")
    theirs = propose(kidal, {"infobox": {"Strength2": "400"}}, author=UserFactory(username="bo"))
    return {"mine": mine, "rejected": rejected, "theirs": theirs}


def listed_ids(client, **params) -> set[int]:
    response = client.get(PROPOSALS, params)
    assert response.status_code == 200, response.content
    return {proposal["id"] for proposal in response.json()["results"]}


def test_an_editor_lists_only_their_own_proposals(editor_client, several):
    assert listed_ids(editor_client) == {several["mine"].pk, several["rejected"].pk}


def test_a_reviewer_lists_everyones_proposals(reviewer_client, several):
    assert listed_ids(reviewer_client) == {p.pk for p in several.values()}


def test_the_review_queue_is_the_pending_proposals(reviewer_client, several):
    assert listed_ids(reviewer_client, status="pending") == {
        several["mine"].pk,
        several["theirs"].pk,
    }


def test_proposals_can_be_listed_per_article(reviewer_client, several):
    assert listed_ids(reviewer_client, article="1990-menaka-raid") == {several["rejected"].pk}


def test_an_editor_filtering_by_article_still_sees_only_their_own(editor_client, several):
    assert listed_ids(editor_client, article="second-battle-of-kidal") == {several["mine"].pk}


def test_an_unknown_status_is_a_400(reviewer_client, several):
    response = reviewer_client.get(PROPOSALS, {"status": "lost"})

    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_anonymous_readers_cannot_list_proposals(api_client, several):
    assert api_client.get(PROPOSALS).status_code == 401


def test_a_proposal_shows_its_diff_to_its_author(editor_client, pending):
    body = editor_client.get(proposal_url(pending)).json()

    (change,) = body["diff"]["infobox"]
    assert change["key"] == "Casualties1"
    assert change["new"] == "50 killed"
    assert change["old"].startswith(CASUALTIES)
    assert body["status"] == "pending"


def test_another_editor_cannot_see_a_pending_proposal(token_client, pending):
    other = token_client(UserFactory(username="bo"))

    assert other.get(proposal_url(pending)).status_code == 404


def test_an_unknown_proposal_is_a_404(reviewer_client, db):
    assert reviewer_client.get(proposal_url(999999)).status_code == 404


@pytest.mark.parametrize("action", ["", "approve", "reject", "withdraw"])
def test_a_proposal_id_that_is_not_a_number_is_a_json_404(reviewer_client, db, action):
    method = reviewer_client.post if action else reviewer_client.get

    response = method(proposal_url("abc", action))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


# --- Approving ------------------------------------------------------------------------------


def test_an_editor_cannot_approve_their_own_proposal(editor_client, pending):
    assert editor_client.post(proposal_url(pending, "approve")).status_code == 403
    assert status_of(pending) == "pending"


def test_an_editor_cannot_approve_someone_elses_proposal_they_cannot_see(token_client, pending):
    other = token_client(UserFactory(username="bo"))

    assert other.post(proposal_url(pending, "approve")).status_code == 404
    assert status_of(pending) == "pending"


def test_an_editor_cannot_approve_a_proposal_they_can_see(token_client, pending, reviewer):
    """Once approved, a proposal is visible to all; approving is still not theirs to do."""
    token_client(reviewer).post(proposal_url(pending, "approve"))
    other = token_client(UserFactory(username="bo"))

    assert other.post(proposal_url(pending, "approve")).status_code == 403


def test_a_reviewer_cannot_approve_their_own_proposal(reviewer_client, reviewer, kidal):
    own = propose(kidal, {"infobox": {"Casualties1": "50 killed"}}, author=reviewer)

    assert reviewer_client.post(proposal_url(own, "approve")).status_code == 403
    assert status_of(own) == "pending"


def test_approving_publishes_a_revision(reviewer_client, pending, api_client, kidal):
    response = reviewer_client.post(proposal_url(pending, "approve"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    current = selectors.article_current_revision(kidal)
    assert body["revision"]["id"] == current.revision_id
    assert body["revision"]["number"] == 2
    assert body["revision"]["author"] == "ada"
    assert body["revision"]["reviewer"] == "rokia"
    assert body["revision"]["summary"] == pending.summary
    assert status_of(pending) == "approved"


def test_approving_twice_is_a_409(reviewer_client, pending, kidal):
    reviewer_client.post(proposal_url(pending, "approve"))

    response = reviewer_client.post(proposal_url(pending, "approve"))

    assert response.status_code == 409
    assert response.json()["detail"]
    assert kidal.revisions.count() == 2


def test_approving_a_stale_proposal_with_an_overlapping_change_is_a_conflict(
    reviewer_client, pending, kidal, api_client
):
    stale = propose(
        kidal, {"infobox": {"Casualties1": "45 killed"}}, author=UserFactory(username="bo")
    )
    reviewer_client.post(proposal_url(pending, "approve"))
    published = api_client.get(KIDAL).json()

    response = reviewer_client.post(proposal_url(stale, "approve"))

    assert response.status_code == 409
    assert response.json()["conflicts"] == ["infobox: Casualties1"]
    assert reviewer_client.get(proposal_url(stale)).json()["status"] == "conflict"
    assert reviewer_client.get(proposal_url(stale)).json()["conflicts"] == ["infobox: Casualties1"]
    assert api_client.get(KIDAL).json() == published


def test_approving_a_stale_proposal_that_does_not_overlap_merges_it(
    reviewer_client, pending, kidal, api_client
):
    other = propose(kidal, {"infobox": {"Strength2": "400"}}, author=UserFactory(username="bo"))
    reviewer_client.post(proposal_url(pending, "approve"))

    assert reviewer_client.post(proposal_url(other, "approve")).status_code == 200
    infobox = {e["key"]: e["value"] for e in api_client.get(KIDAL).json()["infobox"]}
    assert infobox["Casualties1"] == "50 killed"
    assert infobox["Strength2"] == "400"


def test_anonymous_readers_cannot_approve_a_proposal_they_cannot_see(api_client, pending):
    """A 404, not a 401: a pending proposal's existence is not given away."""
    assert api_client.post(proposal_url(pending, "approve")).status_code == 404
    assert status_of(pending) == "pending"


# --- Sections and references by id ---------------------------------------------------------


def references_changing(article, index: int, **fields) -> list[dict]:
    """Every reference of `article` by id alone, but the one at `index` with `fields`."""
    ids = list(article.references.values_list("id", flat=True))
    return [{"id": pk, **(fields if number == index else {})} for number, pk in enumerate(ids)]


def published_references(client) -> list[dict]:
    return client.get(KIDAL).json()["references"]


def test_a_reference_named_by_id_alone_is_kept_as_it_is(editor_client, kidal):
    payload = {
        "summary": "Date the Reuters report",
        "references": references_changing(kidal, 6, text="Reuters, 21 May 2014."),
    }

    response = editor_client.post(PROPOSE, payload, format="json")

    assert response.status_code == 201, response.json()
    (changed,) = [item for item in response.json()["changes"]["references"] if len(item) > 1]
    assert changed == {"id": payload["references"][6]["id"], "text": "Reuters, 21 May 2014."}


def test_two_proposals_changing_different_references_are_both_published(
    editor_client, token_client, reviewer_client, api_client, kidal
):
    before = published_references(api_client)
    first = editor_client.post(
        PROPOSE,
        {"summary": "Le Monde", "references": references_changing(kidal, 0, text="Le Monde.")},
        format="json",
    ).json()
    second = (
        token_client(UserFactory(username="bo"))
        .post(
            PROPOSE,
            {"summary": "Reuters", "references": references_changing(kidal, 6, url=REUTERS)},
            format="json",
        )
        .json()
    )

    assert reviewer_client.post(proposal_url(first["id"], "approve")).status_code == 200
    assert reviewer_client.post(proposal_url(second["id"], "approve")).status_code == 200

    after = published_references(api_client)
    assert [r["id"] for r in after] == [r["id"] for r in before]
    assert after[0]["text"] == "Le Monde."
    assert after[6] == {**before[6], "url": REUTERS}
    assert after[1:6] + after[7:] == before[1:6] + before[7:]


def test_two_proposals_changing_the_same_reference_differently_conflict(
    editor_client, token_client, reviewer_client, api_client, kidal
):
    first = editor_client.post(
        PROPOSE,
        {"summary": "Le Monde", "references": references_changing(kidal, 0, text="Le Monde.")},
        format="json",
    ).json()
    second = (
        token_client(UserFactory(username="bo"))
        .post(
            PROPOSE,
            {"summary": "Le Monde", "references": references_changing(kidal, 0, text="LM.")},
            format="json",
        )
        .json()
    )
    reviewer_client.post(proposal_url(first["id"], "approve"))

    response = reviewer_client.post(proposal_url(second["id"], "approve"))

    assert response.status_code == 409
    assert [label.split(":")[0] for label in response.json()["conflicts"]] == ["reference"]
    assert published_references(api_client)[0]["text"] == "Le Monde."


def test_a_section_named_by_id_with_one_field_changes_only_that_field(
    editor_client, reviewer_client, api_client, kidal
):
    before = api_client.get(KIDAL).json()["sections"]
    sections = [{"id": s["id"]} for s in before]
    sections[1]["heading"] = "The Prime Minister's visit"
    response = editor_client.post(
        PROPOSE, {"summary": "Heading", "sections": sections}, format="json"
    )

    reviewer_client.post(proposal_url(response.json()["id"], "approve"))

    after = api_client.get(KIDAL).json()["sections"]
    assert after[1] == {**before[1], "heading": "The Prime Minister's visit"}
    assert after[::2] == before[::2]


# --- Rejecting and withdrawing --------------------------------------------------------------


def test_rejecting_with_a_reason(reviewer_client, pending):
    response = reviewer_client.post(
        proposal_url(pending, "reject"), {"reason": "The MNLA gives 40 killed."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["review_reason"] == "The MNLA gives 40 killed."
    assert response.json()["reviewer"] == "rokia"
    assert status_of(pending) == "rejected"


@pytest.mark.parametrize("payload", [{}, {"reason": ""}, {"reason": "   "}])
def test_rejecting_without_a_reason_is_a_400(reviewer_client, pending, payload):
    response = reviewer_client.post(proposal_url(pending, "reject"), payload, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert status_of(pending) == "pending"


def test_an_editor_cannot_reject_their_own_proposal(editor_client, pending):
    response = editor_client.post(proposal_url(pending, "reject"), {"reason": "No"}, format="json")

    assert response.status_code == 403


def test_rejecting_an_approved_proposal_is_a_409(reviewer_client, pending):
    reviewer_client.post(proposal_url(pending, "approve"))

    response = reviewer_client.post(
        proposal_url(pending, "reject"), {"reason": "No"}, format="json"
    )

    assert response.status_code == 409


def test_the_author_withdraws_a_proposal(editor_client, pending):
    response = editor_client.post(proposal_url(pending, "withdraw"))

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert status_of(pending) == "withdrawn"


def test_a_reviewer_cannot_withdraw_someone_elses_proposal(reviewer_client, pending):
    assert reviewer_client.post(proposal_url(pending, "withdraw")).status_code == 403
    assert status_of(pending) == "pending"


def test_another_editor_cannot_withdraw_a_proposal_they_cannot_see(token_client, pending):
    other = token_client(UserFactory(username="bo"))

    assert other.post(proposal_url(pending, "withdraw")).status_code == 404


def test_withdrawing_twice_is_a_409(editor_client, pending):
    editor_client.post(proposal_url(pending, "withdraw"))

    assert editor_client.post(proposal_url(pending, "withdraw")).status_code == 409


def test_a_withdrawn_proposal_cannot_be_approved(editor_client, reviewer_client, pending):
    editor_client.post(proposal_url(pending, "withdraw"))

    assert reviewer_client.post(proposal_url(pending, "approve")).status_code == 409


# --- Sessions -------------------------------------------------------------------------------


@pytest.fixture
def session_client(editor):
    """Ada signed in with her password, as a browser would be, with CSRF checks on."""
    client = APIClient(enforce_csrf_checks=True)
    # django-axes counts sign-ins per request, so authenticating needs one.
    assert client.login(request=HttpRequest(), username="ada", password=PASSWORD)
    return client


def test_a_session_post_without_a_csrf_token_is_a_403(session_client, kidal):
    response = session_client.post(PROPOSE, SWAP, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Proposal.objects.exists()


def test_a_session_post_with_the_csrf_token_is_accepted(session_client, kidal):
    session_client.get("/accounts/login/")  # any form page sets the CSRF cookie
    token = session_client.cookies["csrftoken"].value

    response = session_client.post(PROPOSE, SWAP, format="json", HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 201
