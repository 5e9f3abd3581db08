"""Deleting and restoring: a reviewer hides an article from readers with a reason (410 at
its addresses, in no list), the deletion log keeps it, and a reviewer brings it back with
its history intact."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conflicts import selectors
from conflicts.models import Article
from conflicts.services.errors import ProposalStateError, StateError
from conflicts.services.importing import article_import
from conflicts.services.reviews import proposal_approve
from governance.models import LogEntry
from governance.services import article_delete, article_rename, article_restore
from tests.conflicts.pages import html, signed_in
from tests.conftest import SEED_FILES
from tests.factories import propose

pytestmark = pytest.mark.django_db

KIDAL = "/articles/second-battle-of-kidal/"
REASON = "A duplicate of the 2014 battle, written as a hoax"


@pytest.fixture
def deleted(kidal, reviewer):
    return article_delete(article=kidal, by=reviewer, reason=REASON)


def test_a_deleted_article_is_gone_for_readers_with_the_reason(deleted, kidal):
    for address in (KIDAL, f"{KIDAL}history/", f"{KIDAL}blame/", f"{KIDAL}history/feed/"):
        response = Client().get(address)
        assert response.status_code == 410, address
    page = html(Client().get(KIDAL))
    assert REASON in page
    assert "rokia" in page


def test_the_api_answers_410_with_the_reason(deleted, api_client):
    for address in (
        "/api/articles/second-battle-of-kidal/",
        "/api/articles/second-battle-of-kidal/revisions/",
    ):
        response = api_client.get(address)
        assert response.status_code == 410
        assert REASON in response.json()["detail"]


def test_no_list_shows_a_deleted_article(deleted, kidal, seed_articles):
    titles = [article.title for article in selectors.article_list()]
    assert kidal.title not in titles
    assert len(titles) == len(seed_articles) - 1
    assert kidal.title not in html(Client().get("/"))
    assert kidal.title not in html(Client().get("/", {"q": "Kidal"}))
    assert kidal.title not in html(Client().get("/recent/"))
    assert "second-battle-of-kidal" not in str(Client().get("/api/articles/").json())


def test_the_deletion_is_logged_and_listed_in_the_deletion_log(deleted, kidal, reviewer):
    assert (deleted.action, deleted.actor, deleted.reason) == ("delete", reviewer, REASON)
    page = html(Client().get("/log/", {"action": "delete"}))
    assert kidal.title in page
    assert REASON in page
    listed = Client().get("/api/log/", {"action": "delete"}).json()["results"]
    assert [entry["subject"] for entry in listed] == [kidal.title]


def test_restoring_brings_it_back_with_its_history(deleted, kidal, reviewer):
    history = list(selectors.article_history(kidal).values_list("pk", flat=True))

    article_restore(article=kidal, by=reviewer, reason="Not a hoax after all")

    assert Client().get(KIDAL).status_code == 200
    assert list(selectors.article_history(kidal).values_list("pk", flat=True)) == history
    assert LogEntry.objects.filter(action="restore", article=kidal).exists()
    assert kidal.title in [article.title for article in selectors.article_list()]


def test_only_reviewers_delete_or_restore(kidal, editor, reviewer):
    with pytest.raises(PermissionDenied):
        article_delete(article=kidal, by=editor, reason="I dislike it")
    article_delete(article=kidal, by=reviewer, reason=REASON)
    with pytest.raises(PermissionDenied):
        article_restore(article=kidal, by=editor, reason="Bring it back")
    assert Article.objects.get(pk=kidal.pk).deleted_at is not None


def test_a_reason_is_required_and_twice_is_refused(kidal, reviewer):
    with pytest.raises(ValidationError):
        article_delete(article=kidal, by=reviewer, reason="  ")
    with pytest.raises(StateError):
        article_restore(article=kidal, by=reviewer, reason="Not deleted")
    article_delete(article=kidal, by=reviewer, reason=REASON)
    with pytest.raises(StateError):
        article_delete(article=kidal, by=reviewer, reason="Again")


def test_a_proposal_to_a_deleted_article_waits_for_its_restoring(kidal, editor, reviewer):
    proposal = propose(kidal, {"lead": "A sourced lead."}, author=editor)
    article_delete(article=kidal, by=reviewer, reason=REASON)

    with pytest.raises(ProposalStateError, match="deleted"):
        proposal_approve(proposal=proposal, reviewer=reviewer)

    article_restore(article=kidal, by=reviewer, reason="Restored")
    assert proposal_approve(proposal=proposal, reviewer=reviewer).number == 2


def test_a_reviewer_is_offered_the_restoring_on_the_gone_page(deleted, reviewer):
    page = signed_in(reviewer).get(KIDAL)
    assert page.status_code == 410
    assert f'href="{KIDAL}restore/"' in html(page)
    assert f'href="{KIDAL}restore/"' not in html(Client().get(KIDAL))


def test_the_pages_delete_and_restore(kidal, reviewer):
    client = signed_in(reviewer)
    assert client.get(f"{KIDAL}delete/").status_code == 200
    refused = client.post(f"{KIDAL}delete/", {"reason": ""})
    assert refused.status_code == 400
    assert Client().get(KIDAL).status_code == 200

    done = client.post(f"{KIDAL}delete/", {"reason": REASON})
    assert done.status_code == 302
    assert Client().get(KIDAL).status_code == 410

    assert client.get(f"{KIDAL}restore/").status_code == 200
    done = client.post(f"{KIDAL}restore/", {"reason": "Not a hoax"})
    assert done.url == KIDAL
    assert Client().get(KIDAL).status_code == 200


def test_the_api_deletes_and_restores(kidal, reviewer_client, api_client):
    deleted = reviewer_client.post(f"/api{KIDAL}delete/", {"reason": REASON}, format="json")
    assert deleted.status_code == 200
    assert deleted.json()["action"] == "delete"
    again = reviewer_client.post(f"/api{KIDAL}delete/", {"reason": REASON}, format="json")
    assert again.status_code == 410
    restored = reviewer_client.post(f"/api{KIDAL}restore/", {"reason": "Back"}, format="json")
    assert restored.status_code == 200
    assert api_client.get(f"/api{KIDAL}").status_code == 200
    twice = reviewer_client.post(f"/api{KIDAL}restore/", {"reason": "Back"}, format="json")
    assert twice.status_code == 409


def test_a_delete_request_to_an_article_is_not_a_deletion(kidal, reviewer_client):
    assert reviewer_client.delete(f"/api{KIDAL}").status_code == 405
    assert Article.objects.get(pk=kidal.pk).deleted_at is None


def test_the_old_address_of_a_renamed_then_deleted_article_is_gone_too(kidal, reviewer):
    article_rename(article=kidal, title="Battle of Kidal (2014)", by=reviewer, reason="Name")
    article_delete(article=kidal, by=reviewer, reason=REASON)
    assert Client().get(KIDAL).status_code == 410
    assert Client().get("/articles/battle-of-kidal-2014/").status_code == 410


def test_reimporting_a_deleted_article_keeps_it_deleted_and_single(kidal, reviewer):
    article_delete(article=kidal, by=reviewer, reason=REASON)
    seed = next(path for path in SEED_FILES if "004_" in path.name)

    article_import(path=seed)

    assert Article.objects.filter(title=kidal.title).count() == 1
    assert Client().get(KIDAL).status_code == 410
