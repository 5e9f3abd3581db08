"""The whole story of a correction, told through the API alone: an editor gets a token
and proposes, the article waits unchanged, a reviewer approves, and the history and the
comparison show who changed what."""

import pytest
from rest_framework.test import APIClient

from tests.factories import PASSWORD, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db

KIDAL = "/api/articles/second-battle-of-kidal/"
BODY_SAYS = "50 killed, 40 wounded, 70 captured"


def signed_in(username: str) -> APIClient:
    """A client carrying the token that `username`'s password gets from the API."""
    client = APIClient()
    response = client.post(
        "/api/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def casualties(document: dict) -> str:
    return next(e["value"] for e in document["infobox"] if e["key"] == "Casualties1")


def test_a_correction_goes_from_proposal_to_published_revision(kidal):
    UserFactory(username="ada")
    ReviewerFactory(username="rokia")
    reader, ada, rokia = APIClient(), signed_in("ada"), signed_in("rokia")
    original = reader.get(KIDAL).json()
    history = reader.get(f"{KIDAL}revisions/").json()

    proposed = ada.post(
        f"{KIDAL}proposals/",
        {
            "summary": "The body says 50 killed and 40 wounded",
            "source": "Reuters, 22 May 2014",
            "infobox": {"Casualties1": BODY_SAYS},
        },
        format="json",
    )
    assert proposed.status_code == 201
    proposal = proposed.json()
    assert proposal["status"] == "pending"

    assert reader.get(KIDAL).json() == original
    assert [
        p["id"] for p in rokia.get("/api/proposals/", {"status": "pending"}).json()["results"]
    ] == [proposal["id"]]

    approved = rokia.post(f"/api/proposals/{proposal['id']}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"

    article = reader.get(KIDAL).json()
    # The proposal's source joined the references, and the field it changed cites it.
    source = article["references"][-1]
    assert casualties(article) == f"{BODY_SAYS}[[ref:{source['id']}]]"
    assert casualties(original) != BODY_SAYS
    assert article["revision"]["id"] == approved.json()["revision"]["id"]

    revisions = reader.get(f"{KIDAL}revisions/").json()
    assert revisions["count"] == history["count"] + 1
    newest = revisions["results"][0]
    assert newest["author"] == "ada"
    assert newest["reviewer"] == "rokia"
    assert newest["summary"] == "The body says 50 killed and 40 wounded"
    assert newest["proposal"] == proposal["id"]
    assert revisions["results"][1:] == history["results"]

    diff = reader.get(
        f"{KIDAL}compare/", {"from": original["revision"]["id"], "to": newest["id"]}
    ).json()["diff"]
    assert [(c["key"], c["old"], c["new"]) for c in diff["infobox"]] == [
        ("Casualties1", casualties(original), casualties(article))
    ]
    assert [(r["change"], r["text"]) for r in diff["references"]] == [("added", source["text"])]
    assert diff["changed_fields"] == 2

    assert ada.get(f"/api/proposals/{proposal['id']}/").json()["status"] == "approved"
    assert rokia.get("/api/proposals/", {"status": "pending"}).json()["count"] == 0
