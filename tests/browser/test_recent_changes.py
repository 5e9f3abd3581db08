"""Recent changes in Chromium, on a desktop and a phone: filtered to one article, a diff
one click away, and no page wider than the screen; both Atom feeds, found from the pages,
with nothing of a pending proposal."""

import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from conflicts import selectors
from tests.browser.test_corrections import sign_in
from tests.factories import UserFactory, propose, revise

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_reader_follows_recent_changes_to_a_diff(page, kidal, seed_articles, screenshot, screen):
    state = selectors.article_current_state(kidal).replace(lead="The battle began at dawn.")
    revise(kidal, state, author=UserFactory(username="fatou"), summary="Lead from the communiqué")

    page.goto("/")
    page.get_by_role("link", name="Recent changes").click()
    page.get_by_label("Article (slug)").fill(kidal.slug)
    page.get_by_role("button", name="Filter").click()

    items = page.locator(".recent__item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Lead from the communiqué")
    screenshot(f"recent-changes-{screen}")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    items.first.get_by_role("link", name="Changes made by revision 2").click()
    expect(page.get_by_role("heading", name="Changes to Second Battle of Kidal")).to_be_visible()


def test_both_feeds_are_found_from_the_pages_and_hold_only_published_revisions(
    page, kidal, reviewer
):
    state = selectors.article_current_state(kidal).replace(lead="The battle began at dawn.")
    revise(kidal, state, author=UserFactory(username="fatou"), summary="Lead from the communiqué")
    propose(
        kidal,
        {"lead": "Secret draft."},
        author=UserFactory(username="ada"),
        summary="Not yet public",
    )

    feeds = {}
    for path in ("/recent/", f"{kidal.get_absolute_url()}history/"):
        page.goto(path)
        expect(page.get_by_text("Not yet public")).to_have_count(0)
        alternate = page.locator('link[rel="alternate"][type="application/atom+xml"]')
        response = page.request.get(alternate.get_attribute("href"))
        assert response.ok
        assert response.headers["content-type"].startswith("application/atom+xml")
        feeds[path] = response.text()

    for feed in feeds.values():
        root = ET.fromstring(feed)  # well-formed Atom
        titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
        assert root.tag == f"{ATOM}feed"
        assert titles[0] == "Second Battle of Kidal, revision 2: Lead from the communiqué"
        assert "Secret draft" not in feed
        assert "Not yet public" not in feed
    # The reviewers alone see it in recent changes, among the open proposals.
    page.goto("/recent/")
    sign_in(page, "rokia")
    proposals = page.get_by_role("region", name="Open proposals")
    expect(proposals.get_by_role("link", name="Not yet public")).to_be_visible()
