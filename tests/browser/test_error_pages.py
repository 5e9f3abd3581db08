"""The site's own error pages, as a reader sees them on a desktop and on a phone: a page
that is not there (404), a request that cannot be read (400), a fault of the site (500)
and the database away (503), each in the site's layout with a way back."""

import psycopg
import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from conflicts import selectors
from conflicts.http_errors import DATABASE_RETRY_AFTER_SECONDS
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=sorted(VIEWPORTS))
def viewed(request, browser, live_server, transactional_db):
    """A page in Chromium at a desktop's and at a phone's size; and a function that saves
    a screenshot of it as artifacts/screenshots/error-<name>-<viewport>.png."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[request.param])
    context.set_default_timeout(10_000)
    page = context.new_page()

    def screenshot(name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"error-{name}-{request.param}.png"), full_page=True)

    yield page, screenshot
    context.close()


def fail_reading_articles(monkeypatch, exception: Exception) -> None:
    def fail(*args, **kwargs):
        raise exception

    monkeypatch.setattr(selectors, "article_reading", fail)


def expect_the_sites_layout(page) -> None:
    expect(page.get_by_role("link", name="Annals")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search articles")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the articles")).to_be_visible()


def test_a_missing_article_is_the_sites_404_page(viewed, seed_articles):
    page, screenshot = viewed

    response = page.goto("/articles/no-such-battle/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect_the_sites_layout(page)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    screenshot("404")
    page.get_by_role("link", name="Back to the articles").click()
    expect(page.get_by_role("heading", name="Articles")).to_be_visible()


def test_a_search_with_a_nul_character_is_the_sites_400_page(viewed):
    page, screenshot = viewed

    response = page.goto("/?q=Kidal%00")

    assert response.status == 400
    expect(page.get_by_role("heading", name="The request could not be read")).to_be_visible()
    expect(page.get_by_text("The query parameter “q” contains a NUL character")).to_be_visible()
    expect_the_sites_layout(page)
    screenshot("400")


def test_a_fault_of_the_site_is_its_500_page_with_a_reference(viewed, monkeypatch):
    page, screenshot = viewed
    fail_reading_articles(monkeypatch, RuntimeError("a bug"))

    response = page.goto("/articles/second-battle-of-kidal/")

    assert response.status == 500
    expect(page.get_by_role("heading", name="Something went wrong on our side")).to_be_visible()
    expect(page.get_by_text(response.headers["x-request-id"])).to_be_visible()
    expect_the_sites_layout(page)
    # Without the request, and so the session, there are no account links to show.
    expect(page.get_by_role("navigation", name="Account")).to_have_count(0)
    screenshot("500")


def test_the_database_away_is_the_sites_503_page(viewed, monkeypatch):
    page, screenshot = viewed
    error = OperationalError("connection failed")
    error.__cause__ = psycopg.OperationalError("connection failed")
    fail_reading_articles(monkeypatch, error)

    response = page.goto("/articles/second-battle-of-kidal/")

    assert response.status == 503
    assert response.headers["retry-after"] == str(DATABASE_RETRY_AFTER_SECONDS)
    expect(page.get_by_role("heading", name="Annals is briefly unavailable")).to_be_visible()
    expect(page.get_by_role("link", name="Try again")).to_be_visible()
    expect_the_sites_layout(page)
    screenshot("503")
