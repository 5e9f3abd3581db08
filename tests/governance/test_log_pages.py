"""/log/ and GET /api/log/: every governance action, filterable; the role form on an
account's page, for administrators only, its reason kept when refused."""

from __future__ import annotations

import pytest

from accounts.roles import is_reviewer
from governance.models import LogEntry
from governance.services import reviewer_role_set
from tests.conflicts.pages import html, signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(editor, other_editor, superuser):
    """Ada made a reviewer, then Moussa, then Ada no longer one."""
    reviewer_role_set(user=editor, reviewer=True, by=superuser, reason="Careful sourcing")
    reviewer_role_set(user=other_editor, reviewer=True, by=superuser, reason="Knows Ménaka")
    reviewer_role_set(user=editor, reviewer=False, by=superuser, reason="On leave")
    return list(LogEntry.objects.all())


def entries(page: str) -> list[str]:
    return [item.split("</li>")[0] for item in page.split('<li class="log__entry"')[1:]]


def test_the_log_lists_every_action_newest_first_with_who_and_why(client, logged):
    listed = entries(html(client.get("/log/")))

    assert len(listed) == 3
    assert "Reviewer role removed" in listed[0]
    assert "On leave" in listed[0]
    assert 'href="/accounts/ada/"' in listed[0]
    assert 'href="/accounts/root/"' in listed[0]
    assert "Knows Ménaka" in listed[1]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"action": "role-granted"}, 2),
        ({"user": "ada"}, 2),
        ({"actor": "root"}, 3),
        ({"actor": "nobody"}, 0),
        ({"article": "second-battle-of-kidal"}, 0),
        ({"action": "no-such-action"}, 3),
    ],
)
def test_the_log_narrows_by_action_actor_article_and_account(client, logged, query, count):
    assert len(entries(html(client.get("/log/", query)))) == count


def test_the_api_gives_the_same_log(client, logged):
    body = client.get("/api/log/", {"user": "ada"}).json()

    assert body["count"] == 2
    assert body["results"][0] == {
        "id": logged[0].pk,
        "action": "role-removed",
        "actor": "root",
        "at": body["results"][0]["at"],
        "reason": "On leave",
        "subject": "ada",
        "article": None,
        "user": "ada",
        "revision": None,
    }


def test_the_api_refuses_an_action_that_is_not_one(client, db):
    response = client.get("/api/log/", {"action": "purge"})

    assert response.status_code == 400
    assert "action" in response.json()["errors"]


def test_an_administrator_makes_an_editor_a_reviewer_from_their_page(editor, superuser):
    browser = signed_in(superuser)
    page = html(browser.get("/accounts/ada/"))
    assert "Make a reviewer" in page

    done = browser.post("/accounts/ada/role/", {"reviewer": "1", "reason": "Careful sourcing"})

    assert done.status_code == 302
    assert is_reviewer(type(editor).objects.get(pk=editor.pk))
    after = html(browser.get(done["Location"]))
    assert "Reviewer role granted: ada." in after
    assert "Remove the reviewer role" in after


def test_a_role_change_without_a_reason_comes_back_refused(editor, superuser):
    refused = signed_in(superuser).post("/accounts/ada/role/", {"reviewer": "1", "reason": ""})

    assert refused.status_code == 400
    assert "Say why: the log keeps it." in html(refused)
    assert not LogEntry.objects.exists()


def test_a_stale_role_change_says_what_the_role_is_now(reviewer, superuser):
    browser = signed_in(superuser)

    done = browser.post("/accounts/rokia/role/", {"reviewer": "1", "reason": "Again"}, follow=True)

    assert "rokia is a reviewer already." in html(done)


def test_only_administrators_see_and_use_the_role_form(editor, reviewer):
    assert "Make a reviewer" not in html(signed_in(reviewer).get("/accounts/ada/"))
    refused = signed_in(reviewer).post("/accounts/ada/role/", {"reviewer": "1", "reason": "x"})

    assert refused.status_code == 403
    assert not is_reviewer(type(editor).objects.get(pk=editor.pk))


def test_an_administrators_page_offers_no_role_form(superuser):
    assert "Make a reviewer" not in html(signed_in(superuser).get("/accounts/root/"))


def test_the_log_is_paged_keeping_its_filters(client, superuser, monkeypatch):
    monkeypatch.setattr("governance.views.PAGE_SIZE", 2)
    for number in range(3):
        user = UserFactory(username=f"editor-{number}")
        reviewer_role_set(user=user, reviewer=True, by=superuser, reason=f"Reason {number}")

    first = html(client.get("/log/", {"actor": "root"}))

    assert len(entries(first)) == 2
    assert 'href="?actor=root&amp;page=2">Older →</a>' in first
    assert len(entries(html(client.get("/log/", {"actor": "root", "page": 2})))) == 1


def test_a_blank_api_filter_is_no_filter(client, logged):
    body = client.get("/api/log/", {"actor": "\x1c", "user": " "}).json()

    assert body["count"] == 3
