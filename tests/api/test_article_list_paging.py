"""The article list at any size: ordered by a column it is paged by cursor, every page one
query however deep; ranked search results are paged by number up to a cap; `count` is
exact up to a limit and PostgreSQL's estimate above it; old `?page=N` links keep working;
a cursor that is not the list's is a 404, never a 500."""

import base64
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conflicts import limits
from conflicts.models import Article
from tests.factories import publish_worded

pytestmark = pytest.mark.django_db

ARTICLES = "/api/articles/"
TITLES = [
    "Siege of Aguelhok",
    "Battle of Kidal",
    "Raid on Tessalit",
    "Ménaka offensive",
    "Battle of Gao",
    "Ambush at Tinzawatene",
    "Second Battle of Kidal",
    "Battle of Konna",
    "Raid on Gao",
    "Battle of Tessalit",
    "Siege of Ménaka",
]


@pytest.fixture
def articles(db) -> list[Article]:
    """Eleven articles, published in no order of their titles."""
    return [publish_worded(title) for title in TITLES]


def by_key(articles, *columns) -> list[str]:
    """The slugs of `articles` sorted by `columns` ("-" first for descending), then id,
    in the id's direction of the first column: as the list sorts them."""
    order = [*columns, "-pk" if columns[0].startswith("-") else "pk"]
    return list(
        Article.objects.filter(pk__in=[a.pk for a in articles])
        .order_by(*order)
        .values_list("slug", flat=True)
    )


def slugs(body: dict) -> list[str]:
    return [article["slug"] for article in body["results"]]


def walk(client, url: str, params: dict, link: str = "next") -> list[dict]:
    """Every page from `url` on, following `link` until it is null."""
    pages = [client.get(url, params).json()]
    while pages[-1][link]:
        pages.append(client.get(pages[-1][link]).json())
    return pages


# The articles whose titles hold "battle", by title.
BATTLES_BY_TITLE = [
    "battle-of-gao",
    "battle-of-kidal",
    "battle-of-konna",
    "battle-of-tessalit",
    "second-battle-of-kidal",
]


def flat(pages: list[dict]) -> list[str]:
    return [slug for page in pages for slug in slugs(page)]


def last_page(client, params: dict) -> dict:
    return walk(client, ARTICLES, params)[-1]


# --- Paged by cursor ------------------------------------------------------------------------


def test_following_next_lists_every_article_once_by_title(api_client, articles):
    pages = walk(api_client, ARTICLES, {"page_size": 3})

    assert flat(pages) == by_key(articles, "title")
    assert [len(page["results"]) for page in pages] == [3, 3, 3, 2]
    assert all("cursor=" in page["next"] for page in pages[:-1])
    assert {page["count"] for page in pages} == {11}


def test_following_previous_from_the_last_page_lists_them_all_backwards(api_client, articles):
    last = last_page(api_client, {"page_size": 3})

    pages = [last, *walk(api_client, last["previous"], {}, link="previous")]

    assert flat(pages[::-1]) == by_key(articles, "title")
    assert pages[-1]["previous"] is None
    assert pages[-1]["next"] is not None


@pytest.mark.parametrize(
    ("ordering", "columns"),
    [
        ("title", ["title"]),
        ("-title", ["-title"]),
        ("last_change", ["updated_at"]),
        ("-last_change", ["-updated_at"]),
        ("-last_change,title", ["-updated_at", "title"]),
    ],
)
def test_every_ordering_pages_every_article_once_both_ways(api_client, articles, ordering, columns):
    params = {"page_size": 4, "ordering": ordering}
    forward = walk(api_client, ARTICLES, params)
    backward = [forward[-1], *walk(api_client, forward[-1]["previous"], {}, link="previous")]

    assert flat(forward) == by_key(articles, *columns)
    assert flat(backward[::-1]) == by_key(articles, *columns)


