"""Watching and being told, in Chromium: an editor watches Kidal, a reviewer is told of a
proposal and approves it, and the editor finds the new revision in the header, the list
and the outbox."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_corrections import KIDAL, propose_kidal_correction, sign_in, sign_out
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_a_watcher_is_told_of_the_revision_a_reviewer_publishes(
    page, kidal, reviewer, screenshot, screen
):
    UserFactory(username="moussa")
    page.goto(KIDAL)
    sign_in(page, "moussa")
    page.get_by_role("button", name="Watch").click()
    expect(page.get_by_text("You are watching Second Battle of Kidal")).to_be_visible()
    expect(page.get_by_role("button", name="Watching ✓")).to_be_visible()
    screenshot(f"article-watching-{screen}")
    sign_out(page)

    proposal = propose_kidal_correction(UserFactory(username="ada"))
    page.goto(KIDAL)
    sign_in(page, "rokia")
    expect(page.get_by_role("link", name="Review queue 1 pending")).to_be_visible()
    page.get_by_role("link", name="Notifications 1 unread").click()
    page.get_by_role("link", name="ada proposed “Casualties as in the body”").click()
    expect(page).to_have_url(f"{page.url.split('/proposals/')[0]}/proposals/{proposal.pk}/")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Approved and published as revision 2")).to_be_visible()
    sign_out(page)

    emailed = {tuple(message.to): message.subject for message in mail.outbox}
    assert emailed[("moussa@example.org",)] == "Annals: a watched article changed"
    assert emailed[("ada@example.org",)] == "Annals: your proposal was approved"
    page.goto(KIDAL)
    sign_in(page, "moussa")
    page.get_by_role("link", name="Notifications 1 unread").click()
    notice = page.get_by_role("link", name="rokia published revision 2 of Second Battle of Kidal")
    expect(notice).to_be_visible()
    screenshot(f"notifications-{screen}")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    notice.click()
    expect(page.get_by_role("heading", name="Changes to Second Battle of Kidal")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
