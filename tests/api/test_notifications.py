"""The API's notifications and watches: each user's own, never another's."""

import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_list_is_the_users_own_newest_first(editor_client, approved, kidal):
    response = editor_client.get("/api/notifications/")

    assert response.status_code == 200
    (notification,) = response.json()["results"]
    assert notification["kind"] == "approved"
    assert notification["article"] == kidal.slug
    assert notification["proposal"] == approved.pk
    assert notification["actor"] == "rokia"
    assert notification["url"] == f"/proposals/{approved.pk}/"
    assert notification["unread"] is True
    assert notification["text"].startswith("rokia approved your proposal")


def test_another_users_list_holds_none_of_it(token_client, other_editor, approved):
    assert token_client(other_editor).get("/api/notifications/").json()["results"] == []


def test_marking_read_by_id_ignores_others_ids(editor_client, token_client, reviewer, approved):
    reviewers = list(Notification.objects.filter(recipient=reviewer).values_list("pk", flat=True))

    mine = editor_client.post("/api/notifications/read/", {"ids": reviewers}, format="json")
    everything = editor_client.post("/api/notifications/read/", {}, format="json")

    assert mine.json() == {"marked": 0, "unread": 1}
    assert everything.json() == {"marked": 1, "unread": 0}


def test_watching_through_the_api(token_client, other_editor, kidal):
    client = token_client(other_editor)
    url = f"/api/articles/{kidal.slug}/watch/"

    assert client.get(url).json() == {"watching": False}
    assert client.put(url).json() == {"watching": True}
    assert client.get(url).json() == {"watching": True}
    assert client.delete(url).json() == {"watching": False}


def test_anonymous_readers_have_neither(api_client, kidal):
    assert api_client.get("/api/notifications/").status_code == 401
    assert api_client.put(f"/api/articles/{kidal.slug}/watch/").status_code == 401