def test_articles_changed_at_the_same_moment_are_ordered_by_id(api_client, articles):
    # Ties straddle page boundaries: an offset within equal values would repeat or skip.
    moment = timezone.now() - timedelta(days=1)
    Article.objects.filter(pk__in=[a.pk for a in articles[:7]]).update(updated_at=moment)

    pages = walk(api_client, ARTICLES, {"page_size": 2, "ordering": "last_change"})

    assert flat(pages) == by_key(articles, "updated_at")
    assert flat(pages)[:7] == [a.slug for a in sorted(articles[:7], key=lambda a: a.pk)]


def test_articles_with_the_same_title_are_ordered_by_id(api_client, db):
    # The services refuse a second article with a title; rows written around them may not.
    for n, title in enumerate(["Raid", "Raid", "Battle", "Raid", "Raid", "Siege"]):
        article = publish_worded(f"{title} {n}")
        Article.objects.filter(pk=article.pk).update(title=title)

    pages = walk(api_client, ARTICLES, {"page_size": 2})
    backward = [pages[-1], *walk(api_client, pages[-1]["previous"], {}, link="previous")]

    expected = list(Article.objects.order_by("title", "pk").values_list("slug", flat=True))
    assert flat(pages) == expected
    assert flat(backward[::-1]) == expected


def test_a_cursor_keeps_the_filters_of_the_list(api_client, articles):
    pages = walk(api_client, ARTICLES, {"page_size": 2, "q": "battle", "ordering": "title"})

    assert flat(pages) == BATTLES_BY_TITLE
    assert all("q=battle" in page["next"] for page in pages[:-1])


def test_the_first_and_a_deep_page_run_the_same_number_of_queries(
    api_client, articles, django_assert_num_queries, count_queries
):
    pages = walk(api_client, ARTICLES, {"page_size": 2})
    deep = pages[-2]["next"]

    # The page, then the count.
    with django_assert_num_queries(1 + count_queries):
        first = api_client.get(ARTICLES, {"page_size": 2})
    with django_assert_num_queries(1 + count_queries):
        last = api_client.get(deep)
    with django_assert_num_queries(1 + count_queries):
        api_client.get(last.json()["previous"])

    assert slugs(first.json()) == slugs(pages[0])
    assert slugs(last.json()) == slugs(pages[-1])


def test_the_deep_page_query_starts_from_its_key_not_an_offset(api_client, articles):
    deep = walk(api_client, ARTICLES, {"page_size": 2})[-2]["next"]

    with CaptureQueriesContext(connection) as queries:
        api_client.get(deep)

    (page,) = set(q["sql"] for q in queries) - set(counts(queries)) - set(explains(queries))
    assert "OFFSET" not in page
    assert '"conflicts_article"."title" >=' in page


# --- Old page-numbered links ----------------------------------------------------------------


def test_an_old_page_numbered_link_lists_the_same_articles_with_cursor_links(api_client, articles):
    pages = walk(api_client, ARTICLES, {"page_size": 3})

    third = api_client.get(ARTICLES, {"page_size": 3, "page": 3}).json()

    assert slugs(third) == slugs(pages[2])
    assert api_client.get(third["next"]).json()["results"] == pages[3]["results"]
    assert api_client.get(third["previous"]).json()["results"] == pages[1]["results"]
    assert third["count"] == 11


@pytest.mark.parametrize(
    "page", ["5", "99", "123456789012345678901234567890", "0", "abc", "²", "-1", "1.5"]
)
def test_a_page_number_past_the_end_or_not_a_number_is_a_404(api_client, articles, page):
    response = api_client.get(ARTICLES, {"page_size": 3, "page": page})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_a_page_number_beside_a_cursor_is_ignored(api_client, articles):
    second = walk(api_client, ARTICLES, {"page_size": 3})[1]
    cursor_url = walk(api_client, ARTICLES, {"page_size": 3})[0]["next"]

    for page in ("4", "abc"):
        body = api_client.get(f"{cursor_url}&page={page}").json()

        assert slugs(body) == slugs(second)


def test_a_page_size_that_is_no_number_is_a_400(api_client, articles):
    response = api_client.get(ARTICLES, {"page_size": "²"})

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


# --- Bad cursors ----------------------------------------------------------------------------


