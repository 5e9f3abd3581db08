"""The rule that never bends: pending, rejected, withdrawn or conflicting content is never
shown through the API to readers or to other editors, in any endpoint, search, filter or
count; only its author and reviewers see it, until it is approved."""

import pytest

from conflicts import selectors
from conflicts.services.errors import ProposalConflict
from conflicts.services.proposals import proposal_withdraw
from conflicts.services.reviews import proposal_approve, proposal_reject
from tests.factories import UserFactory, committed, propose, revise

pytestmark = pytest.mark.django_db

MARKER = "Zarqawibanana"
KIDAL = "/api/articles/second-battle-of-kidal/"
# Every way the list can find an article by the proposal's words or its date.
SEARCHES = [
    {"q": MARKER},
    {"q": MARKER.lower()},
    {"combatant": MARKER},
    {"place": MARKER},
    {"date_from": "1999-01-01", "date_to": "1999-12-31"},
]


def secret_changes(kidal) -> dict:
    """Changes that put the marker in the title, lead, infobox (Place, Combatant2,
    Casualties1), a section body, and move the event to 1999."""
    sections = list(kidal.sections.values("id", "heading", "level", "body"))
    sections[-1]["body"] += f" The {MARKER} brigade withdrew at night."
    return {
        "title": f"Second Battle of Kidal ({MARKER})",
        "lead": f"{kidal.lead} The {MARKER} front joined the fighting.",
        "infobox": {
            "Date": "3 January 1999",
            "Place": f"{MARKER} quarter, Kidal",
            "Combatant2": f"Azawad, {MARKER} front",
            "Casualties1": f"40 killed by the {MARKER} front",
        },
        "sections": sections,
    }


@pytest.fixture
def kidal_twice(kidal):
    """Kidal with a second published revision, so there are revisions to compare."""
    state = selectors.article_state(selectors.article_published().get(pk=kidal.pk))
    revise(kidal, state.replace(lead=state.lead + " The town was retaken later."))
    kidal.refresh_from_db()
    return kidal


@pytest.fixture
def author(db):
    return UserFactory(username="ada")


@pytest.fixture
def secret(kidal_twice, author):
    """Ada's pending proposal full of the marker."""
    return propose(kidal_twice, secret_changes(kidal_twice), author=author, summary="Add the front")


def _conflicted(proposal, reviewer):
    rival = propose(
        proposal.article,
        {"infobox": {"Casualties1": "50 killed, 40 wounded"}},
        author=UserFactory(username="bo"),
    )
    proposal_approve(proposal=rival, reviewer=reviewer)
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=proposal, reviewer=reviewer)


FATES = {
    "pending": lambda proposal, reviewer: None,
    "rejected": lambda proposal, reviewer: proposal_reject(
        proposal=proposal, reviewer=reviewer, reason="Unsourced."
    ),
    "withdrawn": lambda proposal, reviewer: proposal_withdraw(
        proposal=proposal, user=proposal.author
    ),
    "conflict": _conflicted,
}


@pytest.fixture(params=list(FATES))
def unpublished(request, secret, reviewer):
    """The proposal, pending or after its fate; with Kidal's document as published."""
    FATES[request.param](secret, reviewer)
    secret.refresh_from_db()
    assert secret.status == request.param
    return secret


def reader_urls(article) -> list[str]:
    """Every URL a reader can GET about `article`: list, searches, the article, its
    history, each revision, and the comparison of every pair of revisions."""
    base = f"/api/articles/{article.slug}/"
    ids = [revision.revision_id for revision in selectors.article_history(article)]
    return [
        "/api/articles/",
        *(
            "/api/articles/?" + "&".join(f"{key}={value}" for key, value in search.items())
            for search in SEARCHES
        ),
        base,
        f"{base}revisions/",
        *(f"{base}revisions/{revision}/" for revision in ids),
        *(f"{base}compare/?from={older}&to={newer}" for older in ids for newer in ids),
    ]


def pages_showing_the_marker(client, article) -> list[str]:
    pages = {url: client.get(url) for url in reader_urls(article)}
    assert all(page.status_code == 200 for page in pages.values())
    return [url for url, page in pages.items() if MARKER.lower() in page.content.decode().lower()]


def found_by(client, search: dict) -> int:
    return client.get("/api/articles/", search).json()["count"]


# --- Readers --------------------------------------------------------------------------------


def test_no_reader_page_shows_unpublished_content(api_client, unpublished):
    assert pages_showing_the_marker(api_client, unpublished.article) == []


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: "&".join(search))
def test_no_search_or_filter_finds_an_article_by_unpublished_content(
    api_client, unpublished, search
):
    assert found_by(api_client, search) == 0


def test_unpublished_content_changes_no_count(api_client, unpublished):
    assert api_client.get("/api/articles/").json()["count"] == 5
    assert api_client.get(f"{KIDAL}revisions/").json()["count"] == (
        unpublished.article.revisions.count()
    )


