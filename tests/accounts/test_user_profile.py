"""A user's page: public contributions for everyone, proposals only for them and reviewers."""

import pytest
from django.urls import reverse

from conflicts import selectors
from conflicts.models import Proposal
from tests.factories import UserFactory, publish, revise

pytestmark = pytest.mark.django_db

SECRET_CHANGE = "secret pending text"


def profile_url(user):
    return reverse("user_profile", args=[user.get_username()])


def propose(author, *, summary="Fix lead", **fields):
    """A pending proposal by `author` on an article they first published."""
    revision = publish(author=author)
    return Proposal.objects.create(
        article=revision.article,
        author=author,
        base_revision=revision,
        changes={"lead": SECRET_CHANGE},
        summary=summary,
        **fields,
    )


def page_of(client, user, viewer=None, **params):
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(profile_url(user), params)
    assert response.status_code == 200
    return response


def test_the_page_shows_the_username_join_date_and_published_contributions(client, editor):
    revision = publish(author=editor, summary="Created from the Kidal notes", title="Kidal 2014")

    html = page_of(client, editor).content.decode()

    assert "<h1>ada" in html
    assert editor.date_joined.strftime("%-d %B %Y") in html
    assert "Kidal 2014" in html
    assert "Created from the Kidal notes" in html
    revision_url = reverse("revision_detail", args=[revision.article.slug, revision.revision_id])
    assert f'href="{revision_url}">Revision 1</a>' in html
    assert "Reviewer</span>" not in html


def test_a_reviewers_page_carries_the_reviewer_badge(client, reviewer):
    assert "Reviewer</span>" in page_of(client, reviewer).content.decode()


def test_contributions_are_only_the_users_own_newest_first_with_size_change(client, editor):
    first = publish(author=editor, title="Ménaka raid")
    publish(title="Someone else's article")
    article = selectors.article_published().get(pk=first.article_id)
    state = selectors.article_state(article).replace(lead="A shorter lead.")
    newer = revise(article, state, author=editor, summary="Shorter lead")

    rows = list(page_of(client, editor).context["contributions"].object_list)

    assert [row.pk for row in rows] == [newer.pk, first.pk]
    assert rows[0].size_delta == newer.size - first.size
    assert rows[1].size_delta is None


@pytest.mark.parametrize("viewer", ["anonymous", "other editor"])
def test_anonymous_readers_and_other_editors_never_see_someones_proposals(
    client, editor, other_editor, viewer
):
    propose(editor, summary="Casualties: 50 killed, 40 wounded")

    response = page_of(client, editor, other_editor if viewer == "other editor" else None)

    html = response.content.decode()
    assert response.context["proposals"] is None
    assert "Casualties: 50 killed, 40 wounded" not in html
    assert SECRET_CHANGE not in html
    assert 'id="proposals"' not in html
    # The contribution the proposal was based on is public.
    assert "Revision 1" in html


@pytest.mark.parametrize("viewer", ["author", "reviewer"])
def test_the_author_and_reviewers_see_the_proposals_but_never_their_content(
    client, editor, reviewer, viewer
):
    propose(editor, summary="Casualties: 50 killed, 40 wounded")
    propose(
        editor,
        summary="MLNA is MNLA",
        status=Proposal.Status.REJECTED,
        reviewer=reviewer,
        review_reason="Already corrected in revision 3.",
    )

    response = page_of(client, editor, editor if viewer == "author" else reviewer)

    html = response.content.decode()
    assert "Casualties: 50 killed, 40 wounded" in html
    assert "Pending review" in html
    assert "MLNA is MNLA" in html
    assert "Rejected" in html
    assert "Already corrected in revision 3." in html
    assert f'href="{profile_url(reviewer)}">rokia</a>' in html
    assert SECRET_CHANGE not in html
    assert ("Your proposals" in html) is (viewer == "author")


def test_only_the_owner_is_offered_a_password_change(client, editor, other_editor):
    change = reverse("password_change")

    assert change in page_of(client, editor, editor).content.decode()
    assert change not in page_of(client, editor, other_editor).content.decode()


def test_an_unknown_user_has_no_page(client):
    assert client.get("/accounts/nobody-here/").status_code == 404


def test_contributions_and_proposals_come_25_a_page_each(client, editor):
    for _ in range(26):
        propose(editor)

    first = page_of(client, editor, editor)
    second = page_of(client, editor, editor, contributions_page=2, proposals_page=2)

    assert len(first.context["contributions"].object_list) == 25
    assert len(first.context["proposals"].object_list) == 25
    assert len(second.context["contributions"].object_list) == 1
    assert len(second.context["proposals"].object_list) == 1
    html = first.content.decode()
    assert "?contributions_page=2#contributions" in html
    assert "?proposals_page=2#proposals" in html


@pytest.mark.parametrize("size", [1, 30])
def test_the_page_costs_the_same_queries_however_long_its_lists(
    client, editor, reviewer, django_assert_num_queries, size
):
    for number in range(size):
        proposal = propose(editor, summary=f"Correction {number}")
        if number % 2:
            proposal.status = Proposal.Status.REJECTED
            proposal.reviewer = reviewer
            proposal.review_reason = "Unsourced."
            proposal.save()
    client.force_login(reviewer)

    # Session, viewer, profile user, the viewer's and the user's roles, the user's block, a
    # count and a page for each list, then the header's counts (unread notifications, the
    # review queue).
    with django_assert_num_queries(12):
        response = client.get(profile_url(editor))

    assert len(response.context["contributions"].object_list) == min(size, 25)
    assert len(response.context["proposals"].object_list) == min(size, 25)


def test_the_header_links_a_signed_in_user_to_their_page(client, editor):
    client.force_login(editor)

    html = client.get("/").content.decode()

    assert f'href="{profile_url(editor)}">ada</a>' in html


def test_the_header_offers_sign_in_and_sign_up_to_visitors(client, db):
    html = client.get("/").content.decode()

    assert ">Sign in</a>" in html
    assert ">Sign up</a>" in html


def test_a_username_with_url_characters_has_a_page(client):
    user = UserFactory(username="a.b+c@d-e_f")

    assert page_of(client, user).context["profile_user"] == user
