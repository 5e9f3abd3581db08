"""Editing one section in Chromium: the "edit" link beside its heading, on a desktop and a phone."""

import re

import pytest
from playwright.sync_api import expect

from conflicts.models import Proposal
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_corrections import KIDAL, sign_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SECTION = "Malian army offensive"
ADDED = " The MNLA said 50 Malian soldiers were killed and 40 wounded."


def edit_link(page, heading=SECTION):
    return page.get_by_role("link", name=f"Edit section: {heading}")


def save_screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_fits_the_width(page):
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_an_editor_corrects_one_section_from_the_edit_link_beside_its_heading(page, kidal, editor):
    page.set_viewport_size(DESKTOP)
    page.goto(KIDAL)
    sign_in(page, editor.username)
    page.goto(KIDAL)
    heading = page.get_by_role("heading", name=SECTION, exact=True)
    link = edit_link(page)
    expect(link).to_have_text("edit")
    heading_box, link_box = heading.bounding_box(), link.bounding_box()
    # Beside the heading, on its line, as on Wikipedia.
    assert link_box["x"] > heading_box["x"] + heading_box["width"]
    assert heading_box["y"] <= link_box["y"] <= heading_box["y"] + heading_box["height"]
    save_screenshot(page, "part-edits-article-desktop")

    link.click()

    expect(page).to_have_url(re.compile(r"/propose/\?section=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Edit section “{SECTION}”")
    expect(page.get_by_label("Heading")).to_have_value(SECTION)
    text = page.get_by_label("Text", exact=True)
    original = text.input_value()
    assert original.startswith("On 21 May")
    text.fill(original + ADDED)
    page.get_by_label("Edit summary").fill("Casualties as the MNLA gave them")
    save_screenshot(page, "part-edits-section-form-desktop")
    page.get_by_role("button", name="Preview changes").click()

    preview = page.get_by_role("region", name="Preview of your changes")
    expect(preview.locator("ins.diff-ins").filter(has_text="40 wounded")).to_be_visible()
    expect(preview.locator(".diff__section")).to_have_count(1)
    expect(preview.get_by_role("region", name="Lead changed")).to_have_count(0)
    assert not Proposal.objects.exists()
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Pending review")
    expect(page.locator("ins.diff-ins").filter(has_text="40 wounded")).to_be_visible()
    (proposal,) = Proposal.objects.all()
    changed = [part for part in proposal.changes["sections"] if len(part) > 1]
    assert set(proposal.changes) == {"sections"}
    assert [set(part) for part in changed] == [{"id", "body"}]


def test_on_a_phone_the_edit_links_stay_beside_their_headings(
    browser, live_server, transactional_db, kidal, editor
):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(KIDAL)
        sign_in(page, editor.username)
        page.goto(KIDAL)
        for heading in page.locator(".article__section h2, .article__section h3").all():
            name = heading.inner_text()
            link_box = edit_link(page, name).bounding_box()
            heading_box = heading.bounding_box()
            # The link follows the heading's last word and stays on screen.
            assert heading_box["y"] <= link_box["y"] < heading_box["y"] + heading_box["height"]
            assert link_box["x"] + link_box["width"] <= PHONE["width"]
        assert_fits_the_width(page)
        save_screenshot(page, "part-edits-article-phone")

        edit_link(page).click()

        expect(page.get_by_label("Heading")).to_have_value(SECTION)
        assert_fits_the_width(page)
        save_screenshot(page, "part-edits-section-form-phone")
    finally:
        context.close()
