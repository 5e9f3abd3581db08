"""The correction story in Chromium: an editor proposes, a reviewer publishes, readers see it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from conflicts.models import Proposal
from conflicts.services.proposals import proposal_create
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

KIDAL = "/articles/second-battle-of-kidal/"
OLD_CASUALTIES = "40 killed, 50 wounded"
NEW_CASUALTIES = "50 killed, 40 wounded"


def sign_in(page, username, password=PASSWORD):
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def casualties_of_mali(page):
    return page.get_by_role("table", name="Infobox").locator('[data-key="Casualties1"]')


def propose_kidal_correction(author, summary="Casualties as in the body"):
    """A pending proposal to Kidal's Casualties1, made through the service."""
    from conflicts.models import Article

    return proposal_create(
        article=Article.objects.get(slug="second-battle-of-kidal"),
        author=author,
        changes={"infobox": {"Casualties1": NEW_CASUALTIES}},
        summary=summary,
    )


def test_an_editor_proposes_a_correction_that_a_reviewer_publishes(
    page, kidal, reviewer, screenshot
):
    page.goto(KIDAL)
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("amadou")
    page.get_by_label("Email", exact=True).fill("amadou@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("link", name="amadou")).to_be_visible()
    # The link e-mailed at sign-up confirms the address: then the account may propose.
    page.goto(re.search(r"https?://\S+/accounts/confirm/\S+/", mail.outbox[-1].body)[0])
    expect(page.get_by_role("status")).to_contain_text("Your e-mail address is confirmed")

    page.goto(KIDAL)
    page.get_by_role("link", name="Propose a correction").click()
    value = page.get_by_label("Value of Casualties (side 1)")
    value.fill(value.input_value().replace(OLD_CASUALTIES, NEW_CASUALTIES))
    page.get_by_label("Edit summary").fill("Casualties as given in the body: 50 killed, 40 wounded")
    page.get_by_label("Source").fill("Reuters, “Mali says 50 soldiers killed in Kidal fighting”")
    page.get_by_role("button", name="Preview changes").click()

    preview = page.get_by_role("region", name="Preview of your changes")
    expect(preview.get_by_role("row", name=re.compile("^Casualties1"))).to_contain_text("changed")
    expect(preview.locator("del.diff-del").filter(has_text="40").first).to_be_visible()
    expect(preview.locator("ins.diff-ins").filter(has_text="50").first).to_be_visible()
    # Untouched text areas come back with CRLF line breaks; they must not read as edits.
    expect(preview.get_by_role("region", name="Lead changed")).to_have_count(0)
    expect(preview.locator(".diff__section")).to_have_count(0)
    screenshot("propose-preview")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Pending review")
    page.goto(KIDAL)
    expect(casualties_of_mali(page)).to_contain_text(OLD_CASUALTIES)
    sign_out(page)

    page.goto("/")
    sign_in(page, "rokia")
    page.get_by_role("link", name="Review queue").click()
    queue = page.get_by_role("row").filter(has_text="Second Battle of Kidal")
    expect(queue).to_contain_text("amadou")
    expect(queue).to_contain_text("1 field")
    queue.get_by_role("link", name="Second Battle of Kidal").click()
    expect(page.get_by_text("Reuters, “Mali says 50 soldiers killed")).to_be_visible()
    screenshot("review")
    page.get_by_role("button", name="Approve and publish").click()

    expect(page.get_by_text("Approved and published as revision 2")).to_be_visible()
    page.goto(KIDAL)
    expect(casualties_of_mali(page)).to_contain_text(NEW_CASUALTIES)
    page.get_by_role("link", name="History", exact=True).click()
    newest = page.get_by_role("row").filter(has=page.get_by_role("radio")).first
    expect(newest).to_contain_text("amadou")
    expect(newest).to_contain_text("reviewed by rokia")
    newest.get_by_role("link", name="Compare revision 2 with the one before").click()
    expect(page.get_by_role("row", name=re.compile("^Casualties1"))).to_contain_text("changed")
    screenshot("compare-after-review")


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_form(page, kidal, editor):
    page.goto(KIDAL)
    page.get_by_role("link", name="Propose a correction").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/articles/second-battle-of-kidal/propose/$"))
    expect(page.get_by_label("Edit summary")).to_be_visible()


def test_an_infobox_field_can_be_corrected_on_its_own(page, kidal, editor):
    page.goto(KIDAL)
    sign_in(page, editor.username)
    page.get_by_role("link", name="Suggest a correction to Result").click()

    page.get_by_label("Corrected value").fill("Malian government defeat")
    page.get_by_label("Edit summary").fill("Result as stated in the lead")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.locator(".status")).to_have_text("Pending review")
    expect(page.locator("del.diff-del")).to_contain_text("MNLA Victory")


def test_an_editor_gets_field_messages_and_nothing_is_stored(page, kidal, editor, screenshot):
    page.goto(KIDAL)
    sign_in(page, editor.username)
    page.get_by_role("link", name="Propose a correction").click()
    page.get_by_label("Title", exact=True).fill("")
    page.get_by_label("Key of Date").fill("Result")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    expect(page.get_by_text("The key “Result” is used twice.")).to_be_visible()
    screenshot("propose-errors")
    assert not Proposal.objects.exists()


def test_an_editor_cannot_approve_and_a_reviewer_cannot_approve_their_own(
    page, kidal, editor, reviewer
):
    editors_proposal = propose_kidal_correction(editor)
    reviewers_proposal = propose_kidal_correction(reviewer, summary="My own fix")
    page.goto("/")
    sign_in(page, editor.username)
    page.goto(editors_proposal.get_absolute_url())
    expect(page.get_by_role("button", name="Approve and publish")).to_have_count(0)
    response = page.request.post(f"/proposals/{editors_proposal.pk}/approve/")
    assert response.status == 403
    sign_out(page)

    sign_in(page, reviewer.username)
    page.goto(reviewers_proposal.get_absolute_url())
    expect(page.get_by_role("button", name="Approve and publish")).to_have_count(0)
    expect(page.get_by_role("button", name="Withdraw")).to_be_visible()
    page.goto(KIDAL)
    expect(casualties_of_mali(page)).to_contain_text(OLD_CASUALTIES)


def test_approving_a_conflicting_proposal_is_refused_and_shows_the_clash(
    page, kidal, editor, reviewer, screenshot
):
    first = propose_kidal_correction(editor, summary="Swap the figures")
    second = proposal_create(
        article=first.article,
        author=UserFactory(username="moussa"),
        changes={"infobox": {"Casualties1": "45 killed"}},
        summary="Figure from Reuters",
    )
    page.goto("/")
    sign_in(page, reviewer.username)
    page.goto(first.get_absolute_url())
    page.get_by_role("button", name="Approve and publish").click()
    page.goto(second.get_absolute_url())
    page.get_by_role("button", name="Approve and publish").click()

    alert = page.get_by_role("alert", name="Conflict")
    expect(alert).to_contain_text("infobox: Casualties1")
    expect(page.locator(".status")).to_have_text("Conflict")
    screenshot("conflict")
    page.goto(KIDAL)
    expect(casualties_of_mali(page)).to_contain_text(NEW_CASUALTIES)
