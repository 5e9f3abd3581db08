"""The notifications page, the header's counts and an article's Watch button."""

import pytest
from django.test import Client

from notifications import selectors
from notifications.models import Notification
from tests.factories import committed, propose

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_header_counts_unread_notifications_and_the_review_queue(
    kidal, editor, reviewer, approved
):
    with committed():
        propose(kidal, {"lead": "A lead."}, author=editor)

    editor_page = signed_in(editor).get("/").content.decode()
    reviewer_page = signed_in(reviewer).get("/").content.decode()

    assert 'aria-label="1 unread">1</span>' in editor_page
    assert "Review queue" not in editor_page
    assert 'aria-label="1 pending">1</span>' in reviewer_page
    assert 'aria-label="2 unread">2</span>' in reviewer_page


def test_the_list_shows_the_newest_first_with_unread_ones_marked(editor, approved, kidal):
    page = signed_in(editor).get("/notifications/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "notification--unread" in html
    assert f"rokia approved your proposal “{approved.summary}” to {kidal.title}." in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_proposal(editor, approved):
    (notification,) = Notification.objects.filter(recipient=editor)

    response = signed_in(editor).get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response.url == f"/proposals/{approved.pk}/"
    assert selectors.unread_count(editor) == 0


def test_someone_elses_notification_is_no_page(editor, other_editor, approved):
    (notification,) = Notification.objects.filter(recipient=editor)

    assert signed_in(other_editor).get(f"/notifications/{notification.pk}/").status_code == 404
    assert selectors.unread_count(editor) == 1


def test_mark_all_read(editor, approved):
    response = signed_in(editor).post("/notifications/read/", follow=True)

    assert "1 notification marked read." in response.content.decode()
    assert selectors.unread_count(editor) == 0


def test_email_can_be_turned_off_and_on(editor):
    client = signed_in(editor)

    client.post("/notifications/email/", {})
    editor.refresh_from_db()
    assert editor.email_notifications is False
    client.post("/notifications/email/", {"email_notifications": "on"})
    editor.refresh_from_db()
    assert editor.email_notifications is True


def test_the_watch_button_watches_and_unwatches(kidal, other_editor):
    client = signed_in(other_editor)
    assert (
        'aria-pressed="false">Watch</button>'
        in client.get(kidal.get_absolute_url()).content.decode()
    )

    watched = client.post(f"/articles/{kidal.slug}/watch/", {"watch": "1"}, follow=True)
    assert 'aria-pressed="true">Watching ✓</button>' in watched.content.decode()
    assert "You are watching Second Battle of Kidal" in watched.content.decode()
    assert selectors.is_watching(other_editor, kidal)

    client.post(f"/articles/{kidal.slug}/watch/", {"watch": "0"})
    assert not selectors.is_watching(other_editor, kidal)


def test_readers_see_no_watch_button(client, kidal):
    assert "Watch</button>" not in client.get(kidal.get_absolute_url()).content.decode()
