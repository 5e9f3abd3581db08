"""Undoing one edit from the middle of history by a three-way merge, and reverting with a
reason: a reviewer publishes, an editor proposes, a clash is refused."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conflicts import selectors
from conflicts.models import Proposal
from conflicts.services.errors import UndoConflict
from conflicts.services.reviews import article_revert, revision_undo
from tests.conflicts.services import with_infobox
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.django_db


def state_of(article):
    article.refresh_from_db()
    return selectors.article_current_state(article)


@pytest.fixture
def edited(kidal):
    """Kidal imported (1), its casualties changed (2), then its lead (3)."""
    first = kidal.current_revision
    original = selectors.revision_state(first)
    author = UserFactory(username="fatou")
    casualties = revise(
        kidal,
        with_infobox(original, Casualties1="900 killed"),
        author=author,
        summary="Casualties from a blog",
    )
    lead = revise(kidal, state_of(kidal).replace(lead="A lead kept after the undo."), author=author)
    return kidal, original, casualties, lead


def test_a_reviewer_undoes_a_middle_edit_and_keeps_what_came_after(edited, reviewer):
    kidal, original, casualties, _ = edited

    published = revision_undo(
        article=kidal, revision=casualties, user=reviewer, reason="The blog is no source."
    )

    now = state_of(kidal)
    assert now.infobox_value("Casualties1") == original.infobox_value("Casualties1")
    assert now.lead == "A lead kept after the undo."
    assert published.number == 4
    assert published.revision.comment == "Undid revision 2: The blog is no source."
    assert published.reviewer == reviewer


def test_an_editors_undo_is_a_proposal_for_review(edited, editor):
    kidal, original, casualties, _ = edited

    proposal = revision_undo(article=kidal, revision=casualties, user=editor, reason="No source.")

    assert isinstance(proposal, Proposal)
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.summary == "Undid revision 2: No source."
    assert proposal.changes == {"infobox": {"Casualties1": original.infobox_value("Casualties1")}}
    assert state_of(kidal).infobox_value("Casualties1") == "900 killed"  # nothing published


def test_an_undo_that_would_overwrite_a_later_change_is_refused(edited, reviewer):
    kidal, _, casualties, _ = edited
    revise(kidal, with_infobox(state_of(kidal), Casualties1="950 killed"))

    with pytest.raises(UndoConflict, match="Casualties1"):
        revision_undo(article=kidal, revision=casualties, user=reviewer, reason="No source.")


def test_the_first_revision_and_a_missing_reason_are_refused(edited, reviewer):
    kidal, _, casualties, _ = edited

    with pytest.raises(ValidationError, match="nothing to undo"):
        revision_undo(
            article=kidal, revision=kidal.revisions.get(number=1), user=reviewer, reason="x"
        )
    with pytest.raises(ValidationError, match="Say why"):
        revision_undo(article=kidal, revision=casualties, user=reviewer, reason="  ")


def test_nobody_anonymous_undoes(edited):
    kidal, _, casualties, _ = edited

    with pytest.raises(PermissionDenied):
        revision_undo(article=kidal, revision=casualties, user=AnonymousUser(), reason="x")


def test_a_revert_carries_its_reason_in_the_summary(edited, reviewer):
    kidal, _, casualties, _ = edited

    published = article_revert(
        article=kidal, revision=casualties, reviewer=reviewer, reason="Vandalism after it."
    )

    assert published.revision.comment == "Reverted to revision 2: Vandalism after it."


def test_the_undo_page_shows_what_would_change_and_asks_why(edited, editor):
    kidal, _, casualties, _ = edited
    client = Client()
    client.force_login(editor)
    url = f"/articles/{kidal.slug}/revisions/{casualties.id}/undo/"

    page = client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "No source."})

    assert "<h1>Undo revision 2</h1>" in page
    assert "900 killed" in page
    assert "Propose the undo" in page
    assert refused.status_code == 200
    assert "Say why: the summary of the change carries it." in refused.content.decode()
    proposal = Proposal.objects.get(summary="Undid revision 2: No source.")
    assert done.url == f"/proposals/{proposal.pk}/"


def test_the_revert_page_asks_why_then_publishes(edited, reviewer):
    kidal, _, casualties, _ = edited
    client = Client()
    client.force_login(reviewer)
    url = f"/articles/{kidal.slug}/revisions/{casualties.id}/revert/"

    assert "<h1>Revert to revision 2</h1>" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "Vandalism after it."})

    assert response.url == f"/articles/{kidal.slug}/history/"
    assert kidal.revisions.first().revision.comment == "Reverted to revision 2: Vandalism after it."
