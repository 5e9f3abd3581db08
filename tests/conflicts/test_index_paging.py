"""The index at any size: the articles by title, paged by key with Previous and Next links
(and First and Last), every page one query however deep; old `?page=N` links redirected
to the same articles; ranked search results paged by number up to a cap the page states;
an estimated count said to be one."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts import limits
from conflicts.models import Article
from tests.factories import publish_worded

pytestmark = pytest.mark.django_db

TITLES = [
    "Siege of Aguelhok",
    "Battle of Kidal",
    "Raid on Tessalit",
    "Ménaka offensive",
    "Battle of Gao",
    "Ambush at Tinzawatene",
    "Second Battle of Kidal",
    "Battle of Konna",
]
LINK = re.compile(r'<a (?:rel="(?P<rel>\w+)" )?href="(?P<href>[^"]*)">(?P<text>[^<]*)</a>')


@pytest.fixture
def articles(db, settings) -> list[Article]:
    """Eight articles, three to a page of the index."""
    settings.ARTICLES_PAGE_SIZE = 3
    return [publish_worded(title) for title in TITLES]


def by_title(articles) -> list[str]:
    return sorted((a.title for a in articles), key=lambda title: title.encode())


def titles(response) -> list[str]:
    return [a.title for a in response.context["page"].object_list]


def page_links(response) -> dict[str, str]:
    """The page's links in its pagination, by their text."""
    content = response.content.decode()
    nav = re.search(r'<nav class="pagination".*?</nav>', content, re.S)
    if nav is None:
        return {}
    return {m["text"]: html.unescape(m["href"]) for m in LINK.finditer(nav.group())}


def walk(client, url: str, link: str = "Next →") -> list:
    """Every page from `url` on, following the link named `link` while there is one."""
    pages = [client.get(url)]
    while link in page_links(pages[-1]):
        pages.append(client.get(page_links(pages[-1])[link]))
    assert all(page.status_code == 200 for page in pages)
    return pages


def test_next_links_list_every_article_once_by_title(client, articles):
    pages = walk(client, "/")

    assert [title for page in pages for title in titles(page)] == by_title(articles)
    assert [len(titles(page)) for page in pages] == [3, 3, 2]
    assert all("8 reviewed articles" in page.content.decode() for page in pages)


def test_previous_links_from_the_last_page_list_every_article_once(client, articles):
    last = client.get(page_links(client.get("/"))["Last »"])

    pages = walk(client, page_links(last)["← Previous"], link="← Previous")

    listed = [title for page in [last, *pages] for title in titles(page)[::-1]]
    assert listed == by_title(articles)[::-1]


def test_the_first_page_links_onwards_and_the_last_back(client, articles):
    first = client.get("/")
    last = client.get(page_links(first)["Last »"])

    assert set(page_links(first)) == {"Next →", "Last »"}
    assert set(page_links(last)) == {"« First", "← Previous"}
    assert page_links(last)["« First"] == "/"


def test_a_deep_page_runs_as_many_queries_as_the_first(
    client, articles, django_assert_num_queries, count_queries
):
    last_url = page_links(client.get("/"))["Last »"]
    middle_url = page_links(client.get(last_url))["← Previous"]

    # The count, then the page.
    for url in ("/", middle_url, last_url):
        with django_assert_num_queries(count_queries + 1):
            client.get(url)


def test_an_old_page_numbered_link_is_redirected_to_the_same_articles(client, articles):
    second = walk(client, "/")[1]

    response = client.get("/", {"page": 2})

    assert response.status_code == 302
    assert "page=" not in response["Location"]
    assert titles(client.get(response["Location"])) == titles(second)


@pytest.mark.parametrize("page", ["1", "abc", "0", "²", "-2"])
def test_an_old_link_to_no_page_number_goes_to_the_first_page(client, articles, page):
    response = client.get("/", {"page": page}, follow=True)

    assert titles(response) == by_title(articles)[:3]


def test_an_old_link_past_the_end_goes_to_the_last_articles(client, articles):
    response = client.get("/", {"page": 99}, follow=True)

    assert titles(response) == by_title(articles)[-3:]
    assert "Next →" not in page_links(response)


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJhIixbInRpdGxlIl0sWzFdLCJ4Il0"])
def test_a_broken_page_link_is_a_404(client, articles, cursor):
    assert client.get("/", {"cursor": cursor}).status_code == 404


def test_one_page_has_no_page_links(client, settings, articles):
    settings.ARTICLES_PAGE_SIZE = 50

    assert page_links(client.get("/")) == {}


# --- Search ---------------------------------------------------------------------------------


@pytest.fixture
def battles(articles, monkeypatch):
    """Five articles match "battle"; two to a page, and ranked results stop at three."""
    monkeypatch.setattr(limits, "SEARCH_RESULTS_MAX", 3)
    publish_worded("Battle of Tessalit")
    return articles


def test_ranked_results_are_paged_by_number_up_to_the_cap_the_page_states(
    on_postgres, client, settings, battles
):
    settings.ARTICLES_PAGE_SIZE = 2

    pages = walk(client, "/?q=battle")

    assert [len(titles(page)) for page in pages] == [2, 1]
    assert "Page 1 of 2" in pages[0].content.decode()
    assert "the 3 most relevant are listed: add words to narrow the search" in (
        pages[0].content.decode()
    )
    assert page_links(pages[1]) == {"← Previous": "/?q=battle"}
    assert "5 articles found" in pages[1].content.decode()


def test_a_page_beyond_the_cap_says_to_narrow_the_search(on_postgres, client, settings, battles):
    settings.ARTICLES_PAGE_SIZE = 2

    response = client.get("/", {"q": "battle", "page": 3})

    assert response.status_code == 400
    assert "Search results stop at the 3 most relevant matches" in response.content.decode()
    assert "Add words to narrow the search" in response.content.decode()


def test_a_search_page_past_the_last_match_is_a_404(on_postgres, client, settings, battles):
    settings.ARTICLES_PAGE_SIZE = 2

    assert client.get("/", {"q": "kidal", "page": 2}).status_code == 404


def test_a_search_with_fewer_matches_than_the_cap_does_not_mention_it(on_postgres, client, battles):
    content = client.get("/", {"q": "kidal"}).content.decode()

    assert "2 articles found" in content
    assert "most relevant" not in content


@pytest.fixture
def on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback; run with a sqlite DATABASE_URL")


def test_sqlite_search_results_are_by_title_paged_by_key(on_sqlite, client, settings, battles):
    settings.ARTICLES_PAGE_SIZE = 2

    pages = walk(client, "/?q=battle")

    assert [t for page in pages for t in titles(page)] == [
        "Battle of Gao",
        "Battle of Kidal",
        "Battle of Konna",
        "Battle of Tessalit",
        "Second Battle of Kidal",
    ]
    assert all("q=battle" in href for href in page_links(pages[1]).values())


# --- The count ------------------------------------------------------------------------------


def test_an_estimated_count_is_said_to_be_about_that_many(
    on_postgres, client, articles, monkeypatch
):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 4)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE conflicts_article")

    with CaptureQueriesContext(connection) as queries:
        content = client.get("/").content.decode()

    assert "About 8 reviewed articles" in content
    assert [q for q in queries if q["sql"].startswith("EXPLAIN")]


def test_an_exact_count_is_just_the_number(client, articles):
    content = client.get("/").content.decode()

    assert "8 reviewed articles" in content
    assert "About" not in content
