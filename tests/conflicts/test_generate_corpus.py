"""`generate_corpus`: a deterministic corpus, published and reviewed as the site does it."""

import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from conflicts import selectors
from conflicts.diff import diff_articles
from conflicts.document import INFOBOX_KEYS
from conflicts.models import Article, ArticleRevision, Proposal
from conflicts.services import corpus

pytestmark = pytest.mark.django_db

ARTICLES = 5
CORRECTIONS = 3


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_corpus", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def generated(django_capture_on_commit_callbacks):
    """The output of generating 5 articles and 3 corrections of the long article, with
    what waits for commits (the search index) run as a committed run would."""
    with django_capture_on_commit_callbacks(execute=True):
        return generate("--articles", str(ARTICLES), "--revisions-of-long", str(CORRECTIONS))


def ordinary_articles() -> list[Article]:
    first_revisions = ArticleRevision.objects.filter(
        number=1, revision__comment=corpus.ARTICLE_SUMMARY
    )
    return list(selectors.article_published().filter(revisions__in=first_revisions).order_by("pk"))


def state_of(article: Article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def history(article: Article) -> list[ArticleRevision]:
    return list(selectors.article_history(article).order_by("number"))


def assert_approved_proposal(revision: ArticleRevision, *, reviewer_username: str) -> None:
    proposal = Proposal.objects.get(resulting_revision=revision)
    assert proposal.status == Proposal.Status.APPROVED
    assert proposal.author.username == corpus.EDITOR_USERNAME
    assert proposal.reviewer.username == reviewer_username
    assert revision.reviewer.username == reviewer_username
    assert revision.revision.user.username == corpus.EDITOR_USERNAME


def test_generating_publishes_distinct_seed_shaped_articles(generated):
    articles = ordinary_articles()
    assert [a.title for a in articles] == [
        corpus.corpus_article_title(number) for number in range(ARTICLES)
    ]
    states = [state_of(article) for article in articles]
    assert len({state.text for state in states}) == ARTICLES
    assert len({state.lead for state in states}) == ARTICLES
    for state in states:
        keys = [entry.key for entry in state.infobox]
        assert set(keys) <= set(INFOBOX_KEYS)
        assert {"Conflict", "Date", "Place", "Result", "Combatant1", "Casualties1"} <= set(keys)
        assert 10 <= len(state.sections) <= 14
        assert state.references
        assert state.latitude is not None
        assert state.longitude is not None
        assert 4_000 < state.size < 10_000
    assert f"{ARTICLES:,} articles" in generated
    assert "articles/s" in generated


def test_the_rare_word_is_in_one_article_and_the_common_word_in_most(generated):
    texts = [state_of(article).text for article in Article.objects.all()]
    assert sum(corpus.RARE_WORD in text for text in texts) == 1
    ordinary = [state_of(article).text for article in ordinary_articles()]
    assert corpus.RARE_WORD in ordinary[0]
    assert sum(corpus.COMMON_WORD in text for text in ordinary) == 4
    assert "Kidal" in ordinary_articles()[0].title


def test_search_finds_the_rare_word_and_suggests_the_misspelt_title(generated, on_postgres):
    assert [a.title for a in selectors.article_list(query=corpus.RARE_WORD)] == [
        ordinary_articles()[0].title
    ]
    assert len(selectors.article_list(query=corpus.COMMON_WORD)) >= 4
    assert not selectors.article_list(query=corpus.MISSPELT_TITLE_WORD).exists()
    suggestions = selectors.article_title_suggestions(query=corpus.MISSPELT_TITLE_WORD)
    assert ordinary_articles()[0].title in [article.title for article in suggestions]


def test_the_long_article_has_one_approved_one_field_correction_per_revision(generated):
    article = Article.objects.get(title=corpus.LONG_ARTICLE_TITLE)
    revisions = history(article)
    assert [revision.number for revision in revisions] == list(range(1, CORRECTIONS + 2))
    first = selectors.revision_state(revisions[0])
    assert 21_000 <= first.size <= corpus.LONG_ARTICLE_SIZE
    assert len(first.infobox) == 20
    assert len(first.sections) == corpus.LONG_ARTICLE_SECTIONS
    for older, newer in itertools.pairwise(revisions):
        assert_approved_proposal(newer, reviewer_username=corpus.REVIEWER_USERNAME)
        diff = diff_articles(selectors.revision_state(older), selectors.revision_state(newer))
        (change,) = diff.infobox
        assert change.key in corpus.CORRECTED_KEYS
        # The corrections' one source joins the references with the first of them.
        assert len(diff.references) == (1 if newer.number == 2 else 0)
    assert state_of(article) == selectors.revision_state(revisions[-1])


def test_the_200_section_article_has_two_revisions(generated):
    article = Article.objects.get(title=corpus.SECTIONED_ARTICLE_TITLE)
    first, second = history(article)
    assert len(state_of(article).sections) == corpus.SECTIONED_ARTICLE_SECTIONS
    assert_approved_proposal(second, reviewer_username=corpus.REVIEWER_USERNAME)
    diff = diff_articles(selectors.revision_state(first), selectors.revision_state(second))
    assert len(diff.sections) == 3
    assert len(diff.infobox) == 1


def test_generating_again_is_refused_and_changes_nothing(generated):
    articles, revisions = Article.objects.count(), ArticleRevision.objects.count()
    with pytest.raises(CommandError, match=r"already there.*--append"):
        generate("--articles", "2")
    assert (Article.objects.count(), ArticleRevision.objects.count()) == (articles, revisions)


def test_appending_continues_the_numbering_and_the_long_article(generated):
    long_article = Article.objects.get(title=corpus.LONG_ARTICLE_TITLE)
    generate("--articles", "2", "--revisions-of-long", "1", "--append")
    assert [a.title for a in ordinary_articles()] == [
        corpus.corpus_article_title(number) for number in range(ARTICLES + 2)
    ]
    assert len(history(long_article)) == CORRECTIONS + 2
    assert Article.objects.filter(title=corpus.LONG_ARTICLE_TITLE).count() == 1
    assert Article.objects.filter(title=corpus.SECTIONED_ARTICLE_TITLE).count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--articles", "-1"], "--articles cannot be negative"),
        (["--articles", "1", "--revisions-of-long", "-2"], "--revisions-of-long cannot be"),
        (["--articles", "1", "--batch-size", "0"], "--batch-size must be at least 1"),
    ],
)
def test_negative_numbers_are_refused(args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert not Article.objects.exists()


def test_the_content_depends_on_the_seed_and_the_titles_do_not():
    same = corpus.corpus_article_state(number=7, seed=3)
    assert corpus.corpus_article_state(number=7, seed=3) == same
    other = corpus.corpus_article_state(number=7, seed=4)
    assert other.title == same.title
    assert other.text != same.text
    titles = {corpus.corpus_article_title(number) for number in range(100_000)}
    assert len(titles) == 100_000


def test_refreshing_statistics_inside_a_transaction_analyzes_without_vacuum(on_postgres):
    assert connection.in_atomic_block  # where VACUUM would be an error
    corpus.corpus_statistics_refresh(vacuum=True)
