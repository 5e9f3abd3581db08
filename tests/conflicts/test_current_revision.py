"""The article keeps its current revision, and each revision what the history shows (size
delta, previous revision), written once when it is published; pages read them instead of
searching the whole history, so they cost the same at 1 and at 500 revisions, and the
history pages by revision number, its last page costing what the first does."""

import importlib
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from conflicts import selectors
from conflicts.models import Article, ArticleRevision
from conflicts.services.importing import article_import
from conflicts.services.proposals import proposal_create
from conflicts.services.reviews import article_revert, proposal_approve
from tests.conftest import SEED_FILES
from tests.factories import UserFactory, propose, publish, revise

pytestmark = pytest.mark.django_db

backfill_migration = importlib.import_module("conflicts.migrations.0006_article_current_revision")


def current_state(article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def long_history(revisions: int, *, author):
    """An article with `revisions` revisions, each a new lead of a different length;
    returns its first revision."""
    first = publish(author=author)
    state = current_state(first.article)
    for n in range(2, revisions + 1):
        revise(first.article, state.replace(lead="Lead. " * (n % 7 + 1) + str(n)), author=author)
    return first


def recorded(article) -> dict:
    """What publishing recorded: each revision's number, size delta and previous revision,
    and the article's current revision."""
    return {
        "revisions": list(
            ArticleRevision.objects.filter(article=article)
            .order_by("number")
            .values_list("number", "size_delta", "previous_id")
        ),
        "current": Article.objects.get(pk=article.pk).current_revision_id,
    }


# --- What publishing writes ----------------------------------------------------------------


def test_a_new_article_points_at_its_first_revision_which_follows_none():
    first = publish()

    assert Article.objects.get(pk=first.article_id).current_revision == first
    assert first.previous is None
    assert first.size_delta is None


def test_each_revision_records_the_one_before_and_its_change_in_size():
    first = publish()
    state = current_state(first.article)
    second = revise(first.article, state.replace(lead=state.lead + " More."))
    third = revise(first.article, state.replace(lead="Short."))

    assert [second.number, third.number] == [2, 3]
    assert second.previous == first
    assert third.previous == second
    assert second.size_delta == second.size - first.size == len(" More.")
    assert third.size_delta == third.size - second.size < 0
    assert Article.objects.get(pk=first.article_id).current_revision == third


def test_the_next_number_comes_from_the_current_revision_not_from_counting():
    first = publish()
    # Were the next number counted from the rows, it would be 2 again.
    ArticleRevision.objects.filter(pk=first.pk).update(number=7)

    revised = revise(first.article, current_state(first.article).replace(lead="Again."))

    assert revised.number == 8


def test_approving_reverting_and_importing_each_move_the_current_revision(reviewer):
    first = publish()
    article = first.article

    approved = proposal_approve(proposal=propose(article, {"lead": "Approved."}), reviewer=reviewer)
    assert selectors.article_current_revision(article) == approved
    assert approved.previous == first

    reverted = article_revert(article=article, revision=first, reviewer=reviewer)
    assert selectors.article_current_revision(article) == reverted
    assert (reverted.number, reverted.previous, reverted.size_delta) == (
        3,
        approved,
        first.size - approved.size,
    )

    imported = article_import(path=SEED_FILES[0]).article
    current = selectors.article_current_revision(imported)
    assert current == imported.revisions.order_by("-number").first()
    assert Article.objects.get(pk=imported.pk).current_revision == current


def test_the_current_revision_is_read_fresh_even_from_a_stale_article():
    first = publish()
    stale = Article.objects.get(pk=first.article_id)
    second = revise(first.article, current_state(first.article).replace(lead="Newer."))

    assert selectors.article_current_revision(stale) == second


def test_the_current_revision_is_no_part_of_history():
    first = publish()
    second = revise(first.article, current_state(first.article).replace(lead="Newer."))

    assert selectors.revision_state(first) != selectors.revision_state(second)
    version = second.revision.version_set.get(content_type__model="article")
    assert "current_revision" not in version.field_dict


# --- The data migration --------------------------------------------------------------------


def run_backfill():
    """The migration's data step, run on the current models as the migration would."""
    backfill_migration.backfill_current_revisions(apps, SimpleNamespace(connection=connection))


def test_the_backfill_writes_exactly_what_publishing_wrote(monkeypatch, editor):
    articles = [long_history(n, author=editor).article for n in (4, 1, 3)]
    expected = [recorded(article) for article in articles]
    ArticleRevision.objects.update(size_delta=None, previous=None)
    Article.objects.update(current_revision=None)
    monkeypatch.setattr(backfill_migration, "ARTICLES_PER_BATCH", 2)
    monkeypatch.setattr(backfill_migration, "ROWS_PER_UPDATE", 2)

    run_backfill()

    assert [recorded(article) for article in articles] == expected


def test_the_backfill_resumes_with_the_articles_it_has_not_filled_yet(editor):
    done, half_done, untouched = (long_history(n, author=editor).article for n in (3, 3, 2))
    expected = [recorded(article) for article in (done, half_done, untouched)]
    ArticleRevision.objects.filter(article=half_done, number__gt=1).update(
        size_delta=None, previous=None
    )
    ArticleRevision.objects.filter(article=untouched).update(size_delta=None, previous=None)
    Article.objects.filter(pk=untouched.pk).update(current_revision=None)

    run_backfill()

    assert [recorded(article) for article in (done, half_done, untouched)] == expected


def test_the_backfill_of_filled_histories_only_looks(django_assert_num_queries, editor):
    long_history(3, author=editor)

    with django_assert_num_queries(1):
        run_backfill()


# --- Query counts at 1 and at 500 revisions ------------------------------------------------


def propose_changes(article):
    return {"lead": f"A proposed lead for {article.slug}."}


@pytest.mark.parametrize("revisions", [1, 500])
def test_reading_and_proposing_cost_the_same_at_1_and_at_500_revisions(
    client, editor, django_assert_num_queries, revisions
):
    first = long_history(revisions, author=editor)
    article, slug = first.article, first.article.slug
    reader, signed_in = client, type(client)()
    signed_in.force_login(UserFactory(username="moussa"))
    pages = {
        # The article with its current revision, the other figures of its fields, its
        # protection (the page's), then that revision's state (two).
        reverse("article_detail", args=[slug]): 5,
        f"/api/articles/{slug}/": 4,
        # The article, the revision, its state (two), the current and the next revision.
        reverse("revision_detail", args=[slug, first.pk]): 6,
    }
    # Revision states uncached (a small cache lets go of them), as the costliest case:
    # `test_query_counts` pins both.
    for url, queries in pages.items():
        cache.clear()
        with django_assert_num_queries(queries):
            assert reader.get(url).status_code == 200

    # The form's page, then the session, user, groups, the user's block and the article,
    # its protection; the current revision once, and its content (the article's fields,
    # then its parts: `conflicts.history`); the header's count of unread notifications.
    cache.clear()
    with django_assert_num_queries(11):
        assert signed_in.get(reverse("article_propose", args=[slug])).status_code == 200
    # The author's block and the article's protection; the current revision (the default
    # base), the article's current revision, the two states together (the same one here);
    # then, in a savepoint, the proposal and the author's watch of the article.
    cache.clear()
    with django_assert_num_queries(10):
        proposal_create(
            article=article, author=editor, summary="A change", changes=propose_changes(article)
        )


@pytest.mark.parametrize("revisions", [1, 500])
def test_publishing_costs_the_same_at_1_and_at_500_revisions(
    editor, django_assert_num_queries, revisions
):
    first = long_history(revisions, author=editor)
    state = current_state(first.article)

    # The count includes the search index, written by its task once the revision commits
    # (tests run tasks at once), on PostgreSQL; SQLite's fallback search has none. The
    # facts' and blame's tasks are left out: they read the new state, from the cache or
    # the history as the cache allows (tests/facts and tests/conflicts/test_blame.py pin
    # them).
    cache.clear()
    with (
        mock.patch("facts.receivers.tasks"),
        mock.patch("conflicts.receivers.tasks"),
        django_assert_num_queries(11 if connection.vendor == "postgresql" else 10),
    ):
        revise(first.article, state.replace(lead="Published once more."), author=editor)


# --- History pages by revision number ------------------------------------------------------


def numbers_on(response) -> list[int]:
    return [revision.number for revision in response.context["page"].revisions]


def history_url(article, query="") -> str:
    return reverse("article_history", args=[article.slug]) + query


@pytest.fixture
def eight_revisions(settings, editor):
    settings.HISTORY_PAGE_SIZE = 3
    return long_history(8, author=editor).article


def test_the_history_shows_the_newest_revisions_first_and_links_to_older_ones(
    client, eight_revisions
):
    response = client.get(history_url(eight_revisions))
    html = response.content.decode()

    assert numbers_on(response) == [8, 7, 6]
    assert "?before=6" in html
    assert "?after=" not in html.replace("?after=0", "")
    assert html.count('class="badge">current') == 1


def test_older_and_newer_pages_follow_each_other_by_revision_number(client, eight_revisions):
    older = client.get(history_url(eight_revisions, "?before=6"))
    oldest = client.get(history_url(eight_revisions, "?before=3"))
    newer = client.get(history_url(eight_revisions, "?after=5"))

    assert numbers_on(older) == [5, 4, 3]
    assert "?before=3" in older.content.decode()
    assert "?after=5" in older.content.decode()
    assert numbers_on(oldest) == [2, 1]
    assert "?before=" not in oldest.content.decode()
    assert numbers_on(newer) == [8, 7, 6]
    assert numbers_on(client.get(history_url(eight_revisions, "?after=0"))) == [3, 2, 1]


def test_a_reviewer_may_revert_to_any_revision_but_the_current_one_on_any_page(
    client, reviewer, eight_revisions
):
    client.force_login(reviewer)

    newest = client.get(history_url(eight_revisions)).content.decode()
    older = client.get(history_url(eight_revisions, "?before=6")).content.decode()

    assert newest.count(">revert to this</a>") == 2
    assert older.count(">revert to this</a>") == 3


@pytest.mark.parametrize(
    ("page", "location"),
    [("1", ""), ("2", "?before=6"), ("3", "?before=3"), ("99", "?before=3"), ("x", ""), ("²", "")],
)
def test_an_old_page_numbered_history_link_redirects_to_the_same_revisions(
    client, eight_revisions, page, location
):
    response = client.get(history_url(eight_revisions, f"?page={page}"))

    assert response.status_code == 302
    assert response["Location"] == history_url(eight_revisions, location)


def test_nonsense_page_keys_show_the_newest_revisions(client, eight_revisions):
    # "²" is a digit to str.isdigit but no number to int().
    for query in ("?before=x", "?after=-1", "?before=99999999999999999999", "?before=²"):
        response = client.get(history_url(eight_revisions, query))
        assert response.status_code == 200
        assert numbers_on(response)[0] == 8


def test_the_first_and_the_last_history_page_cost_the_same_at_500_revisions(
    client, editor, django_assert_num_queries
):
    article = long_history(500, author=editor).article
    pages = {"": list(range(500, 450, -1)), "?before=51": list(range(50, 0, -1))}
    pages["?after=0"] = pages["?before=51"]
    pages["?after=450"] = pages[""]

    for query, numbers in pages.items():
        # The article with its current revision, and one page of revisions.
        with django_assert_num_queries(2):
            response = client.get(history_url(article, query))
        assert numbers_on(response) == numbers
