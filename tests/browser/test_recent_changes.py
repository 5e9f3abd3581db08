"""Recent changes in Chromium, on a desktop and a phone: filtered to one article, a diff
one click away, and no page wider than the screen."""

import pytest
from playwright.sync_api import expect

from conflicts import selectors
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_reader_follows_recent_changes_to_a_diff(
    page, kidal, seed_articles, screenshot, viewport
):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    state = selectors.article_current_state(kidal).replace(lead="The battle began at dawn.")
    revise(kidal, state, author=UserFactory(username="fatou"), summary="Lead from the communiqué")

    page.goto("/")
    page.get_by_role("link", name="Recent changes").click()
    page.get_by_label("Article (slug)").fill(kidal.slug)
    page.get_by_role("button", name="Filter").click()

    items = page.locator(".recent__item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Lead from the communiqué")
    screenshot(f"recent-changes-{'desktop' if width > 500 else 'phone'}")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    items.first.get_by_role("link", name="Changes made by revision 2").click()
    expect(page.get_by_role("heading", name="Changes to Second Battle of Kidal")).to_be_visible()
