"""Renaming: a reviewer gives an article another title, with a reason; a revision records
it, the slug follows, and every old address (pages and API) redirects for good."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.models import Article, FormerSlug
from governance.models import LogEntry
from governance.services import article_rename
from tests.conflicts.pages import html, signed_in
from tests.factories import committed

pytestmark = pytest.mark.django_db

OLD = "/articles/second-battle-of-kidal/"
NEW = "/articles/battle-of-kidal-2014/"


@pytest.fixture
def renamed(kidal, reviewer):
    with committed():
        return article_rename(
            article=kidal, title="Battle of Kidal (2014)", by=reviewer, reason="Common name"
        )


def test_renaming_records_a_revision_and_moves_the_address(renamed, kidal, reviewer):
    kidal.refresh_from_db()

    assert (kidal.title, kidal.slug) == ("Battle of Kidal (2014)", "battle-of-kidal-2014")
    assert renamed.number == 2
    assert renamed.revision.comment == (
        "Renamed from “Second Battle of Kidal” to “Battle of Kidal (2014)”: Common name"
    )
    assert (renamed.revision.user, renamed.reviewer) == (reviewer, reviewer)
    assert selectors.revision_state(renamed).title == "Battle of Kidal (2014)"
    entry = LogEntry.objects.get()
    assert (entry.action, entry.subject, entry.revision) == (
        "rename",
        "Second Battle of Kidal → Battle of Kidal (2014)",
        renamed,
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (OLD, NEW),
        (f"{OLD}history/?before=5", f"{NEW}history/?before=5"),
        (f"/api{OLD}", f"/api{NEW}"),
        (f"/api{OLD}revisions/", f"/api{NEW}revisions/"),
    ],
)
def test_every_old_address_redirects_for_good(client, renamed, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_a_write_to_an_old_address_is_redirected_keeping_its_method(renamed, editor):
    response = signed_in(editor).post(f"/api{OLD}proposals/", {}, content_type="application/json")

    assert response.status_code == 308
    assert response["Location"] == f"/api{NEW}proposals/"


def test_renaming_back_gives_the_article_its_old_address_again(renamed, kidal, reviewer):
    article_rename(article=kidal, title="Second Battle of Kidal", by=reviewer, reason="Undo")

    kidal.refresh_from_db()
    assert kidal.slug == "second-battle-of-kidal"
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["battle-of-kidal-2014"]


def test_an_address_that_is_no_article_and_no_old_one_is_still_a_404(client, renamed):
    assert client.get("/articles/never-was/").status_code == 404


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Second Battle of Kidal", "That is its title already."),
        ("1990 Ménaka raid", "An article with this title exists at /articles/1990-menaka-raid/."),
        ("   ", "The title cannot be empty or invisible."),
    ],
)
def test_a_title_that_cannot_be_taken_is_refused(kidal, reviewer, title, message):
    with pytest.raises(ValidationError) as refused:
        article_rename(article=kidal, title=title, by=reviewer, reason="Because")

    assert message in refused.value.message_dict["title"]
    assert Article.objects.get(pk=kidal.pk).slug == "second-battle-of-kidal"


def test_only_reviewers_rename_and_always_with_a_reason(kidal, editor, reviewer):
    with pytest.raises(PermissionDenied, match="Only reviewers can rename"):
        article_rename(article=kidal, title="Kidal", by=editor, reason="Shorter")
    with pytest.raises(ValidationError, match="Say why"):
        article_rename(article=kidal, title="Kidal", by=reviewer, reason="")


def test_a_reviewer_renames_from_the_form(kidal, reviewer):
    browser = signed_in(reviewer)
    assert f'href="{OLD}rename/"' in html(browser.get(OLD))

    done = browser.post(f"{OLD}rename/", {"title": "Battle of Kidal (2014)", "reason": "Usage"})
    refused = browser.post(f"{NEW}rename/", {"title": "1990 Ménaka raid", "reason": "Oops"})

    assert (done.status_code, done["Location"]) == (302, NEW)
    assert refused.status_code == 400
    assert "An article with this title exists" in html(refused)
    assert 'value="1990 Ménaka raid"' in html(refused)


def test_the_api_renames(token_client, reviewer, kidal):
    response = token_client(reviewer).post(
        f"/api{OLD}rename/", {"title": "Battle of Kidal (2014)", "reason": "Usage"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["slug"] == "battle-of-kidal-2014"
    assert response.json()["revision"]["number"] == 2
