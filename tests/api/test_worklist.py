"""GET /api/worklist/ and a reviewer's POST …/dismiss/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SWAP_FIXED = "50 killed, 40 wounded"


def test_the_api_lists_items_with_article_check_and_evidence(api_client, kidal):
    response = api_client.get("/api/worklist/", {"check": "figures-swapped"})

    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["article"] == {"slug": "second-battle-of-kidal", "title": "Second Battle of Kidal"}
    assert item["check"] == "figures-swapped"
    assert [p["part"] for p in item["evidence"]] == ["infobox", "section"]
    assert item["fix"]["key"] == "Casualties1"
    assert item["fix"]["value"].startswith(SWAP_FIXED)
    assert item["dismissed"] is None
    assert api_client.get("/api/worklist/", {"check": "spelling"}).status_code == 400


def test_the_api_dismisses_for_reviewers_only(
    api_client, editor_client, reviewer_client, kidal, worklist_item
):
    item = worklist_item(kidal, "figures-swapped")
    url = f"/api/worklist/{item.pk}/dismiss/"

    assert api_client.post(url, {"reason": "No."}, format="json").status_code == 401
    assert editor_client.post(url, {"reason": "No."}, format="json").status_code == 403
    assert reviewer_client.post(url, {}, format="json").status_code == 400
    response = reviewer_client.post(url, {"reason": "Their own figures."}, format="json")

    assert response.status_code == 200
    assert response.json()["dismissed"]["by"] == "rokia"
    listed = api_client.get("/api/worklist/", {"dismissed": "true"}).json()["results"]
    assert [entry["id"] for entry in listed] == [item.pk]
    assert api_client.post("/api/worklist/999999/dismiss/", {}).status_code == 401
    assert reviewer_client.post("/api/worklist/999999/dismiss/", {}).status_code == 404
