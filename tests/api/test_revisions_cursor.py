"""An article's revisions in the API come in pages by cursor: `{count, next, previous,
results}`, newest first, every page costing one query for its revisions, the last as
much as the first."""

from itertools import pairwise

import pytest

from conflicts import selectors
from tests.factories import publish, revise

pytestmark = pytest.mark.django_db

ARTICLES = "/api/articles/"


def long_history(revisions: int, *, author):
    """An article with `revisions` revisions, each with a new lead."""
    first = publish(author=author)
    state = selectors.article_state(selectors.article_published().get(pk=first.article_id))
    for n in range(2, revisions + 1):
        revise(first.article, state.replace(lead=f"Lead number {n}."), author=author)
    return first.article


def revisions_url(article) -> str:
    return f"{ARTICLES}{article.slug}/revisions/"


def walk(client, url, link="next", **params) -> list[dict]:
    """Every page from `url` on, following `link`."""
    pages = []
    while url:
        pages.append(client.get(url, params if not pages else None).json())
        url = pages[-1][link]
    return pages


def test_following_next_reads_every_revision_once_newest_first(api_client, editor):
    article = long_history(23, author=editor)

    pages = walk(api_client, revisions_url(article), page_size=10)

    numbers = [revision["number"] for page in pages for revision in page["results"]]
    assert numbers == list(range(23, 0, -1))
    assert [len(page["results"]) for page in pages] == [10, 10, 3]
    assert {page["count"] for page in pages} == {23}
    assert pages[0]["previous"] is None
    assert pages[-1]["next"] is None


def test_following_previous_from_the_last_page_comes_back_to_the_first(api_client, editor):
    article = long_history(23, author=editor)
    last = walk(api_client, revisions_url(article), page_size=10)[-1]

    pages = walk(api_client, last["previous"], link="previous")

    assert [page["results"][0]["number"] for page in pages] == [13, 23]
    assert (
        pages[-1]["results"]
        == api_client.get(revisions_url(article), {"page_size": 10}).json()["results"]
    )


def test_a_revision_published_while_paging_neither_repeats_nor_hides_older_ones(api_client, editor):
    article = long_history(6, author=editor)
    first = api_client.get(revisions_url(article), {"page_size": 3}).json()
    revise(article, selectors.article_state(article).replace(lead="Meanwhile."), author=editor)

    second = api_client.get(first["next"]).json()

    assert [r["number"] for r in first["results"]] == [6, 5, 4]
    assert [r["number"] for r in second["results"]] == [3, 2, 1]
    assert second["count"] == 7


def test_a_size_delta_and_the_proposal_are_given_on_every_page(api_client, editor):
    article = long_history(4, author=editor)

    pages = walk(api_client, revisions_url(article), page_size=1)

    deltas = [page["results"][0]["size_delta"] for page in pages]
    sizes = [page["results"][0]["size"] for page in pages]
    assert deltas[:-1] == [newer - older for newer, older in pairwise(sizes)]
    assert deltas[-1] == sizes[-1]
    assert {page["results"][0]["proposal"] for page in pages} == {None}


# "cD1hYmM=" and "cD0lQzIlQjI=" encode cursors at positions "abc" and "²" (a digit to
# str.isdigit, but no number), which are no revision numbers.
@pytest.mark.parametrize("cursor", ["nonsense", "cD1hYmM=", "cD0lQzIlQjI=", ""])
def test_a_cursor_it_did_not_give_is_a_404_or_the_first_page(api_client, editor, cursor):
    article = long_history(2, author=editor)

    response = api_client.get(revisions_url(article), {"cursor": cursor})

    if cursor:
        assert response.status_code == 404
        assert response.json() == {"detail": "Invalid cursor"}
    else:
        assert [r["number"] for r in response.json()["results"]] == [2, 1]


@pytest.mark.parametrize("page_size", ["0", "101", "ten"])
def test_a_bad_page_size_is_a_400(api_client, editor, page_size):
    article = long_history(1, author=editor)

    response = api_client.get(revisions_url(article), {"page_size": page_size})

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_the_schema_describes_the_cursor_page(api_client, db):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/articles/{slug}/revisions/"]["get"]
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    shape = schema["components"]["schemas"][page.rsplit("/", 1)[-1]]

    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "cursor",
        "page_size",
    }
    assert set(shape["properties"]) == {"count", "next", "previous", "results"}
    assert set(shape["required"]) == {"count", "results"}


def test_the_first_and_the_last_page_cost_the_same_at_500_revisions(
    api_client, editor, django_assert_num_queries
):
    article = long_history(500, author=editor)
    url = revisions_url(article)
    last = api_client.get(url, {"page_size": 100, "page": 5})
    assert last.status_code == 302

    # The article with its current revision, and one page of revisions.
    with django_assert_num_queries(2):
        first = api_client.get(url, {"page_size": 100}).json()
    with django_assert_num_queries(2):
        oldest = api_client.get(last["Location"]).json()
    with django_assert_num_queries(2):
        back = api_client.get(oldest["previous"]).json()

    assert [r["number"] for r in first["results"]] == list(range(500, 400, -1))
    assert [r["number"] for r in oldest["results"]] == list(range(100, 0, -1))
    assert [r["number"] for r in back["results"]] == list(range(200, 100, -1))
    assert oldest["next"] is None
