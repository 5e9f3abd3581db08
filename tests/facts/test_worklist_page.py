"""/worklist/: the evidence side by side, "Propose a fix" opening the field form filled with
the correction, and reviewers dismissing false alarms with a reason."""

from __future__ import annotations

import pytest

from facts import selectors as facts_selectors
from facts.models import WorklistItem
from tests.conflicts.pages import field_form_data, html, signed_in

pytestmark = pytest.mark.django_db

SWAP_FIXED = "50 killed, 40 wounded"


def open_checks(article) -> set[str]:
    return {item.check_name for item in facts_selectors.worklist(article_slug=article.slug)}


def test_the_page_shows_the_evidence_side_by_side_and_a_prefilled_fix(
    client, kidal, editor, worklist_item
):
    client.force_login(editor)

    page = html(client.get("/worklist/?check=figures-swapped"))

    item = worklist_item(kidal, "figures-swapped")
    assert "Second Battle of Kidal" in page
    assert "50 Malian soldiers were killed and 40 wounded" in page
    assert f'href="/articles/second-battle-of-kidal/#s{item.evidence[1]["section_id"]}"' in page
    assert 'href="/articles/second-battle-of-kidal/#infobox"' in page
    assert "Propose a fix" in page
    assert item.propose_url.startswith("/articles/second-battle-of-kidal/propose/?field=")
    assert "Marker" not in page  # narrowed to one check


def test_propose_a_fix_opens_the_field_form_filled_with_the_correction(
    client, kidal, editor, worklist_item
):
    client.force_login(editor)
    item = worklist_item(kidal, "figures-swapped")

    form = client.get(item.propose_url)

    data = field_form_data(form)
    assert data["value"].startswith(SWAP_FIXED)
    assert data["summary"].startswith("Fix: Casualties1 gives 40 killed and 50 wounded")
    client.post(item.propose_url, data | {"source": "Reuters, 21 May 2014"})
    proposal = kidal.proposals.get()
    assert proposal.changes["infobox"]["Casualties1"].startswith(SWAP_FIXED)


def test_readers_see_the_worklist_and_are_asked_to_sign_in_to_fix(client, kidal, worklist_item):
    page = html(client.get("/worklist/"))
    fix = client.get(worklist_item(kidal, "figures-swapped").propose_url)

    assert "Propose a fix" in page
    assert "Not a slip" not in page
    assert fix.status_code == 302
    assert fix["Location"].startswith("/accounts/login/?next=/articles/second-battle-of-kidal/")


def test_a_reviewer_dismisses_from_the_page_and_finds_it_under_dismissed(
    kidal, reviewer, worklist_item
):
    item = worklist_item(kidal, "figures-swapped")
    browser = signed_in(reviewer)

    refused = browser.post(f"/worklist/{item.pk}/dismiss/", {"reason": " "})
    assert refused.status_code == 400
    assert "Say why this is not a slip" in html(refused)

    done = browser.post(
        f"/worklist/{item.pk}/dismiss/",
        {"reason": "The MNLA's own figures.", "next": "/worklist/"},
        follow=True,
    )
    assert "Dismissed: Casualties1 gives" in html(done)
    assert "figures-swapped" not in open_checks(kidal)
    dismissed = html(browser.get("/worklist/?dismissed=1"))
    assert "The MNLA&#x27;s own figures." in dismissed
    assert "rokia" in dismissed


def test_an_editor_cannot_dismiss(kidal, editor, worklist_item):
    item = worklist_item(kidal, "figures-swapped")

    response = signed_in(editor).post(f"/worklist/{item.pk}/dismiss/", {"reason": "No."})

    assert response.status_code == 403
    assert WorklistItem.objects.get(pk=item.pk).dismissed_at is None


def test_the_page_costs_the_same_queries_however_many_items(
    client, seed_articles, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get("/worklist/").status_code == 200


def test_after_dismissing_the_page_goes_back_only_within_the_site(kidal, reviewer, worklist_item):
    item = worklist_item(kidal, "figures-swapped")
    browser = signed_in(reviewer)

    response = browser.post(
        f"/worklist/{item.pk}/dismiss/", {"reason": "Sourced.", "next": "https://evil.example/"}
    )
    again = browser.post(
        f"/worklist/{item.pk}/dismiss/", {"reason": "Twice.", "next": "/worklist/?check=leftover"}
    )

    assert response["Location"] == "/worklist/"
    assert again["Location"] == "/worklist/?check=leftover"
    assert WorklistItem.objects.get(pk=item.pk).dismissed_reason == "Sourced."


def test_a_dismissal_of_no_item_is_a_404(reviewer):
    browser = signed_in(reviewer)

    assert (
        browser.post("/worklist/99999999999999999999/dismiss/", {"reason": "x"}).status_code == 404
    )
    assert browser.post("/worklist/abc/dismiss/", {"reason": "x"}).status_code == 404
