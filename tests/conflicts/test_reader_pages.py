"""What an anonymous reader sees on the index, an article, its history and comparisons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conflicts import selectors
from conflicts.document import InfoboxEntry, SectionState
from tests.factories import ArticleStateFactory, UserFactory, publish, revise

pytestmark = pytest.mark.django_db


def history_of(article):
    return list(selectors.article_history(article))


def test_the_index_lists_every_article_with_date_place_and_last_change(client, seed_articles):
    page = client.get("/").content.decode()

    for article in seed_articles.values():
        assert article.title in page
    assert "16–21 May 2014 (5 days)" in page
    assert "Vicinity of Ménaka, Mali" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kidal", {"second-battle-of-kidal", "2006-kidal-and-menaka-mutinies", "1990-menaka-raid"}),
        ("Moussa Mara", {"second-battle-of-kidal"}),
        ("mutinies", {"2006-kidal-and-menaka-mutinies"}),
        ("Iyad Ghaly", {"1990-menaka-raid", "2006-kidal-and-menaka-mutinies"}),
        ("Wassim Nasr", {"menaka-offensive"}),
        ("zeppelin", set()),
    ],
)
def test_searching_finds_articles_by_words_in_title_or_text(client, seed_articles, query, expected):
    response = client.get("/", {"q": query})

    found = {a.slug for a in response.context["page"].object_list}
    assert found == expected
    if not expected:
        assert "No article matches" in response.content.decode()


def test_an_article_page_reads_like_an_encyclopedia_entry(client, kidal):
    response = client.get(kidal.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<table class="infobox"' in html
    assert 'data-key="Combatant1">Mali<' in html
    assert 'data-key="Combatant2">Azawad<' in html
    assert "Casualties and losses" in html
    assert "<h2 id=" in html
    assert "<h3 id=" in html
    assert "Le Monde.fr" in html
    assert "18.4411°N 1.4072°E" in html
    assert "Related Research Articles" not in html


def test_an_unknown_article_is_a_404(client, db):
    assert client.get("/articles/no-such-battle/").status_code == 404


@pytest.mark.parametrize("query", ["", "?from=1", "?to=1"])
def test_compare_without_two_revisions_is_a_404_that_says_where_to_choose_them(
    client, kidal, query
):
    response = client.get(f"/articles/{kidal.slug}/compare/{query}")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Which two revisions?</h1>" in html
    assert f'href="/articles/{kidal.slug}/history/"' in html


def test_import_notes_are_shown_to_signed_in_editors_only(client, seed_articles):
    offensive = seed_articles["menaka-offensive"]
    assert offensive.import_notes.exists()

    assert "Import notes" not in client.get(offensive.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    assert "Import notes" in client.get(offensive.get_absolute_url()).content.decode()


def test_history_lists_revisions_newest_first_with_author_summary_and_size_change(client):
    first = publish(ArticleStateFactory(lead="Short."), author=UserFactory(username="amadou"))
    article = first.article
    revise(
        article,
        selectors.article_state(article).replace(lead="Short. Longer now."),
        author=UserFactory(username="fatima"),
        summary="Expand the lead",
    )

    response = client.get(reverse("article_history", args=[article.slug]))

    html = response.content.decode()
    assert html.index("fatima") < html.index("amadou")
    assert "Expand the lead" in html
    assert "(+12)" in html
    assert 'with the one before">prev</a>' in html
    newest, oldest = history_of(article)
    assert f"?from={oldest.id}&amp;to={newest.id}" in html


def test_an_old_revision_shows_the_article_as_it_was_and_says_so(client):
    article = publish(ArticleStateFactory(lead="The original lead.")).article
    old = history_of(article)[0]
    revise(article, selectors.article_state(article).replace(lead="A rewritten lead."))

    html = client.get(reverse("revision_detail", args=[article.slug, old.id])).content.decode()

    assert "The original lead." in html
    assert "A rewritten lead." not in html
    assert "This is an old revision of this article" in html
    assert reverse("article_history", args=[article.slug]) in html


def test_compare_shows_field_changes_and_word_level_text_changes(client):
    article = publish().article
    state = selectors.article_state(article)
    revise(
        article,
        state.replace(
            lead=state.lead + " The MNLA held the town.",
            infobox=(
                *[e for e in state.infobox if e.key != "Casualties1"],
                InfoboxEntry("Casualties1", "50 killed, 40 wounded"),
                InfoboxEntry("Strength1", "1,500"),
            ),
            sections=(*state.sections[:2], SectionState("Legacy", 2, "Remembered.")),
        ),
    )
    newest, oldest = history_of(article)

    response = client.get(
        reverse("article_compare", args=[article.slug]), {"from": oldest.id, "to": newest.id}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Casualties1" in html
    assert "Strength1" in html
    assert '<ins class="diff-ins">' in html
    assert '<del class="diff-del">' in html
    assert "held the town." in html
    assert "Legacy" in html
    assert "Aftermath" in html
    assert "badge--added" in html
    assert "badge--removed" in html


def test_compare_side_by_side_puts_the_old_text_beside_the_new(client):
    article = publish(ArticleStateFactory(lead="The army held Kidal.")).article
    revise(article, selectors.article_state(article).replace(lead="The MNLA held Kidal."))
    newest, oldest = history_of(article)
    url = reverse("article_compare", args=[article.slug])

    page = client.get(url, {"from": oldest.id, "to": newest.id, "view": "side"})

    html = page.content.decode()
    assert 'aria-current="page">Side by side</a>' in html
    lead = html[html.index('aria-label="Lead changed"') :]
    old = lead[lead.index('class="diff-side__old') : lead.index('class="diff-side__new')]
    new = lead[lead.index('class="diff-side__new') :]
    assert 'The <del class="diff-del">army</del> held Kidal.' in old
    assert "diff-ins" not in old
    assert 'The <ins class="diff-ins">MNLA</ins> held Kidal.' in new.split("</div>")[0]


def test_compare_is_inline_by_default_and_for_an_unknown_layout(client):
    article = publish(ArticleStateFactory(lead="The army held Kidal.")).article
    revise(article, selectors.article_state(article).replace(lead="The MNLA held Kidal."))
    newest, oldest = history_of(article)
    url = reverse("article_compare", args=[article.slug])

    for view in ("", "sideways"):
        html = client.get(url, {"from": oldest.id, "to": newest.id, "view": view}).content
        assert b"diff-side" not in html
        assert b'aria-current="page">Inline</a>' in html


@pytest.mark.parametrize(
    "params",
    [{}, {"from": "abc", "to": "1"}, {"from": "999999", "to": "999999"}, {"from": "-1"}],
)
def test_compare_with_missing_or_invalid_revisions_is_a_404(client, params):
    article = publish().article
    response = client.get(reverse("article_compare", args=[article.slug]), params)
    assert response.status_code == 404


def test_compare_or_revision_of_another_articles_revision_is_a_404(client):
    mine, theirs = publish(), publish()
    compare = reverse("article_compare", args=[mine.article.slug])
    foreign = {"from": mine.id, "to": theirs.id}

    assert client.get(compare, foreign).status_code == 404
    revision_url = reverse("revision_detail", args=[mine.article.slug, theirs.id])
    assert client.get(revision_url).status_code == 404


def _grow(article, revisions: int):
    """Give the article many more revisions, and more infobox fields and sections."""
    state = selectors.article_state(article)
    for n in range(revisions):
        if n < 30:
            state = state.replace(
                infobox=(*state.infobox, InfoboxEntry(f"Extra{n}", f"value {n}")),
                sections=(*state.sections, SectionState(f"Phase {n}", 2 + n % 2, f"Body {n}.")),
            )
        else:
            state = state.replace(lead=f"Lead as of step {n}.")
        revise(article, state, summary=f"Step {n}")


def _page_urls(article) -> dict[str, str]:
    history = history_of(article)
    newest, oldest = history[0], history[-1]
    return {
        "article": article.get_absolute_url(),
        "history": reverse("article_history", args=[article.slug]),
        "oldest history page": reverse("article_history", args=[article.slug]) + "?before=2",
        "revision": reverse("revision_detail", args=[article.slug, oldest.id]),
        "compare": reverse("article_compare", args=[article.slug])
        + f"?from={oldest.id}&to={newest.id}",
    }


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_run_the_same_number_of_queries_at_1_and_at_200_revisions(client):
    small = publish().article
    large = publish().article
    _grow(large, 199)
    assert len(history_of(large)) == 200

    small_urls, large_urls = _page_urls(small), _page_urls(large)
    counts = {
        page: (_queries(client, small_urls[page]), _queries(client, large_urls[page]))
        for page in small_urls
    }

    assert all(at_1 == at_200 for at_1, at_200 in counts.values()), counts
    assert all(at_1 <= 8 for at_1, _ in counts.values()), counts


def test_an_article_titled_in_another_script_has_a_working_page(client):
    article = publish(ArticleStateFactory(title="Битва за Кидаль")).article

    assert article.slug == "битва-за-кидаль"
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(reverse("article_history", args=[article.slug])).status_code == 200