def test_the_article_reads_exactly_as_published(api_client, kidal_twice, author, reviewer):
    before = api_client.get(KIDAL)
    proposal = propose(kidal_twice, secret_changes(kidal_twice), author=author)
    proposal_reject(proposal=proposal, reviewer=reviewer, reason="Unsourced.")

    after = api_client.get(KIDAL)

    assert after.json() == before.json()
    assert after["ETag"] == before["ETag"]


# Every route of one proposal: (method, path after /api/proposals/<id>/, body).
PROPOSAL_ROUTES = [
    ("get", "", None),
    ("patch", "", {"lead": f"The {MARKER} front again."}),
    ("post", "approve/", None),
    ("post", "reject/", {"reason": "Unsourced."}),
    ("post", "withdraw/", None),
]
ROUTE_IDS = ["get", "patch", "approve", "reject", "withdraw"]


def call(client, proposal, route):
    method, action, body = route
    return getattr(client, method)(f"/api/proposals/{proposal.pk}/{action}", body, format="json")


@pytest.mark.parametrize("route", PROPOSAL_ROUTES, ids=ROUTE_IDS)
def test_a_reader_gets_a_404_on_every_route_of_an_unpublished_proposal(
    api_client, unpublished, route
):
    """Not a 401: that would tell anyone the proposal exists."""
    status_before = unpublished.status

    response = call(api_client, unpublished, route)

    assert response.status_code == 404
    assert MARKER not in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.status == status_before


# --- Other editors --------------------------------------------------------------------------


@pytest.fixture
def other_editor(token_client):
    return token_client(UserFactory(username="bo-the-other"))


def test_no_page_shows_unpublished_content_to_another_editor(other_editor, unpublished):
    assert pages_showing_the_marker(other_editor, unpublished.article) == []


@pytest.mark.parametrize("route", PROPOSAL_ROUTES, ids=ROUTE_IDS)
def test_another_editor_gets_a_404_on_every_route_of_an_unpublished_proposal(
    other_editor, unpublished, route
):
    status_before = unpublished.status

    response = call(other_editor, unpublished, route)

    assert response.status_code == 404
    assert MARKER not in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.status == status_before


@pytest.mark.parametrize(
    "params", [{}, {"article": "second-battle-of-kidal"}, {"status": "pending"}], ids=str
)
def test_another_editor_does_not_list_an_unpublished_proposal(other_editor, unpublished, params):
    listed = other_editor.get("/api/proposals/", params)

    assert listed.json()["count"] == 0
    assert MARKER not in listed.content.decode()


# --- The author and reviewers ---------------------------------------------------------------


def test_the_author_sees_their_unpublished_proposal(token_client, author, unpublished):
    response = token_client(author).get(f"/api/proposals/{unpublished.pk}/")

    assert response.status_code == 200
    assert MARKER in response.content.decode()


def test_a_reviewer_sees_an_unpublished_proposal(reviewer_client, unpublished):
    response = reviewer_client.get(f"/api/proposals/{unpublished.pk}/")

    assert response.status_code == 200
    assert MARKER in response.json()["changes"]["lead"]


def test_the_author_and_a_reviewer_see_the_proposal_in_their_lists(
    token_client, author, reviewer_client, secret
):
    assert MARKER in token_client(author).get("/api/proposals/").content.decode()
    assert MARKER in reviewer_client.get("/api/proposals/?status=pending").content.decode()


# --- Once approved --------------------------------------------------------------------------


@pytest.fixture
def approved(secret, reviewer):
    with committed():  # the search index is written once the approval commits
        proposal_approve(proposal=secret, reviewer=reviewer)
    return secret


def test_once_approved_the_content_is_the_article(api_client, approved):
    body = api_client.get(KIDAL).json()

    assert body["title"] == f"Second Battle of Kidal ({MARKER})"
    assert MARKER in body["lead"]
    assert MARKER in body["sections"][-1]["body"]
    assert {"key": "Place", "value": f"{MARKER} quarter, Kidal"} in body["infobox"]


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: "&".join(search))
def test_once_approved_searches_and_filters_find_it(api_client, approved, search):
    assert found_by(api_client, search) == 1


def test_once_approved_it_is_a_new_revision_in_the_history(api_client, approved):
    newest = api_client.get(f"{KIDAL}revisions/").json()["results"][0]

    assert newest["proposal"] == approved.pk
    assert newest["summary"] == "Add the front"


def test_once_approved_any_editor_may_open_the_proposal(other_editor, approved):
    assert other_editor.get(f"/api/proposals/{approved.pk}/").status_code == 200


def test_once_approved_a_reader_may_open_the_proposal(api_client, approved):
    response = api_client.get(f"/api/proposals/{approved.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "approved"


@pytest.mark.parametrize("route", PROPOSAL_ROUTES[1:], ids=ROUTE_IDS[1:])
def test_once_approved_a_readers_actions_on_the_proposal_are_401(api_client, approved, route):
    response = call(api_client, approved, route)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_once_approved_the_reader_pages_that_hid_it_show_it(api_client, approved):
    showing = pages_showing_the_marker(api_client, approved.article)

    assert KIDAL in showing
    assert f"/api/articles/?q={MARKER}" in showing
