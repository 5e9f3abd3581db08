"""Unsent drafts in Chromium: what an editor typed survives a reload, an expired session
and a failed security check, and is forgotten once the server has their proposal."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from conflicts import selectors
from conflicts.models import Proposal
from conflicts.services.proposals import proposal_create
from conflicts.services.reviews import proposal_approve
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_corrections import PASSWORD, sign_in
from tests.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.browser

KIDAL = "/articles/second-battle-of-kidal/"
PROPOSE = f"{KIDAL}propose/"
QUICK_FIX = f"{PROPOSE}?field=Casualties1"
NEW_CASUALTIES = "50 killed, 40 wounded"
NEW_LEAD = "The Second Battle of Kidal was fought in Kidal, Mali, in May 2014 (draft)."


def draft_banner(page):
    return page.get_by_role("status").filter(has_text="You have an unsent draft of this form")


def saved_drafts(page) -> list[str]:
    """The keys of the drafts this browser keeps, once the page's scripts have run."""
    page.wait_for_load_state("load")
    return page.evaluate(
        "Object.keys(window.localStorage).filter((key) => key.startsWith('annals:draft:'))"
    )


def wait_for_draft(page, key):
    page.wait_for_function(
        "(key) => window.localStorage.getItem('annals:draft:' + key) !== null", arg=key
    )


def sign_in_on_this_page(page, username):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def open_form_signed_in(page, url, username):
    page.goto(KIDAL)
    sign_in(page, username)
    expect(page.get_by_role("link", name=username)).to_be_visible()
    page.goto(url)


