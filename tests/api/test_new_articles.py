"""`POST /api/articles/`: a new article proposed, hidden from readers, then published."""

import pytest

from conflicts.models import Proposal
from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Battle of Anefis (2024)",
    "summary": "A battle we have no article on",
    "lead": "Fighting around Anefis in April 2024.",
    "infobox": {"Date": "April 2024", "Place": "Anefis, Mali"},
    "sections": [{"heading": "Background", "level": 2, "body": "The town lies north of Gao."}],
    "references": [{"text": "Reuters, 30 April 2024", "url": "https://example.org/anefis"}],
    "coordinates": {"lat": "18.05", "lon": "0.61"},
    "source": "Reuters, 30 April 2024",
}
SLUG = "battle-of-anefis-2024"


@pytest.fixture
def proposed(editor_client) -> dict:
    response = editor_client.post("/api/articles/", NEW, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_new_article_is_a_pending_proposal_with_no_base(proposed):
    assert proposed["status"] == "pending"
    assert proposed["article"] == SLUG
    assert proposed["base_revision"] is None
    assert proposed["changes"]["title"] == NEW["title"]
    assert proposed["changes"]["infobox"] == NEW["infobox"]


def test_readers_see_nothing_of_it_until_approved(proposed, api_client):
    assert api_client.get(f"/api/articles/{SLUG}/").status_code == 404
    assert api_client.get(f"/api/articles/{SLUG}/revisions/").status_code == 404
    listed = api_client.get("/api/articles/", {"q": "Anefis"}).json()
    assert listed["results"] == []
    assert api_client.get(f"/articles/{SLUG}/").status_code == 404


def test_approval_publishes_it_as_revision_1_by_its_proposer(
    proposed, reviewer_client, api_client, editor
):
    approved = reviewer_client.post(f"/api/proposals/{proposed['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["revision"]["number"] == 1

    article = api_client.get(f"/api/articles/{SLUG}/").json()
    assert article["title"] == NEW["title"]
    assert article["lead"] == NEW["lead"]
    assert article["revision"]["author"] == editor.username
    assert [s["heading"] for s in article["sections"]] == ["Background"]
    assert article["coordinates"] == {"lat": 18.05, "lon": 0.61}


def test_a_published_title_is_refused_with_the_articles_address(editor_client):
    publish(ArticleStateFactory(title=NEW["title"]))
    response = editor_client.post("/api/articles/", NEW, format="json")
    assert response.status_code == 400
    assert f"/articles/{SLUG}/" in response.json()["errors"]["title"][0]
    assert not Proposal.objects.exists()


def test_the_title_is_required(editor_client):
    response = editor_client.post(
        "/api/articles/", {"summary": "No title", "lead": "Words"}, format="json"
    )
    assert response.status_code == 400
    assert "title" in response.json()["errors"]


def test_ids_of_parts_that_do_not_exist_are_refused(editor_client):
    body = {**NEW, "sections": [{"id": 1, "heading": "Taken", "level": 2, "body": "x"}]}
    response = editor_client.post("/api/articles/", body, format="json")
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_a_visitor_must_sign_in(api_client):
    assert api_client.post("/api/articles/", NEW, format="json").status_code == 401


def test_two_proposals_of_one_title_conflict_at_the_second_approval(
    proposed, token_client, other_editor, reviewer_client
):
    second = token_client(other_editor).post(
        "/api/articles/", {**NEW, "lead": "Another account of Anefis."}, format="json"
    )
    assert second.status_code == 201
    reviewer_client.post(f"/api/proposals/{proposed['id']}/approve/")
    clash = reviewer_client.post(f"/api/proposals/{second.json()['id']}/approve/")
    assert clash.status_code == 409
    assert "lead" in clash.json()["conflicts"]


@pytest.mark.parametrize("lon", [False, True, "east"])
def test_coordinates_that_are_not_numbers_are_refused(editor_client, lon):
    body = {**NEW, "coordinates": {"lat": 0.0, "lon": lon}}
    response = editor_client.post("/api/articles/", body, format="json")
    assert response.status_code == 400
    assert "coordinates" in response.json()["errors"]


@pytest.mark.parametrize(
    "wrong",
    [
        {"references": [{"text": 0, "url": "https://example.org"}]},
        {"lead": 12},
        {"summary": True},
        {"infobox": {"Date": 2024}},
        {"sections": [{"heading": "Course", "level": 2, "body": ["days"]}]},
    ],
    ids=["reference text", "lead", "summary", "infobox value", "section body"],
)
def test_text_that_is_not_a_json_string_is_refused(editor_client, wrong):
    response = editor_client.post("/api/articles/", {**NEW, **wrong}, format="json")
    assert response.status_code == 400
    assert not Proposal.objects.exists()
