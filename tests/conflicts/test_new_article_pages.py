"""The "Propose a new article" page and how the index, proposals and profiles show a
new article before and after approval, through Django's test client."""

from __future__ import annotations

import pytest
from django.test import Client

from conflicts.models import Article
from conflicts.services.reviews import proposal_approve
from tests.conflicts.pages import (
    assert_no_proposals,
    assert_single_proposal,
    errors,
    form_data,
    html,
    login_url,
    proposal_url,
    signed_in,
)
from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.django_db

NEW_URL = "/proposals/new/"
TITLE = "Siege of Aguelhok"


@pytest.fixture
def proposed(editor):
    client = signed_in(editor)
    page = client.get(NEW_URL, {"title": TITLE})
    data = form_data(page, {"lead": "The camp fell in January 2012."})
    response = client.post(NEW_URL, data)
    assert response.status_code == 302, errors(response)
    return assert_single_proposal()


def test_a_visitor_signs_in_first():
    response = Client().get(NEW_URL)
    assert response.status_code == 302
    assert response.url == login_url(NEW_URL)


def test_the_form_starts_empty_with_the_title_searched_for(editor):
    page = signed_in(editor).get(NEW_URL, {"title": TITLE})
    assert page.status_code == 200
    assert page.context["forms"].form["title"].value() == TITLE
    assert page.context["forms"].form["lead"].value() == ""
    assert "Propose a new article" in html(page)


def test_a_submitted_article_is_a_proposal_readers_cannot_see(proposed, editor):
    assert proposed.is_new_article
    assert proposed.changes["lead"] == "The camp fell in January 2012."
    assert Client().get("/articles/siege-of-aguelhok/").status_code == 404
    assert TITLE not in html(Client().get("/", {"q": "Aguelhok"}))
    assert TITLE not in html(Client().get("/"))
    page = signed_in(editor).get(proposal_url(proposed))
    assert "new article “Siege of Aguelhok”, not published" in html(page)
    assert 'href="/articles/siege-of-aguelhok/"' not in html(page)


def test_once_approved_it_is_listed_and_linked(proposed, reviewer, editor):
    proposal_approve(proposal=proposed, reviewer=reviewer)
    assert Client().get("/articles/siege-of-aguelhok/").status_code == 200
    assert TITLE in html(Client().get("/"))
    profile = signed_in(editor).get(f"/accounts/{editor.username}/")
    assert 'href="/articles/siege-of-aguelhok/"' in html(profile)


def test_a_published_title_is_refused_with_links_to_the_article(editor):
    existing = publish(ArticleStateFactory(title=TITLE)).article
    client = signed_in(editor)
    page = client.get(NEW_URL, {"title": TITLE})
    response = client.post(NEW_URL, form_data(page))

    assert response.status_code == 400
    assert_no_proposals()
    assert f'href="{existing.get_absolute_url()}"' in html(response)
    assert f'href="/articles/{existing.slug}/propose/"' in html(response)
    assert "is already published" in errors(response)["title"][0]
    assert Article.objects.count() == 1


def test_an_empty_search_and_the_index_link_to_the_form():
    assert f'href="{NEW_URL}?title=Aguelhok"' in html(Client().get("/", {"q": "Aguelhok"}))
    assert f'href="{NEW_URL}"' in html(Client().get("/"))


def test_its_author_reworks_it_and_a_new_title_moves_it(proposed, editor):
    client = signed_in(editor)
    page = client.get(proposal_url(proposed, "edit"))
    assert page.status_code == 200
    assert "Update your proposal of the new article" in html(page)
    response = client.post(
        proposal_url(proposed, "edit"), form_data(page, {"title": "Fall of Aguelhok"})
    )
    assert response.status_code == 302, errors(response)
    proposed.refresh_from_db()
    assert (proposed.article.slug, proposed.base_revision) == ("fall-of-aguelhok", None)
