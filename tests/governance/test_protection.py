"""Protection: a reviewer protects a contested article for a while with a reason; under
semi-protection only established accounts and reviewers may propose, under full nobody;
everyone kept out is told why, and the article page says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conflicts.models import Proposal
from conflicts.services.errors import StateError
from governance.models import LogEntry, Protection
from governance.services import article_protect, article_unprotect
from tests.conflicts.pages import html, signed_in
from tests.factories import propose

pytestmark = pytest.mark.django_db

WEEK = timedelta(weeks=1)


def protect(article, by, level="semi", expires_at=None):
    return article_protect(
        article=article,
        level=level,
        by=by,
        reason="Edit war over casualties",
        expires_at=expires_at,
    )


def established(user, settings, approved=None):
    """`user`, old enough, with enough approved proposals, as settings ask."""
    type(user).objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - settings.PROTECTION_ACCOUNT_AGE - timedelta(days=1)
    )
    user = type(user).objects.get(pk=user.pk)
    user._approved_proposals = (
        settings.PROTECTION_APPROVED_PROPOSALS if approved is None else approved
    )
    return user


def test_semi_protection_keeps_a_new_account_out_saying_why(kidal, reviewer, editor):
    protect(kidal, reviewer, expires_at=timezone.now() + WEEK)

    with pytest.raises(PermissionDenied) as refused:
        propose(kidal, {"lead": "A lead."}, author=editor)

    message = str(refused.value)
    assert message.startswith("This article is protected until ")
    assert "by rokia: “Edit war over casualties”." in message
    assert message.endswith("Only established accounts may propose changes to it meanwhile.")
    assert not Proposal.objects.exists()


def test_semi_protection_lets_established_accounts_and_reviewers_propose(
    kidal, reviewer, second_reviewer, editor, settings
):
    protect(kidal, reviewer)

    propose(kidal, {"lead": "A lead."}, author=established(editor, settings))
    propose(kidal, {"lead": "Another lead."}, author=second_reviewer)

    assert Proposal.objects.count() == 2


def test_an_old_account_with_too_few_approved_proposals_is_kept_out(
    kidal, reviewer, editor, settings
):
    protect(kidal, reviewer)

    with pytest.raises(PermissionDenied):
        propose(kidal, {"lead": "A lead."}, author=established(editor, settings, approved=0))


def test_full_protection_keeps_everyone_out(kidal, reviewer, second_reviewer):
    protect(kidal, reviewer, level="full")

    with pytest.raises(PermissionDenied, match="Nobody may propose changes to it meanwhile"):
        propose(kidal, {"lead": "A lead."}, author=second_reviewer)


def test_an_expired_or_lifted_protection_no_longer_keeps_anyone_out(kidal, reviewer, editor):
    protection = protect(kidal, reviewer, expires_at=timezone.now() + WEEK)
    Protection.objects.filter(pk=protection.pk).update(expires_at=timezone.now())
    propose(kidal, {"lead": "A lead."}, author=editor)

    other = protect(kidal, reviewer, level="full")
    article_unprotect(article=kidal, by=reviewer, reason="Calm again")
    propose(kidal, {"lead": "Another lead."}, author=editor)

    other.refresh_from_db()
    assert other.lift_reason == "Calm again"
    assert [e.action for e in LogEntry.objects.all()] == ["unprotect", "protect", "protect"]


def test_protecting_needs_a_reviewer_a_reason_and_no_protection_in_force(kidal, reviewer, editor):
    with pytest.raises(PermissionDenied, match="Only reviewers can protect"):
        protect(kidal, editor)
    with pytest.raises(ValidationError, match="Say why"):
        article_protect(article=kidal, level="semi", by=reviewer, reason="", expires_at=None)
    with pytest.raises(ValidationError):
        protect(kidal, reviewer, level="total")
    protect(kidal, reviewer)
    with pytest.raises(StateError, match="protected already, indefinitely"):
        protect(kidal, reviewer)


def test_the_article_page_says_it_is_protected_and_why(client, kidal, reviewer):
    protect(kidal, reviewer, level="full")

    page = html(client.get(kidal.get_absolute_url()))

    assert '<p class="notice notice--protected" role="status">This article is protected' in page
    assert "Nobody may propose changes to it meanwhile." in page
    assert "Lift the protection" not in page


def test_the_correction_form_refuses_a_protected_article_with_the_reason(kidal, reviewer, editor):
    protect(kidal, reviewer)

    refused = signed_in(editor).get(f"{kidal.get_absolute_url()}propose/")

    assert refused.status_code == 403
    assert "Edit war over casualties" in html(refused)


def test_a_reviewer_protects_and_lifts_from_the_form(kidal, reviewer):
    browser = signed_in(reviewer)
    url = f"{kidal.get_absolute_url()}protect/"
    assert 'href="/articles/second-battle-of-kidal/protect/"' in html(
        browser.get(kidal.get_absolute_url())
    )

    done = browser.post(url, {"level": "semi", "duration": "1w", "reason": "Edit war"})
    refused = browser.post(url, {"reason": ""})
    lifted = browser.post(url, {"reason": "Calm"})

    assert done.status_code == 302
    assert refused.status_code == 400
    assert "Say why: the log keeps it." in html(refused)
    assert lifted.status_code == 302
    assert Protection.objects.get().lift_reason == "Calm"


def test_the_api_protects_and_lifts(token_client, reviewer, editor, kidal):
    api = token_client(reviewer)
    url = f"/api/articles/{kidal.slug}/"

    protected = api.post(url + "protect/", {"level": "full", "reason": "Edit war"}, format="json")
    refused = token_client(editor).post(
        url + "proposals/", {"summary": "x", "lead": "Vandalism"}, format="json"
    )
    lifted = api.post(url + "unprotect/", {"reason": "Calm"}, format="json")

    assert protected.status_code == 201
    assert protected.json()["level"] == "full"
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("This article is protected indefinitely by rokia")
    assert lifted.status_code == 200