def snap(page, name):
    """A screenshot of what the editor sees, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_reloaded_form_offers_the_draft_and_restoring_brings_every_value_back(
    page, kidal, editor, screen
):
    open_form_signed_in(page, PROPOSE, "ada")
    expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(
        "Second Battle of Kidal"
    )
    expect(draft_banner(page)).to_have_count(0)
    page.wait_for_timeout(800)
    assert saved_drafts(page) == [], "an unchanged form keeps no draft"

    page.get_by_role("textbox", name="Lead", exact=True).fill(NEW_LEAD)
    casualties = page.get_by_label("Value of Casualties (side 1)")
    casualties.fill(NEW_CASUALTIES)
    page.get_by_role("button", name="Add a field").click()
    added = page.get_by_label("Key of new field").last
    added.fill("Notes")
    page.get_by_label("Value of new field").last.fill("Figures from the Malian government")
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    wait_for_draft(page, PROPOSE)
    page.reload()

    banner = draft_banner(page)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(re.compile(r"from today at \d{1,2}:\d{2}"))
    expect(banner).to_be_focused()
    expect(banner).to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Lead", exact=True)).not_to_have_value(NEW_LEAD)
    snap(page, f"draft-banner-{screen}")
    page.get_by_role("button", name="Restore my draft").click()

    expect(
        page.get_by_role("status").filter(has_text="Your draft is back in the form")
    ).to_be_focused()
    expect(page.get_by_role("textbox", name="Lead", exact=True)).to_have_value(NEW_LEAD)
    expect(page.get_by_label("Value of Casualties (side 1)")).to_have_value(NEW_CASUALTIES)
    expect(page.get_by_label("Key of new field").last).to_have_value("Notes")
    expect(page.get_by_label("Value of new field").last).to_have_value(
        "Figures from the Malian government"
    )
    expect(page.get_by_label("Edit summary")).to_have_value("Casualties as in the body")
    expect(page.get_by_role("button", name="Restore my draft")).to_have_count(0)
    snap(page, f"draft-restored-{screen}")

    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    proposal = Proposal.objects.get(author=editor)
    assert proposal.changes["lead"] == NEW_LEAD
    assert proposal.changes["infobox"]["Casualties1"] == NEW_CASUALTIES
    assert proposal.changes["infobox"]["Notes"] == "Figures from the Malian government"


def test_discarding_the_draft_leaves_the_published_version_in_the_form(page, kidal, editor):
    open_form_signed_in(page, PROPOSE, "ada")
    page.get_by_role("textbox", name="Lead", exact=True).fill(NEW_LEAD)
    wait_for_draft(page, PROPOSE)
    page.reload()

    page.get_by_role("button", name="Discard it").click()

    expect(draft_banner(page)).to_have_count(0)
    expect(page.get_by_role("textbox", name="Lead", exact=True)).not_to_have_value(NEW_LEAD)
    assert saved_drafts(page) == []
    page.reload()
    expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(
        "Second Battle of Kidal"
    )
    expect(draft_banner(page)).to_have_count(0)


def test_an_editor_whose_session_expired_signs_in_again_and_submits_the_draft(page, kidal, editor):
    open_form_signed_in(page, PROPOSE, "ada")
    page.get_by_label("Value of Casualties (side 1)").fill(NEW_CASUALTIES)
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    Session.objects.all().delete()  # the session expires while Ada writes

    page.get_by_role("button", name="Submit proposal").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    assert not Proposal.objects.exists()
    sign_in_on_this_page(page, "ada")
    expect(page).to_have_url(re.compile(re.escape(PROPOSE) + "$"))
    expect(draft_banner(page)).to_be_visible()
    page.get_by_role("button", name="Restore my draft").click()
    expect(page.get_by_label("Value of Casualties (side 1)")).to_have_value(NEW_CASUALTIES)
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    proposal = Proposal.objects.get(author=editor)
    assert proposal.changes["infobox"] == {"Casualties1": NEW_CASUALTIES}
    assert proposal.summary == "Casualties as in the body"
    assert saved_drafts(page) == []
    page.goto(PROPOSE)
    expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(
        "Second Battle of Kidal"
    )
    expect(draft_banner(page)).to_have_count(0)


def test_a_failed_security_check_says_nothing_is_lost_and_going_back_offers_the_draft(
    page, kidal, editor, live_server, screenshot
):
    open_form_signed_in(page, PROPOSE, "ada")
    page.get_by_label("Value of Casualties (side 1)").fill(NEW_CASUALTIES)
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    page.context.add_cookies([{"name": "csrftoken", "value": "x" * 32, "url": live_server.url}])

    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_role("heading", name="Your form could not be sent")).to_be_visible()
    expect(page.get_by_text("Nothing you typed is lost.")).to_be_visible()
    screenshot("draft-csrf-failure")
    assert not Proposal.objects.exists()
    page.go_back()
    expect(draft_banner(page)).to_be_visible()
    page.get_by_role("button", name="Restore my draft").click()
    expect(page.get_by_label("Value of Casualties (side 1)")).to_have_value(NEW_CASUALTIES)
    page.reload()  # the form now carries a token that matches the cookie
    page.get_by_role("button", name="Restore my draft").click()
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    assert Proposal.objects.get(author=editor).changes["infobox"] == {"Casualties1": NEW_CASUALTIES}
    assert saved_drafts(page) == []


def test_the_one_field_quick_form_keeps_its_draft_through_a_refusal_and_a_preview_until_sent(
    page, kidal, editor
):
    open_form_signed_in(page, QUICK_FIX, "ada")
    page.get_by_label("Corrected value").fill(NEW_CASUALTIES)
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()  # no edit summary
    page.goto(KIDAL)
    page.goto(QUICK_FIX)
    page.get_by_role("button", name="Restore my draft").click()
    expect(page.get_by_label("Corrected value")).to_have_value(NEW_CASUALTIES)
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    page.get_by_role("button", name="Preview changes").click()
    expect(page.get_by_role("region", name="Preview of your changes")).to_be_visible()
    expect(draft_banner(page)).to_have_count(0)  # the form already holds the draft

    page.goto(KIDAL)
    page.goto(QUICK_FIX)

    expect(draft_banner(page)).to_be_visible()
    assert saved_drafts(page) == [f"annals:draft:{QUICK_FIX}"], "each form page has its own draft"
    page.get_by_role("button", name="Restore my draft").click()
    expect(page.get_by_label("Corrected value")).to_have_value(NEW_CASUALTIES)
    expect(page.get_by_label("Edit summary")).to_have_value("Casualties as in the body")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your correction was submitted for review.")).to_be_visible()
    assert Proposal.objects.get(author=editor).changes["infobox"] == {"Casualties1": NEW_CASUALTIES}
    page.goto(QUICK_FIX)
    expect(page.get_by_label("Corrected value")).to_be_visible()
    expect(draft_banner(page)).to_have_count(0)
    assert saved_drafts(page) == []


def test_a_draft_of_an_older_version_is_restored_onto_it_and_merges_what_was_published_since(
    page, kidal, editor
):
    open_form_signed_in(page, PROPOSE, "ada")
    page.get_by_role("textbox", name="Lead", exact=True).fill(NEW_LEAD)
    page.get_by_label("Edit summary").fill("A shorter lead")
    wait_for_draft(page, PROPOSE)
    theirs = proposal_create(
        article=kidal,
        author=UserFactory(username="bakary"),
        changes={"infobox": {"Casualties2": "2 killed, 9 wounded"}},
        summary="MNLA figures",
    )
    proposal_approve(proposal=theirs, reviewer=ReviewerFactory(username="rokia"))
    page.reload()

    banner = draft_banner(page)
    expect(banner).to_contain_text("The article has changed since.")
    page.get_by_role("button", name="Restore my draft").click()
    expect(page.get_by_role("textbox", name="Lead", exact=True)).to_have_value(NEW_LEAD)
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    ours = Proposal.objects.get(author=editor)
    assert ours.changes == {"lead": NEW_LEAD}, "the draft undoes nothing published since"
    proposal_approve(proposal=ours, reviewer=ReviewerFactory(username="fatou"))
    kidal.refresh_from_db()
    published = selectors.article_state(kidal)
    assert published.lead == NEW_LEAD
    assert published.infobox_value("Casualties2") == "2 killed, 9 wounded"
