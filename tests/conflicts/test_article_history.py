"""Every published change is one revision that can rebuild the article exactly."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from reversion.models import Revision

from conflicts import selectors
from conflicts.document import InfoboxEntry, SectionState
from conflicts.models import Article, ArticleRevision, Section
from tests.factories import ArticleStateFactory, UserFactory, publish, revise

pytestmark = pytest.mark.django_db


def assert_single_new_revision(article, before: int) -> ArticleRevision:
    assert article.revisions.count() == before + 1
    return article.revisions.order_by("-number").first()


def test_creating_an_article_records_its_first_revision_with_author_and_summary():
    author = UserFactory(username="marie")
    state = ArticleStateFactory(title="Battle of Anéfis")

    revision = publish(state, author=author, summary="First draft from sources")

    assert revision.number == 1
    assert revision.revision.user == author
    assert revision.revision.comment == "First draft from sources"
    assert revision.size == state.size
    assert revision.article.slug == "battle-of-anefis"


def test_each_revision_rebuilds_the_article_exactly_as_it_was_published():
    first = ArticleStateFactory(latitude=Decimal("18.4411"), longitude=Decimal("1.4072"))
    article = publish(first).article
    current = selectors.article_state(article)
    second = current.replace(
        lead="A corrected lead.",
        infobox=(*current.infobox[:-1], InfoboxEntry("Casualties2", "3 killed")),
        sections=(current.sections[2], current.sections[0]),
        latitude=None,
        longitude=None,
    )
    revise(article, second)

    history = list(selectors.article_history(article))
    assert [revision.number for revision in history] == [2, 1]
    assert selectors.revision_state(history[1]) == first
    assert selectors.revision_state(history[0]) == second
    assert selectors.article_state(selectors.article_published().get(pk=article.pk)) == second


def test_a_section_keeps_its_id_across_revisions_even_when_moved():
    article = publish().article
    state = selectors.article_state(article)
    background_id = state.sections[0].id
    revise(article, state.replace(sections=(*state.sections[1:], state.sections[0])))

    moved = Section.objects.get(article=article, heading="Background")
    assert moved.id == background_id
    assert moved.position == 2


def test_history_shows_each_size_change_against_the_revision_before():
    article = publish(ArticleStateFactory(lead="Short.")).article
    state = selectors.article_state(article)
    revise(article, state.replace(lead="Short. " + "x" * 120))
    revise(article, state.replace(lead=""))

    deltas = [(r.number, r.size_delta) for r in selectors.article_history(article)]

    # 121 characters added to the lead; then the whole lead and its line break removed.
    assert deltas == [(3, -(6 + 121 + 1)), (2, 121), (1, None)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"infobox": (InfoboxEntry("", "orphan value"),)}, "infobox"),
        ({"infobox": (InfoboxEntry("Date", "1990"), InfoboxEntry("Date", "1991"))}, "infobox"),
        ({"infobox": (InfoboxEntry("Date", "x" * 2001),)}, "infobox"),
        ({"sections": (SectionState("Battle", 4, "body"),)}, "sections"),
        ({"sections": (SectionState("Battle", 2, "x" * 100_001),)}, "sections"),
        ({"latitude": Decimal("91"), "longitude": Decimal("0")}, "coordinates"),
        ({"latitude": Decimal("10"), "longitude": None}, "coordinates"),
        ({"latitude": Decimal("NaN"), "longitude": Decimal("1")}, "coordinates"),
    ],
)
def test_invalid_content_is_refused_by_field_and_nothing_is_written(change, field):
    article = publish().article
    before = selectors.article_state(selectors.article_published().get(pk=article.pk))
    revisions = Revision.objects.count()

    with pytest.raises(ValidationError) as refused:
        revise(article, before.replace(**change))

    assert field in refused.value.message_dict
    assert Revision.objects.count() == revisions
    assert selectors.article_state(selectors.article_published().get(pk=article.pk)) == before


def test_a_revision_without_summary_is_refused():
    article = publish().article
    with pytest.raises(ValidationError) as refused:
        revise(article, ArticleStateFactory(title=article.title), summary="  ")
    assert "summary" in refused.value.message_dict


def test_a_different_title_whose_slug_is_taken_gets_a_slug_of_its_own():
    first = publish(ArticleStateFactory(title="Raid on Ménaka")).article
    second = publish(ArticleStateFactory(title="Raid on Menaka")).article
    assert (first.slug, second.slug) == ("raid-on-menaka", "raid-on-menaka-2")
    assert Article.objects.count() == 2


def test_a_revision_of_another_article_is_not_found_on_this_one():
    first = publish()
    other = publish()
    assert selectors.revision_get(first.article, other.revision_id) is None
    assert selectors.revision_get(first.article, "not-a-number") is None
    assert selectors.revision_get(first.article, first.revision_id) == first


def test_ids_too_large_for_a_database_row_are_not_found():
    revision = publish()
    assert selectors.revision_get(revision.article, 2**63) is None
    assert selectors.revision_get(revision.article, -1) is None


@pytest.fixture
def kidal_history(kidal):
    """Kidal as imported, then revised twice: the article and its three revisions."""
    first = kidal.current_revision
    author = UserFactory(username="ada")
    second = revise(
        kidal, selectors.revision_state(first).replace(lead="A second lead."), author=author
    )
    third = revise(
        kidal, selectors.revision_state(second).replace(lead="A third lead."), author=author
    )
    return kidal, first, second, third


def test_every_name_in_history_links_to_the_persons_page(client, kidal):
    html = client.get(f"/articles/{kidal.slug}/history/").content.decode()

    assert 'class="user-link" href="/accounts/importer/">importer</a>' in html


def test_history_rows_compare_with_the_current_and_the_previous_revision(client, kidal_history):
    article, first, second, third = kidal_history
    html = client.get(f"/articles/{article.slug}/history/").content.decode()
    compare = f"/articles/{article.slug}/compare/"

    cur = f"{compare}?from={second.id}&amp;to={third.id}"
    prev = f"{compare}?from={first.id}&amp;to={second.id}"
    assert f'href="{cur}" aria-label="Compare revision 2 with the current one">cur</a>' in html
    assert f'href="{prev}" aria-label="Compare revision 2 with the one before">prev</a>' in html


def test_a_diff_steps_to_the_older_and_the_newer_edit(client, kidal_history):
    article, first, second, third = kidal_history
    compare = f"/articles/{article.slug}/compare/"

    html = client.get(f"{compare}?from={first.id}&to={second.id}").content.decode()

    assert "← Older edit" not in html  # the first revision has none before it
    assert f'href="{compare}?from={second.id}&amp;to={third.id}">Newer edit →</a>' in html
    html = client.get(f"{compare}?from={second.id}&to={third.id}").content.decode()
    assert f'href="{compare}?from={first.id}&amp;to={second.id}">← Older edit</a>' in html
    assert "Newer edit →" not in html


def test_an_old_revision_steps_to_its_neighbours(client, kidal_history):
    article, first, second, third = kidal_history

    html = client.get(f"/articles/{article.slug}/revisions/{second.id}/").content.decode()

    assert f'href="/articles/{article.slug}/revisions/{first.id}/">← Older revision</a>' in html
    assert f'href="/articles/{article.slug}/revisions/{third.id}/">Newer revision →</a>' in html
