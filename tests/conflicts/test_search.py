"""Searching the encyclopedia: on PostgreSQL a stored, weighted, stemmed and accent-blind
full-text index ranked by relevance, with snippets and suggestions for misspelt titles;
on SQLite (the demo) a case-insensitive match of every word."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from conflicts import selectors
from conflicts.models import Article, ArticleSearch
from conflicts.services.articles import article_lock, article_revise
from conflicts.services.reviews import proposal_approve
from tests.factories import ArticleStateFactory, committed, propose, publish, publish_worded, revise

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [a.title for a in selectors.article_list(query=query)]


def index_page(client, query: str):
    response = client.get("/", {"q": query})
    assert response.status_code == 200
    return response


# --- PostgreSQL ---------------------------------------------------------------------------


def test_a_title_match_ranks_before_a_match_in_the_body(on_postgres):
    publish_worded("Siege of Aguelhok", body="The garrison was cut off from Tessalit.")
    publish_worded("Raid on Tessalit", body="A raid on the airfield.")

    assert found("Tessalit") == ["Raid on Tessalit", "Siege of Aguelhok"]


def test_a_lead_match_ranks_before_a_match_in_a_section(on_postgres):
    publish_worded("Alpha", body="Later the Tinzawatene wells were taken.")
    publish_worded("Beta", lead="A fight for the Tinzawatene wells.")

    assert found("Tinzawatene") == ["Beta", "Alpha"]


@pytest.mark.parametrize(("query", "written"), [("battles", "battle"), ("battle", "battles")])
def test_words_are_found_by_their_stem(on_postgres, query, written):
    publish_worded("Anéfis", body=f"The {written} lasted a week.")

    assert found(query) == ["Anéfis"]


@pytest.mark.parametrize(
    ("query", "written"), [("Menaka", "Ménaka"), ("Ménaka", "Menaka"), ("MENAKA", "ménaka")]
)
def test_accents_and_case_do_not_matter(on_postgres, query, written):
    publish_worded(f"Raid on {written}")

    assert found(query) == [f"Raid on {written}"]


def test_every_word_of_the_query_must_be_found(on_postgres):
    publish_worded("Raid on Tessalit", body="Trucks came at dawn.")

    assert found("Tessalit dawn") == ["Raid on Tessalit"]
    assert found("Tessalit dusk") == []


def test_each_result_has_a_snippet_with_the_words_marked(on_postgres, client):
    publish_worded(
        "Siege of Aguelhok", body="The garrison held out at Aguelhok for weeks of battles."
    )

    (result,) = selectors.article_list(query="aguelhok battle")

    assert "<mark>Aguelhok</mark>" in result.snippet
    assert "<mark>battles</mark>" in result.snippet
    html = index_page(client, "aguelhok battle").content.decode()
    assert '<p class="snippet">' in html
    assert "<mark>battles</mark>" in html


def test_html_in_article_text_is_escaped_in_snippets(on_postgres, client):
    hostile = 'The raid <mark>x</mark> & "the" <script>alert(1)</script> at dawn.'
    publish_worded("Night at the Wells", lead=hostile)

    (result,) = selectors.article_list(query="raid")
    html = index_page(client, "raid").content.decode()

    assert result.snippet.startswith(
        "<mark>raid</mark> &lt;mark&gt;x&lt;/mark&gt; &amp; &quot;the&quot; &lt;script"
    )
    assert "<script>" not in html
    assert "&lt;mark&gt;x&lt;/mark&gt;" in html
    assert html.count("<mark>") == html.count("</mark>") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kidl", "Second Battle of Kidal"),
        ("Menka", "Ménaka offensive"),
        ("menaka ofensive", "Ménaka offensive"),
    ],
)
def test_a_misspelt_query_suggests_the_closest_titles(
    on_postgres, client, seed_articles, query, expected
):
    assert found(query) == []

    suggested = [a.title for a in selectors.article_title_suggestions(query=query)]
    html = index_page(client, query).content.decode()

    assert expected in suggested
    assert "Did you mean" in html
    assert f'href="{Article.objects.get(title=expected).get_absolute_url()}"' in html


def test_a_query_like_no_title_suggests_nothing(on_postgres, client, seed_articles):
    assert selectors.article_title_suggestions(query="zeppelin") == []
    assert "Did you mean" not in index_page(client, "zeppelin").content.decode()


def test_a_pending_proposals_words_are_never_found_until_approved(on_postgres, reviewer):
    published = publish_worded("Raid on Tessalit")
    proposal = propose(
        published,
        {"lead": "Zarqawibanana fighters took the airfield.", "title": "Zarqawibanana raid"},
    )

    assert found("Zarqawibanana") == []
    assert selectors.article_title_suggestions(query="Zarqawibanana") == []

    with committed():  # the search index is written once the approval commits
        proposal_approve(proposal=proposal, reviewer=reviewer)

    assert found("Zarqawibanana") == ["Zarqawibanana raid"]


def test_a_revision_replaces_the_words_that_are_found(on_postgres):
    published = publish_worded("Raid on Tessalit", body="Trucks came at dawn.")

    revise(published, ArticleStateFactory(title="Raid on Tessalit", lead="Camels at dusk."))

    assert found("dawn") == []
    assert found("camels") == ["Raid on Tessalit"]


def vectors() -> dict[int, str]:
    return dict(ArticleSearch.objects.values_list("article", "vector"))


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_vector_to_the_search_table(on_postgres):
    published = publish_worded("Raid on Tessalit", body="Trucks came at dawn.")
    written = vectors()
    executor = MigrationExecutor(connection)
    before = ("conflicts", "0009_history_stores_changes_only")

    executor.migrate([before])
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector FROM conflicts_article WHERE id = %s", [published.pk])
        assert cursor.fetchone()[0] == written[published.pk]
    executor.loader.build_graph()
    # On to the latest, 0010 moving the vectors, so that the next tests find every table
    # and index (the apps that depend on this one were unapplied with it).
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert vectors() == written


def revise_in_transaction(article, state, author):
    """Publish `state` as the publishing services do: locked, in a transaction."""
    with transaction.atomic():
        locked = article_lock(article)
        article_revise(
            article=locked,
            current=selectors.article_current_state(locked),
            state=state,
            author=author,
            summary="Dusk",
        )


def test_the_index_is_written_once_the_revision_commits_not_inside_it(
    on_postgres, editor, django_capture_on_commit_callbacks
):
    published = publish_worded("Raid on Tessalit", body="Trucks came at dawn.")
    state = ArticleStateFactory(title="Raid on Tessalit", lead="Camels at dusk.")

    with django_capture_on_commit_callbacks() as waiting:
        revise_in_transaction(published, state, editor)
        assert found("camels") == []
    for callback in waiting:
        callback()

    assert found("camels") == ["Raid on Tessalit"]


def test_a_publish_leaves_the_index_to_a_worker_not_to_the_reviewers_request(
    on_postgres, editor, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    published = publish_worded("Raid on Tessalit", body="Trucks came at dawn.")
    state = ArticleStateFactory(title="Raid on Tessalit", lead="Camels at dusk.")

    with django_capture_on_commit_callbacks(execute=True):
        revise_in_transaction(published, state, editor)

    assert found("camels") == []  # queued, not written in the request
    queued = DBTaskResult.objects.filter(task_path="conflicts.tasks.search_index_update")
    assert [task.args_kwargs["args"] for task in queued] == [[[published.pk]]] * 2
    for task in queued:  # what the worker does
        task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
    assert found("camels") == ["Raid on Tessalit"]


def test_vectors_are_kept_in_the_search_tables_own_pages(on_postgres):
    # Out of line, in TOAST, every vector a common word matches is fetched through an
    # index lookup of its own when the matches are ranked.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'conflicts_articlesearch'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'conflicts_articlesearch'")
        assert cursor.fetchone() == (["toast_tuple_target=8160"],)


def test_rebuilding_the_index_repairs_vectors_left_stale(on_postgres, seed_articles):
    written = vectors()
    ids = sorted(written)
    ArticleSearch.objects.filter(pk__in=ids[::2]).update(vector="")
    ArticleSearch.objects.filter(pk__in=ids[1::2]).delete()

    call_command("rebuild_search_index", stdout=StringIO())

    assert vectors() == written


def test_the_api_search_is_ranked_and_has_snippets(on_postgres, client):
    publish_worded("Siege of Aguelhok", body="The garrison was cut off from Tessalit.")
    publish_worded("Raid on Tessalit", body="A raid on the airfield.")

    results = client.get("/api/articles/", {"q": "tessalit"}).json()["results"]

    assert [r["title"] for r in results] == ["Raid on Tessalit", "Siege of Aguelhok"]
    assert "<mark>Tessalit</mark>" in results[1]["snippet"]


def test_the_api_list_without_a_query_has_no_snippets(client):
    publish_worded("Raid on Tessalit")

    (result,) = client.get("/api/articles/").json()["results"]

    assert "snippet" not in result


@pytest.mark.parametrize("size", [3, 12])
def test_the_search_page_runs_a_fixed_number_of_queries(
    on_postgres, client, django_assert_num_queries, count_queries, size
):
    for n in range(size):
        publish_worded(f"Raid number {n} on Tessalit")

    # The count, the page's ids in order of rank, then their rows with their snippets.
    with django_assert_num_queries(count_queries + 2):
        index_page(client, "tessalit")
    # The count, then the suggestions, as nothing matched.
    with django_assert_num_queries(count_queries + 1):
        index_page(client, "Tesalit")


# --- SQLite ---------------------------------------------------------------------------------


@pytest.fixture
def on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback; run with a sqlite DATABASE_URL")


def test_sqlite_finds_every_word_in_any_part_ignoring_case(on_sqlite):
    publish_worded("Raid on Tessalit", body="Trucks came at dawn.")
    publish_worded("Siege of Aguelhok", lead="Cut off from TESSALIT.")

    assert found("tessalit") == ["Raid on Tessalit", "Siege of Aguelhok"]
    assert found("tessalit DAWN") == ["Raid on Tessalit"]
    assert found("tessalit dusk") == []


def test_sqlite_offers_no_snippets_or_suggestions(on_sqlite, client):
    publish_worded("Raid on Tessalit")

    (result,) = selectors.article_list(query="tessalit")
    html = index_page(client, "Tesalit").content.decode()

    assert not hasattr(result, "snippet")
    assert selectors.article_title_suggestions(query="Tesalit") == []
    assert "No article matches" in html
    assert "Did you mean" not in html


def test_sqlite_never_finds_a_pending_proposals_words(on_sqlite):
    published = publish_worded("Raid on Tessalit")
    propose(published, {"lead": "Zarqawibanana fighters took the airfield."})

    assert found("Zarqawibanana") == []


def test_reading_and_publishing_an_article_never_load_its_search_vector(client):
    published = publish(ArticleStateFactory(title="Battle of Tessalit")).article

    with CaptureQueriesContext(connection) as page:
        client.get(published.get_absolute_url())
    with CaptureQueriesContext(connection) as publishing:
        state = selectors.article_state(selectors.article_published().get(pk=published.pk))
        revise(published, state.replace(lead="The garrison held out for a month."))

    reads = [query["sql"] for query in [*page, *publishing] if query["sql"].startswith("SELECT")]
    assert reads
    assert not [sql for sql in reads if "conflicts_articlesearch" in sql]
