"""New articles by proposal: held unpublished until a reviewer approves revision 1."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.models import Article, Proposal
from conflicts.services.articles import article_create
from conflicts.services.errors import ArticleExists, ProposalConflict
from conflicts.services.proposals import article_propose, proposal_patch, proposal_update
from conflicts.services.reviews import proposal_approve, proposal_approve_part
from governance.services import article_delete, user_block
from tests.conflicts.services import published_state
from tests.factories import ArticleStateFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

TITLE = "Battle of Tessalit (2024)"


@pytest.fixture
def new_article():
    return ArticleStateFactory(title=TITLE)


@pytest.fixture
def proposal(new_article, editor):
    return article_propose(
        author=editor, summary="A battle we have no article on", proposed=new_article
    )


def test_a_proposed_article_is_not_published_until_approved(proposal):
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.is_new_article
    assert proposal.article.slug == "battle-of-tessalit-2024"
    assert not Article.objects.published().filter(pk=proposal.article_id).exists()
    assert TITLE not in [article.title for article in selectors.article_list()]


def test_approval_publishes_revision_1_with_the_proposer_as_author(
    proposal, new_article, editor, reviewer
):
    revision = proposal_approve(proposal=proposal, reviewer=reviewer)

    assert revision.number == 1
    assert revision.revision.user == editor
    assert revision.reviewer == reviewer
    article = Article.objects.published().get(pk=proposal.article_id)
    assert published_state(article) == new_article.replace(
        sections=published_state(article).sections,
        references=published_state(article).references,
    )
    assert [s.heading for s in published_state(article).sections] == [
        s.heading for s in new_article.sections
    ]


def test_a_partial_document_with_a_title_is_a_new_article(editor, reviewer):
    proposal = article_propose(
        author=editor,
        summary="Stub with its date",
        changes={"title": "Siege of Aguelhok", "infobox": {"Date": "18 January 2012"}},
    )
    revision = proposal_approve(proposal=proposal, reviewer=reviewer)
    state = selectors.revision_state(revision)
    assert (state.title, state.infobox_value("Date")) == ("Siege of Aguelhok", "18 January 2012")


def test_a_new_article_needs_a_title_and_leaves_nothing_behind(editor):
    with pytest.raises(ValidationError) as refused:
        article_propose(author=editor, summary="No title", changes={"lead": "Some text."})
    assert "title" in refused.value.message_dict
    assert not Article.objects.exists()


def test_invalid_content_leaves_no_held_article(editor):
    with pytest.raises(ValidationError):
        article_propose(author=editor, summary="  ", changes={"title": "Raid on Nowhere"})
    assert not Article.objects.exists()


@pytest.mark.parametrize("title", [TITLE, "Battle of Tessalit 2024"])
def test_a_title_or_slug_already_published_is_refused_with_its_address(editor, title):
    existing = publish(ArticleStateFactory(title=TITLE)).article

    with pytest.raises(ArticleExists) as refused:
        article_propose(author=editor, summary="Again", changes={"title": title})

    assert refused.value.article == existing
    assert existing.get_absolute_url() in refused.value.message_dict["title"][0]
    assert Proposal.objects.count() == 0


def test_two_proposals_of_one_title_share_the_held_article(proposal, other_editor):
    second = article_propose(
        author=other_editor, summary="Mine too", changes={"title": TITLE, "lead": "Other words."}
    )
    assert second.article_id == proposal.article_id


def test_the_second_approved_of_one_title_is_a_conflict(proposal, other_editor, reviewer):
    second = article_propose(
        author=other_editor, summary="Mine too", changes={"title": TITLE, "lead": "Other words."}
    )
    proposal_approve(proposal=proposal, reviewer=reviewer)

    with pytest.raises(ProposalConflict) as clash:
        proposal_approve(proposal=second, reviewer=reviewer)

    second.refresh_from_db()
    assert second.status == Proposal.Status.CONFLICT
    assert clash.value.conflicts == ["lead"]
    assert second.article.revisions.count() == 1


def test_a_conflicting_new_article_reworked_on_the_published_one_becomes_a_correction(
    proposal, other_editor, reviewer
):
    second = article_propose(
        author=other_editor, summary="Mine too", changes={"title": TITLE, "lead": "Other words."}
    )
    first = proposal_approve(proposal=proposal, reviewer=reviewer)
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=second, reviewer=reviewer)

    proposal_patch(proposal=second, user=other_editor, parts={}, seen_revision=first)
    second.refresh_from_db()
    assert (second.base_revision, second.status) == (first, Proposal.Status.PENDING)
    revision = proposal_approve(proposal=second, reviewer=reviewer)
    assert selectors.revision_state(revision).lead == "Other words."


def test_a_new_article_rework_without_a_base_is_refused_once_published(
    proposal, other_editor, reviewer
):
    second = article_propose(author=other_editor, summary="Mine", changes={"title": TITLE})
    proposal_approve(proposal=proposal, reviewer=reviewer)

    with pytest.raises(ValidationError) as refused:
        proposal_update(
            proposal=second, user=other_editor, summary="Mine", changes={"lead": "More."}
        )
    assert "published now" in refused.value.message_dict["base_revision"][0]


def test_a_new_title_moves_the_proposal_to_the_article_held_for_it(proposal, editor, reviewer):
    proposal_update(
        proposal=proposal,
        user=editor,
        summary="Better title",
        changes={"title": "Battle of Tessalit (March 2024)"},
    )
    proposal.refresh_from_db()
    assert proposal.article.slug == "battle-of-tessalit-march-2024"
    revision = proposal_approve(proposal=proposal, reviewer=reviewer)
    assert revision.article.get_absolute_url() == "/articles/battle-of-tessalit-march-2024/"


def test_a_new_title_already_published_is_refused_on_rework(proposal, editor):
    publish(ArticleStateFactory(title="Battle of Kidal"))
    with pytest.raises(ArticleExists):
        proposal_update(
            proposal=proposal, user=editor, summary="Retitled", changes={"title": "Battle of Kidal"}
        )
    proposal.refresh_from_db()
    assert proposal.article.slug == "battle-of-tessalit-2024"


def test_a_new_article_is_approved_whole(proposal, reviewer):
    with pytest.raises(ValidationError) as refused:
        proposal_approve_part(
            proposal=proposal, reviewer=reviewer, parts=["lead"], message="Only the lead"
        )
    assert "whole" in refused.value.message_dict["parts"][0]


def test_an_import_of_the_title_publishes_the_held_article_and_the_proposal_clashes(
    proposal, reviewer
):
    imported = article_create(
        state=ArticleStateFactory(title=TITLE, lead="Imported."),
        author=UserFactory(),
        summary="Imported",
    )
    assert imported.article_id == proposal.article_id
    with pytest.raises(ProposalConflict):
        proposal_approve(proposal=proposal, reviewer=reviewer)


def test_a_blocked_editor_is_told_why_and_nothing_is_held(new_article, editor, reviewer):
    user_block(user=editor, by=reviewer, reason="Vandalism of Kidal", expires_at=None)

    with pytest.raises(PermissionDenied) as refused:
        article_propose(author=editor, summary="Again", proposed=new_article)

    assert "Vandalism of Kidal" in str(refused.value)
    assert not Article.objects.exists()


def test_a_visitor_may_not_propose_an_article(new_article):
    with pytest.raises(PermissionDenied):
        article_propose(author=AnonymousUser(), summary="Anon", proposed=new_article)


def test_the_title_of_a_deleted_article_is_refused_with_a_word_on_restoring(editor, reviewer):
    deleted = publish(ArticleStateFactory(title=TITLE)).article
    article_delete(article=deleted, by=reviewer, reason="A hoax")

    with pytest.raises(ValidationError) as refused:
        article_propose(author=editor, summary="Again", changes={"title": TITLE})

    assert "restore it" in refused.value.message_dict["title"][0]
    assert not Proposal.objects.exists()
