"""What reading and approving cost does not grow with history or with the article: the
same number of queries at 1 and at 500 revisions, and at 3 and at 300 parts."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from conflicts import selectors
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.services.reviews import proposal_approve
from tests.factories import ReviewerFactory, committed, propose, publish, revise

pytestmark = pytest.mark.django_db

SIZES = [(1, 3), (500, 3), (1, 300), (500, 300)]


def article_of(parts: int) -> ArticleState:
    """An article of `parts` parts: a third infobox fields, half sections, the rest
    references (one of each at 3)."""
    infobox_count, section_count = max(1, parts // 3), max(1, parts // 2)
    reference_count = parts - infobox_count - section_count
    return ArticleState(
        title=f"Battle of {parts} parts",
        lead="A battle.",
        infobox=(
            InfoboxEntry("Casualties1", "0 killed"),
            *(InfoboxEntry(f"Notes{n}", f"Note {n}.") for n in range(1, infobox_count)),
        ),
        sections=tuple(
            SectionState(f"Phase {n}", 2, f"Phase {n} began.") for n in range(section_count)
        ),
        references=tuple(ReferenceState(f"Report {n}") for n in range(reference_count)),
    )


def corrected(state: ArticleState, casualties: str) -> ArticleState:
    return state.replace(infobox=(InfoboxEntry("Casualties1", casualties), *state.infobox[1:]))


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}rev-{size[1]}parts")
def history(request, editor):
    """An article of that many parts with that many revisions, each a one-field
    correction; (first revision, newest revision)."""
    revisions, parts = request.param
    first = newest = publish(article_of(parts), author=editor)
    state = selectors.revision_state(first)  # with the ids of its sections and references
    for n in range(2, revisions + 1):
        newest = revise(first.article, corrected(state, f"{n} killed"), author=editor)
    return first, newest


# Reading a revision's state costs two queries (the article's fields, then its parts:
# `conflicts.history.states_at`) for any number of revisions, and none once it is cached;
# publishing caches the state it publishes.
STATES_READ = 2
# The session, the reviewer, their role, the header's counts (unread notifications and the
# queue), the page's count and proposals.
QUEUE_PAGE = 7


@pytest.mark.parametrize("cached", [True, False], ids=["states-cached", "cache-empty"])
def test_reading_and_approving_cost_the_same_whatever_the_history_and_the_size(
    client, history, django_assert_num_queries, cached
):
    first, newest = history
    article = first.article
    slug = article.slug
    compare = f"?from={first.pk}&to={newest.pk}"
    states = 0 if cached else STATES_READ
    pages = {
        # The article with its current revision, the other figures of its fields, its
        # protection, then that revision's state.
        reverse("article_detail", args=[slug]): 3 + states,
        f"/api/articles/{slug}/": 2 + states,
        # The article with its current revision, and one page of revisions.
        reverse("article_history", args=[slug]): 2,
        reverse("article_history", args=[slug]) + "?after=0": 2,
        # The article, each revision, the revision after the newer one (for "Newer
        # edit →"), then both states together.
        reverse("article_compare", args=[slug]) + compare: 4 + states,
        f"/api/articles/{slug}/compare/{compare}": 3 + states,
    }
    client.get(reverse("article_detail", args=[slug]))  # content types, cached from then on
    proposal = propose(article, {"infobox": {"Casualties1": "1,000 killed"}})
    reviewer = ReviewerFactory()
    if cached:
        with committed():  # read and cached again: a small cache may have let them go
            selectors.revision_states([first.pk, newest.pk])
    else:
        cache.clear()
    for url, queries in pages.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
        if not cached:
            cache.clear()

    # The reviewers' queue: the session, the reviewer and their groups, the count and
    # the page of proposals with their articles and authors, then the pending proposal's
    # base state, for the diff each row shows.
    queue = type(client)()
    queue.force_login(reviewer)
    if not cached:
        cache.clear()
    with django_assert_num_queries(QUEUE_PAGE + states):
        assert queue.get(reverse("proposal_list") + "?status=pending").status_code == 200

    # The reviewer's role; a savepoint; the article locked and its current revision; the
    # proposal locked, with its author and base; the base's and the current state
    # together; the one changed row; the revision, its version and its record; the
    # article row; the proposal; the savepoint released.
    with django_assert_num_queries(12 + states):
        proposal_approve(proposal=proposal, reviewer=reviewer)

    assert article.infobox_fields.get(key="Casualties1").value == "1,000 killed"
