"""Merging: a reviewer turns one article into a redirect to another, after what it says
that the other lacks is proposed into the other; a reviewer can undo it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conflicts import selectors
from conflicts.models import Article, Proposal
from conflicts.services.reviews import proposal_approve
from governance.models import LogEntry
from governance.services import article_merge, article_restore
from tests.conflicts.pages import signed_in
from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.django_db

REASON = "The same battle under two names"


@pytest.fixture
def duplicate():
    return publish(ArticleStateFactory(title="Kidal clashes of May 2014")).article


@pytest.fixture
def merged(duplicate, kidal, reviewer):
    return article_merge(article=duplicate, into=kidal, by=reviewer, reason=REASON)


def test_the_sources_content_is_proposed_into_the_target_for_review(merged, duplicate, kidal):
    assert merged.status == Proposal.Status.PENDING
    assert merged.article == kidal
    assert merged.summary == f"Merged from “{duplicate.title}”: {REASON}"
    proposed = selectors.proposal_proposed_state(merged)
    duplicate_sections = selectors.revision_state(duplicate.current_revision).sections
    assert {s.heading for s in duplicate_sections} <= {s.heading for s in proposed.sections}


def test_every_address_of_the_source_redirects_to_the_target(merged, duplicate, kidal):
    old = duplicate.get_absolute_url()
    response = Client().get(f"{old}history/")
    assert response.status_code == 301
    assert response.url == f"{kidal.get_absolute_url()}history/"
    api = Client().get(f"/api{old}")
    assert (api.status_code, api.url) == (301, f"/api{kidal.get_absolute_url()}")
    assert duplicate.title not in [a.title for a in selectors.article_list()]


def test_the_merge_is_logged_and_the_history_kept(merged, duplicate, reviewer):
    entry = LogEntry.objects.get(action="merge")
    assert (entry.actor, entry.reason, entry.article) == (reviewer, REASON, duplicate)
    assert duplicate.revisions.count() == 1


def test_approving_the_merge_proposal_publishes_it(merged, kidal, second_reviewer):
    revision = proposal_approve(proposal=merged, reviewer=second_reviewer)
    assert revision.article == kidal


def test_restoring_undoes_the_merge(merged, duplicate, kidal, reviewer):
    article_restore(article=duplicate, by=reviewer, reason="Two battles after all")
    assert Client().get(duplicate.get_absolute_url()).status_code == 200
    assert Article.objects.get(pk=duplicate.pk).merged_into is None


def test_refusals(duplicate, kidal, editor, reviewer):
    with pytest.raises(PermissionDenied):
        article_merge(article=duplicate, into=kidal, by=editor, reason=REASON)
    with pytest.raises(ValidationError):
        article_merge(article=kidal, into=kidal, by=reviewer, reason=REASON)
    with pytest.raises(ValidationError):
        article_merge(article=duplicate, into=kidal, by=reviewer, reason="")
    assert Article.objects.get(pk=duplicate.pk).deleted_at is None


def test_a_target_saying_it_all_needs_no_proposal(kidal, reviewer):
    twin = publish(selectors.article_current_state(kidal).replace(title="Kidal twin")).article
    assert article_merge(article=twin, into=kidal, by=reviewer, reason=REASON) is None


def test_the_merge_page_names_the_target_by_title(duplicate, kidal, reviewer):
    client = signed_in(reviewer)
    address = f"{duplicate.get_absolute_url()}merge/"
    unknown = client.post(address, {"into": "No such battle", "reason": REASON})
    assert unknown.status_code == 400
    done = client.post(address, {"into": kidal.title, "reason": REASON})
    assert done.status_code == 302
    assert done.url.startswith("/proposals/")


def test_the_api_merges(duplicate, kidal, reviewer_client):
    response = reviewer_client.post(
        f"/api{duplicate.get_absolute_url()}merge/",
        {"into": kidal.slug, "reason": REASON},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["into"] == kidal.slug
    assert response.json()["proposal"]["status"] == "pending"
    unknown = reviewer_client.post(
        f"/api{kidal.get_absolute_url()}merge/",
        {"into": "nowhere", "reason": REASON},
        format="json",
    )
    assert unknown.status_code == 400
