"""Suppression: the oversight group hides a revision's content, summary or author from
everyone else; history says so in its place, the revision and its compares are a 404,
and hiding the current revision's content takes the article back to the last visible one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from accounts.roles import OVERSIGHT_GROUP
from conflicts import selectors
from governance.models import LogEntry
from governance.services import revision_suppress
from tests.conflicts.pages import html, signed_in
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.django_db

LIBEL = "The commander, a known war criminal, ordered it"
REASON = "Unsourced accusation against a named person"


@pytest.fixture
def overseer(db):
    user = UserFactory(username="olu")
    user.groups.add(Group.objects.get_or_create(name=OVERSIGHT_GROUP)[0])
    return user


@pytest.fixture
def libel(kidal, editor):
    state = selectors.article_current_state(kidal)
    return revise(kidal, state.replace(lead=LIBEL), author=editor, summary=f"Added: {LIBEL}")


@pytest.fixture
def corrected(kidal, libel, reviewer):
    """A later revision takes the libel out again: the libel is no longer current."""
    first = selectors.revision_state(kidal.revisions.get(number=1))
    return revise(kidal, first.replace(title=first.title), author=reviewer, summary="Removed it")


def hide(revision, by, *, content=True, summary=False, author=False):
    return revision_suppress(
        revision=revision, by=by, reason=REASON, content=content, summary=summary, author=author
    )


def revision_url(revision) -> str:
    return f"/articles/{revision.article.slug}/revisions/{revision.pk}/"


def compare_url(older, newer) -> str:
    return f"/articles/{newer.article.slug}/compare/?from={older.pk}&to={newer.pk}"


def test_hidden_content_is_a_404_to_everyone_but_oversight(
    corrected, libel, overseer, editor, reviewer
):
    hide(libel, overseer)
    for client in (Client(), signed_in(editor), signed_in(reviewer)):
        assert client.get(revision_url(libel)).status_code == 404
        assert client.get(compare_url(libel, corrected)).status_code == 404
    assert signed_in(overseer).get(revision_url(libel)).status_code == 200
    assert LIBEL in html(signed_in(overseer).get(revision_url(libel)))


def test_the_api_answers_404_for_hidden_content(corrected, libel, overseer, api_client):
    hide(libel, overseer)
    base = f"/api/articles/{libel.article.slug}"
    assert api_client.get(f"{base}/revisions/{libel.pk}/").status_code == 404
    compare = api_client.get(f"{base}/compare/", {"from": libel.pk, "to": corrected.pk})
    assert compare.status_code == 404


def test_history_says_content_hidden_without_a_link(corrected, libel, overseer):
    hide(libel, overseer, summary=True, author=True)
    page = html(Client().get(f"/articles/{libel.article.slug}/history/"))
    assert "content hidden" in page
    assert "summary hidden" in page
    assert "author hidden" in page
    assert revision_url(libel) not in page
    assert f"from={libel.pk}&amp;" not in page
    assert LIBEL not in page
    assert "ada" not in page


def test_the_api_history_hides_summary_and_author(corrected, libel, overseer, api_client):
    hide(libel, overseer, content=False, summary=True, author=True)
    revisions = api_client.get(f"/api/articles/{libel.article.slug}/revisions/").json()
    hidden = next(r for r in revisions["results"] if r["id"] == libel.pk)
    assert (hidden["summary"], hidden["author"]) == ("", None)
    assert (hidden["summary_hidden"], hidden["author_hidden"]) == (True, True)


def test_recent_changes_and_feeds_keep_the_secret(corrected, libel, overseer):
    hide(libel, overseer, summary=True, author=True)
    for address in ("/recent/", "/recent/feed/", f"/articles/{libel.article.slug}/history/feed/"):
        assert LIBEL not in html(Client().get(address)), address


def test_the_author_page_leaves_out_a_revision_whose_author_is_hidden(
    corrected, libel, overseer, editor
):
    hide(libel, overseer, content=False, author=True)
    profile = f"/accounts/{editor.username}/"
    assert revision_url(libel) not in html(Client().get(profile))
    assert revision_url(libel) in html(signed_in(overseer).get(profile))


def test_hiding_the_current_revisions_content_publishes_the_last_visible_one(
    kidal, libel, overseer
):
    before = selectors.revision_state(kidal.revisions.get(number=1))

    published = hide(libel, overseer)

    assert published.number == 3
    assert selectors.revision_state(published).lead == before.lead
    kidal.refresh_from_db()
    assert kidal.current_revision_id == published.pk
    assert LIBEL not in html(Client().get(kidal.get_absolute_url()))
    assert "hidden" in published.revision.comment
    assert REASON not in published.revision.comment


def test_the_log_records_it(corrected, libel, overseer):
    hide(libel, overseer, summary=True)
    entry = LogEntry.objects.get(action="suppress")
    assert (entry.actor, entry.revision) == (overseer, libel)
    assert entry.reason == f"{REASON} (hidden: content, summary)"
    assert LIBEL not in html(Client().get("/log/"))


def test_only_oversight_hides_and_showing_again_works(corrected, libel, reviewer, overseer):
    with pytest.raises(PermissionDenied):
        hide(libel, reviewer)
    hide(libel, overseer)
    hide(libel, overseer, content=False)
    assert Client().get(revision_url(libel)).status_code == 200
    with pytest.raises(ValidationError):
        hide(libel, overseer, content=False)


def test_the_only_visible_revision_cannot_be_hidden(kidal, overseer):
    with pytest.raises(ValidationError, match="delete the article"):
        hide(kidal.current_revision, overseer)


def test_reverting_to_or_undoing_hidden_content_is_a_404_for_reviewers(
    corrected, libel, overseer, reviewer
):
    hide(libel, overseer)
    client = signed_in(reviewer)
    base = f"/articles/{libel.article.slug}/revisions/{libel.pk}"
    assert client.get(f"{base}/revert/").status_code == 404
    assert client.get(f"{base}/undo/").status_code == 404


def test_the_form_and_the_api_hide(corrected, libel, overseer, token_client):
    client = signed_in(overseer)
    address = f"/articles/{libel.article.slug}/revisions/{libel.pk}/visibility/"
    assert client.get(address).status_code == 200
    assert client.post(address, {"content": "on", "reason": ""}).status_code == 400
    done = client.post(address, {"summary": "on", "reason": REASON})
    assert done.status_code == 302
    libel.refresh_from_db()
    assert (libel.content_hidden, libel.summary_hidden) == (False, True)

    answer = token_client(overseer).post(
        f"/api{address}",
        {"content": True, "summary": True, "author": False, "reason": REASON},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["revision"]["content_hidden"] is True
    assert answer.json()["published"] is None
