"""A keyboard user skips the header; a printed article is the article and its references."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_corrections import KIDAL

pytestmark = pytest.mark.browser


def test_the_first_tab_shows_a_skip_link_that_moves_past_the_header(page, kidal):
    page.goto(KIDAL)
    skip = page.get_by_role("link", name="Skip to content")

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # on screen once focused
    outline = skip.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#content")).to_be_focused()


def test_a_printed_article_leaves_out_the_site_around_it(page, kidal, screenshot):
    page.goto(KIDAL)

    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".tabs")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("heading", name="References")).to_be_visible()
    expect(page.get_by_role("heading", name="Second Battle of Kidal", level=1)).to_be_visible()
    screenshot("article-print")
