"""A reader pages through a long index in Chromium: Next, Last, Previous and First."""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.browser

TITLES = [
    "Ambush at Tinzawatene",
    "Battle of Gao",
    "Battle of Kidal",
    "Battle of Konna",
    "Raid on Tessalit",
    "Second Battle of Kidal",
    "Siege of Aguelhok",
]


@pytest.fixture
def long_index(transactional_db, settings):
    """Seven articles, three to a page of the index, published in no order of titles."""
    settings.ARTICLES_PAGE_SIZE = 3
    for title in sorted(TITLES, key=len):
        publish(ArticleStateFactory(title=title))


def expect_titles(page, titles):
    links = page.get_by_role("table").get_by_role("link")
    expect(links).to_have_text(titles)


def test_a_reader_pages_through_the_index_and_back(page, long_index, screenshot):
    pages = page.get_by_role("navigation", name="Pages")
    page.goto("/")

    expect(page.get_by_text("7 reviewed articles")).to_be_visible()
    expect_titles(page, TITLES[:3])
    expect(pages.get_by_role("link", name="← Previous")).to_have_count(0)

    pages.get_by_role("link", name="Next →").click()
    expect_titles(page, TITLES[3:6])
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("index_paging")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(pages.get_by_role("link", name="Last »")).to_be_in_viewport()
    screenshot("index_paging-phone")

    pages.get_by_role("link", name="Next →").click()
    expect_titles(page, TITLES[6:])
    expect(pages.get_by_role("link", name="Next →")).to_have_count(0)

    pages.get_by_role("link", name="← Previous").click()
    expect_titles(page, TITLES[3:6])

    pages.get_by_role("link", name="Last »").click()
    expect_titles(page, TITLES[-3:])

    pages.get_by_role("link", name="« First").click()
    expect_titles(page, TITLES[:3])
