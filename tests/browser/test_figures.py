"""Competing figures in Chromium: a reviewer gives Kidal's Malian casualties the figure
Reuters gave, a reader opens "1 other figure" under the MNLA's figure in the infobox, and
another reviewer makes Reuters' the preferred figure; the MNLA's is kept as the other."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_corrections import KIDAL, sign_in, sign_out
from tests.factories import ReviewerFactory

pytestmark = pytest.mark.browser

REUTERS = "Reuters, “Mali says 50 soldiers killed in Kidal fighting”, 21 May 2014"


def casualties(page):
    return page.locator('.infobox td[data-key="Casualties1"]')


def test_a_figure_from_another_source_is_added_shown_and_preferred(
    page, kidal, reviewer, screenshot, screen
):
    ReviewerFactory(username="bakary")

    page.goto(f"{KIDAL}figures/?field=Casualties1")
    sign_in(page, "rokia")
    expect(page.get_by_label("Field")).to_have_value("Casualties1")
    page.get_by_role("textbox", name="Other figure").fill("50 killed")
    page.get_by_label("Source").fill(REUTERS)
    page.get_by_role("button", name="Add the figure").click()
    expect(page.locator(".messages")).to_contain_text(
        "Added 50 killed as another figure of Casualties (side 1)."
    )
    sign_out(page)

    page.goto(KIDAL)
    cell = casualties(page)
    expect(cell).to_contain_text("40 killed, 50 wounded")
    expect(cell.get_by_text(REUTERS)).to_be_hidden()
    cell.get_by_text("1 other figure").click()
    expect(cell.get_by_text(REUTERS)).to_be_visible()
    screenshot(f"figures-infobox-{screen}")

    page.goto(f"{KIDAL}figures/")
    sign_in(page, "bakary")
    claim = page.locator(".figures__claim", has_text="50 killed")
    screenshot(f"figures-page-{screen}")
    claim.get_by_label("Why this figure").fill("The army's own count")
    claim.get_by_role("button", name="Make preferred").click()
    expect(page.locator(".messages")).to_contain_text(
        "50 killed is now the figure of Casualties (side 1), in revision 2."
    )
    expect(page.locator(".figures__claim", has_text="40 killed, 50 wounded")).to_be_visible()
    screenshot(f"figures-preferred-{screen}")

    page.goto(KIDAL)
    cell = casualties(page)
    expect(cell).to_contain_text("50 killed")
    cell.get_by_text("1 other figure").click()
    expect(cell).to_contain_text("40 killed, 50 wounded")
    expect(page.locator(".article__references")).to_contain_text(REUTERS)