def cursor_of(data) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!",
        "W10",  # []
        cursor_of(["a", ["title"], ["Battle of Gao"], "5"]),
        cursor_of(["a", ["title"], ["Battle of Gao"], True]),
        cursor_of(["a", ["title"], ["Battle of Gao"], 2**64]),
        cursor_of(["a", ["title"], ["Battle of Gao"], -1]),
        cursor_of(["a", ["title"], ["Battle\x00 of Gao"], 5]),
        cursor_of(["a", ["title"], ["\ud800"], 5]),
        cursor_of(["a", ["title"], [None], 5]),
        cursor_of(["a", ["title"], [["nested"]], 5]),
        cursor_of(["a", ["title"], [], 5]),
        cursor_of(["x", ["title"], ["Battle of Gao"], 5]),
        cursor_of(["a", ["title"], None, None]),
        cursor_of(["a", ["-title"], ["Battle of Gao"], 5]),
        cursor_of(["a", ["updated_at"], ["2024-01-01T00:00:00+00:00"], 5]),
        cursor_of(["a", ["lead"], ["x"], 5]),
        "W" * 5000,
        cursor_of(
            [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
        ),
        base64.urlsafe_b64encode(b"[" * 2000).decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_cursor_that_is_not_one_of_the_lists_is_a_404(api_client, articles, cursor):
    response = api_client.get(ARTICLES, {"cursor": cursor})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid cursor")


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2024-01-01T00:00:00",
        "2024-13-01T00:00:00+00:00",
        "2024-01-01",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
    ],
)
def test_a_cursor_with_a_time_that_is_no_moment_is_a_404(api_client, articles, value):
    cursor = cursor_of(["a", ["updated_at"], [value], 5])

    response = api_client.get(ARTICLES, {"cursor": cursor, "ordering": "last_change"})

    assert response.status_code == 404


def test_a_cursor_of_another_ordering_is_a_404(api_client, articles):
    by_title = api_client.get(ARTICLES, {"page_size": 2}).json()["next"]

    response = api_client.get(f"{by_title}&ordering=-last_change")

    assert response.status_code == 404


def test_a_made_up_cursor_of_the_right_shape_is_a_page(api_client, articles):
    body = api_client.get(ARTICLES, {"cursor": cursor_of(["a", ["title"], ["Raid"], 1])}).json()

    assert slugs(body)[0] == "raid-on-gao"


# --- Ranked search results ------------------------------------------------------------------


@pytest.fixture
def battles(articles, monkeypatch):
    """Five articles match "battle"; ranked search results stop at the first three."""
    monkeypatch.setattr(limits, "SEARCH_RESULTS_MAX", 3)
    return articles


def test_ranked_search_results_are_paged_by_number_up_to_the_cap(on_postgres, api_client, battles):
    pages = walk(api_client, ARTICLES, {"q": "battle", "page_size": 2})

    assert [len(page["results"]) for page in pages] == [2, 1]
    assert "page=2" in pages[0]["next"]
    assert pages[1]["next"] is None
    assert api_client.get(pages[1]["previous"]).json() == pages[0]
    assert {page["count"] for page in pages} == {5}


def test_a_page_of_ranked_results_beyond_the_cap_is_a_400_saying_to_narrow_the_search(
    on_postgres, api_client, battles
):
    response = api_client.get(ARTICLES, {"q": "battle", "page_size": 2, "page": 3})

    assert response.status_code == 400
    (message,) = response.json()["errors"]["page"]
    assert "first 3 matches" in message
    assert "narrow the search" in message
    assert "ordering=title" in message


def test_a_page_of_ranked_results_past_the_last_match_is_a_404(on_postgres, api_client, battles):
    response = api_client.get(ARTICLES, {"q": "kidal", "page_size": 2, "page": 3})

    assert response.status_code == 404


def test_ordered_by_a_column_a_search_pages_by_cursor_past_the_cap(
    on_postgres, api_client, battles
):
    pages = walk(api_client, ARTICLES, {"q": "battle", "page_size": 2, "ordering": "-title"})

    assert len(flat(pages)) == 5
    assert "cursor=" in pages[0]["next"]


