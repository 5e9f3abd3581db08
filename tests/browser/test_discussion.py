"""Issue 11's story in Chromium: an editor watches an article and proposes; a reviewer asks
for changes with a comment; the editor is told (header, list, email), answers, reworks and
resubmits; the reviewer approves, and the editor is told of that too."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from conflicts.models import Proposal
from tests.browser.test_corrections import (
    KIDAL,
    NEW_CASUALTIES,
    OLD_CASUALTIES,
    casualties_of_mali,
    sign_in,
    sign_out,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

QUESTION = "Which source gives 50 killed? Add it, and say whether the count includes <civilians>."


def test_a_reviewer_asks_for_changes_and_the_reworked_proposal_is_published(
    page,
    kidal,
    reviewer,
    screenshot,
    screen,
):
    UserFactory(username="ada")

    # Ada watches Kidal and proposes a correction.
    page.goto(KIDAL)
    sign_in(page, "ada")
    page.get_by_role("button", name="Watch").click()
    expect(page.get_by_role("button", name="Watching ✓")).to_be_visible()
    page.get_by_role("link", name="Propose a correction").click()
    value = page.get_by_label("Value of Casualties (side 1)")
    value.fill(value.input_value().replace(OLD_CASUALTIES, NEW_CASUALTIES))
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    proposal_url = page.url
    sign_out(page)

    # Rokia is told, and asks for changes.
    sign_in(page, "rokia")
    page.get_by_role("link", name="Notifications 1 unread").click()
    page.get_by_role("link", name="ada proposed “Casualties as in the body”").click()
    page.get_by_label("What should change").fill(QUESTION)
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("The proposal went back to its author")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Changes requested")
    sign_out(page)

    # Ada is told in the header, the list and by email; she answers and reworks.
    subjects = {message.subject for message in mail.outbox if message.to == ["ada@example.org"]}
    assert "Annals: changes were asked of your proposal" in subjects
    sign_in(page, "ada")
    page.get_by_role("link", name="Notifications 1 unread").click()
    notice = page.get_by_role("link", name="rokia asked for changes to your proposal")
    expect(notice).to_contain_text(QUESTION)
    notice.click()
    request = page.get_by_role("note", name="Changes requested")
    expect(request).to_contain_text(QUESTION)  # as text: "<civilians>" is not markup
    page.get_by_label("Your comment").fill("The body cites Reuters; the count is of soldiers.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    discussion = page.get_by_role("region", name="Discussion")
    expect(discussion.get_by_role("listitem")).to_have_count(2)
    screenshot(f"proposal-discussion-{screen}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Rework and resubmit").click()
    page.get_by_label("Source").fill("Reuters, “Mali says 50 soldiers killed in Kidal fighting”")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator(".status")).to_have_text("Pending review")
    sign_out(page)

    # Rokia reads the answer and approves.
    sign_in(page, "rokia")
    page.get_by_role("link", name="Notifications 2 unread").click()
    expect(page.get_by_role("link", name="ada commented on the proposal")).to_be_visible()
    page.goto(proposal_url)
    expect(page.get_by_text("Reuters, “Mali says 50 soldiers killed")).to_be_visible()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Approved and published as revision 2")).to_be_visible()
    sign_out(page)

    # Ada is told of the approval; the article reads her correction.
    sign_in(page, "ada")
    page.get_by_role("link", name="Notifications 1 unread").click()
    expect(page.get_by_role("link", name="rokia approved your proposal")).to_be_visible()
    page.goto(KIDAL)
    expect(casualties_of_mali(page)).to_contain_text(NEW_CASUALTIES)
    assert Proposal.objects.get().status == Proposal.Status.APPROVED
