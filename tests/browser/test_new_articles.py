"""A new article's life in Chromium: a search finds nothing, an editor proposes the
article, readers see nothing of it until a reviewer approves it, then it is read,
renamed with its old address following, protected, deleted (410 for readers, with the
reason) and restored."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_corrections import PASSWORD, sign_in, sign_out
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

TITLE = "Battle of Anefis"


def test_a_new_articles_whole_life(page, seed_articles, reviewer, screenshot, screen):
    UserFactory(username="ada")

    page.goto("/")
    page.get_by_role("searchbox").first.fill(TITLE)
    page.get_by_role("searchbox").first.press("Enter")
    expect(page.locator(".empty")).to_contain_text(f"No article matches “{TITLE}”")
    page.get_by_role("link", name=f"Propose a new article titled “{TITLE}”").click()
    sign_in_where_sent(page, "ada")

    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a new article")
    expect(page.get_by_role("textbox", name="Title")).to_have_value(TITLE)
    page.get_by_role("textbox", name="Lead").fill(
        "Fighting around Anefis in the Kidal Region, October 2023."
    )
    page.get_by_label("Key of new field").first.fill("Date")
    page.get_by_label("Value of new field").first.fill("7 October 2023")
    page.get_by_label("Edit summary").fill("Annals has no article on the battle")
    page.get_by_label("Source").fill("Reuters, 8 October 2023")
    screenshot(f"new-article-form-{screen}")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.locator(".messages")).to_contain_text("Your proposal was submitted for review.")
    expect(page.locator(".page-head")).to_contain_text(f"new article “{TITLE}”, not published")
    expect(page.locator("main")).to_contain_text("Proposed article")
    screenshot(f"new-article-proposal-{screen}")
    proposal_url = page.url
    sign_out(page)

    assert page.request.get("/articles/battle-of-anefis/").status == 404
    page.goto(f"/?q={TITLE}")
    expect(page.locator(".empty")).to_contain_text("No article matches")

    page.goto(proposal_url)
    sign_in_where_sent(page, "rokia")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text(f"revision 1 of {TITLE}")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(re.compile(r"/articles/battle-of-anefis/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("table", name="Infobox")).to_contain_text("7 October 2023")
    screenshot(f"new-article-published-{screen}")

    page.get_by_role("link", name="Rename").click()
    page.get_by_label("New title").fill("Battle of Anefis (2023)")
    page.get_by_label("Why").fill("Anefis saw fighting in 2012 too")
    page.get_by_role("button", name="Rename the article").click()
    page.goto("/articles/battle-of-anefis/")
    expect(page).to_have_url(re.compile(r"/articles/battle-of-anefis-2023/$"))

    page.get_by_role("link", name="Protect").click()
    page.get_by_label("Who may still propose").select_option("full")
    page.get_by_label("For").select_option("1w")
    page.get_by_label("Why").fill("Disputed casualty figures")
    page.get_by_role("button", name="Protect the article").click()
    expect(page.locator(".notice--protected")).to_contain_text("Disputed casualty figures")

    page.goto("/accounts/ada/")
    expect(page.locator("main")).to_contain_text("Battle of Anefis (2023)")

    page.goto("/articles/battle-of-anefis-2023/")
    page.get_by_role("link", name="Delete").click()
    page.get_by_label("Why").fill("Written from a single unverified report")
    screenshot(f"delete-form-{screen}")
    page.get_by_role("button", name="Delete the article").click()
    expect(page.locator(".messages")).to_contain_text("Deleted “Battle of Anefis (2023)”")
    sign_out(page)

    gone = page.goto("/articles/battle-of-anefis/")
    assert gone.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "“Battle of Anefis (2023)” was deleted"
    )
    expect(page.locator("main")).to_contain_text("Written from a single unverified report")
    screenshot(f"deleted-article-{screen}")

    sign_in(page, "rokia")
    page.get_by_role("link", name="Restore the article").click()
    page.get_by_label("Why").fill("Two more reports confirm it")
    page.get_by_role("button", name="Restore the article").click()
    expect(page.locator(".messages")).to_contain_text("Restored “Battle of Anefis (2023)”")
    expect(page.get_by_role("table", name="Infobox")).to_contain_text("7 October 2023")
    page.goto("/log/?action=delete")
    expect(page.locator(".log__entry").first).to_contain_text("Written from a single unverified")
    screenshot(f"deletion-log-{screen}")


def sign_in_where_sent(page, username):
    """Sign in on the page a visitor was sent to, which leads back to where they were."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