def test_a_cursor_on_ranked_results_is_a_404(on_postgres, api_client, battles):
    cursor = cursor_of(["a", ["title"], ["Battle of Gao"], 5])

    response = api_client.get(ARTICLES, {"q": "battle", "cursor": cursor})

    assert response.status_code == 404
    assert "paged by `page`" in response.json()["detail"]


def test_the_first_and_last_pages_of_ranked_results_run_as_many_queries(
    on_postgres, api_client, battles, django_assert_num_queries, count_queries
):
    # The page's ids in order of rank, their rows, then the count.
    with django_assert_num_queries(2 + count_queries):
        api_client.get(ARTICLES, {"q": "battle", "page_size": 2})
    with django_assert_num_queries(2 + count_queries):
        api_client.get(ARTICLES, {"q": "battle", "page_size": 2, "page": 2})


# --- The count ------------------------------------------------------------------------------


def explains(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("EXPLAIN")]


def counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]


def test_the_count_is_exact_up_to_the_limit(api_client, articles, monkeypatch):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 11)

    with CaptureQueriesContext(connection) as queries:
        body = api_client.get(ARTICLES).json()

    assert body["count"] == 11
    assert len(counts(queries)) == 1


def test_a_list_expected_far_above_the_limit_is_not_counted(
    on_postgres, api_client, articles, monkeypatch
):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 4)
    monkeypatch.setattr(limits, "ARTICLE_COUNT_ESTIMATE_TRUSTED_ABOVE", 8)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE conflicts_article")  # the statistics the estimate reads

    with CaptureQueriesContext(connection) as queries:
        body = api_client.get(ARTICLES).json()

    assert body["count"] == 11
    assert len(explains(queries)) == 1
    assert counts(queries) == []


def test_above_the_limit_the_count_is_postgresqls_estimate(
    on_postgres, api_client, articles, monkeypatch
):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 4)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE conflicts_article")  # the statistics the estimate reads

    with CaptureQueriesContext(connection) as queries:
        body = api_client.get(ARTICLES).json()

    assert body["count"] == 11
    assert len(explains(queries)) == 1
    # Counted no further than one past the limit.
    (count,) = counts(queries)
    assert count.endswith("LIMIT 5) subquery")


def test_an_estimate_is_never_below_the_limit(on_postgres, api_client, articles, monkeypatch):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 4)

    # The planner expects few rows to match a text search on a table it has not analysed.
    assert api_client.get(ARTICLES, {"q": "battle"}).json()["count"] >= 5


@pytest.fixture
def on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback; run with a sqlite DATABASE_URL")


def test_sqlite_counts_exactly_whatever_the_limit(on_sqlite, api_client, articles, monkeypatch):
    monkeypatch.setattr(limits, "ARTICLE_COUNT_EXACT_MAX", 4)

    assert api_client.get(ARTICLES).json()["count"] == 11


def test_sqlite_search_results_are_by_title_paged_by_cursor(on_sqlite, api_client, battles):
    pages = walk(api_client, ARTICLES, {"q": "battle", "page_size": 2})

    assert flat(pages) == BATTLES_BY_TITLE


# --- The schema -----------------------------------------------------------------------------


@pytest.fixture
def list_operation(api_client, db) -> dict:
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    return schema["paths"][ARTICLES]["get"], schema


def test_the_schema_describes_the_search_as_it_is(list_operation):
    operation, _ = list_operation
    (q,) = [p for p in operation["parameters"] if p["name"] == "q"]

    for words in ("English stem", "accents", "relevance", "snippet", "1,000", "SQLite"):
        assert words in q["description"]


def test_the_schema_documents_the_cursor_the_page_cap_and_the_estimated_count(list_operation):
    operation, schema = list_operation
    parameters = {p["name"]: p for p in operation["parameters"]}
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = page["$ref"].rsplit("/", 1)[-1]
    count = schema["components"]["schemas"][name]["properties"]["count"]

    assert parameters["cursor"]["schema"] == {"type": "string"}
    assert "1,000" in parameters["page"]["description"]
    assert "10,000" in count["description"]
    assert "estimate" in count["description"]
    assert "10,000" in operation["description"]
