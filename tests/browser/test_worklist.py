"""The worklist in Chromium: an editor finds the Kidal contradiction there, follows
"Propose a fix" to a form filled with the correction, adds a source, submits, and changes
the result too; a reviewer approves only the casualties and sends the rest back; the
infobox cites the source, "who wrote what" names them both, the export carries the new
figures, and the item is gone. A reviewer dismisses another with a reason."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_corrections import KIDAL, NEW_CASUALTIES, sign_in, sign_out
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

SOURCE = "Reuters, “Mali says 50 soldiers killed in Kidal fighting”, 21 May 2014"


def test_a_slip_on_the_worklist_is_fixed_from_it(page, kidal, reviewer, screenshot, screen):
    UserFactory(username="ada")

    page.goto("/worklist/")
    sign_in(page, "ada")
    item = page.locator(".worklist__item", has_text="Second Battle of Kidal").filter(
        has_text="Figures the text contradicts"
    )
    expect(item.get_by_role("link", name="Section: Malian army offensive")).to_be_visible()
    expect(item).to_contain_text("50 Malian soldiers were killed and 40 wounded")
    screenshot(f"worklist-{screen}")
    item.get_by_role("link", name="Propose a fix").click()

    expect(page.get_by_label("Corrected value")).to_have_value(
        f"{NEW_CASUALTIES}, 70 captured, 50 vehicles captured, 12 armoured vehicles captured "
        "(According to the MNLA)"
    )
    expect(page.get_by_label("Edit summary")).to_have_value(
        "Fix: Casualties1 gives 40 killed and 50 wounded; the section “Malian army offensive” "
        "says the other way round."
    )
    page.get_by_label("Source").fill(SOURCE)
    screenshot(f"worklist-fix-{screen}")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Your correction was submitted for review.")).to_be_visible()
    # Ada also changes the result, in the same proposal.
    page.get_by_role("link", name="Update proposal").click()
    page.get_by_label("Value of Result").fill("Malian defeat")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator(".status")).to_have_text("Pending review")
    sign_out(page)

    # Rokia approves the casualties and sends the result back: it needs a source.
    sign_in(page, "rokia")
    page.get_by_role("link", name="Review queue 1 pending").click()
    page.get_by_role("row", name="Fix: Casualties1 gives 40 killed").get_by_role(
        "link", name="Second Battle of Kidal"
    ).click()
    page.get_by_text("Approve only part of it…").click()
    page.get_by_label("Infobox: Casualties (side 1)").check()
    page.get_by_label("Why the rest goes back").fill("Which source calls it a defeat?")
    screenshot(f"worklist-approve-part-{screen}")
    page.get_by_role("button", name="Approve the chosen parts").click()
    expect(page.get_by_text("the rest went back to its author")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Changes requested")
    page.goto(KIDAL)
    infobox = page.get_by_role("table", name="Infobox")
    casualties = infobox.locator('[data-key="Casualties1"]')
    expect(casualties).to_contain_text(NEW_CASUALTIES)
    expect(infobox.locator('[data-key="Result"]')).not_to_contain_text("Malian defeat")
    # The source became the article's last reference, and the value cites it.
    casualties.locator("sup.citation a").click()
    expect(page.locator("li:target")).to_contain_text(SOURCE)
    screenshot(f"worklist-fixed-{screen}")

    # Who wrote the casualties now: Ada, reviewed by Rokia, with the source.
    page.goto(f"{KIDAL}blame/")
    row = page.locator("#infobox-Casualties1")
    expect(row).to_contain_text("ada")
    expect(row).to_contain_text("reviewed by rokia")
    expect(row).to_contain_text(SOURCE)

    # The export carries the new figures and the source.
    export = page.request.get("/api/events.csv").text()
    kidal_row = next(line for line in export.splitlines() if "Second Battle of Kidal" in line)
    assert ",52,52,52," in kidal_row
    assert "Mali says 50 soldiers killed in Kidal fighting" in kidal_row

    page.goto("/worklist/")
    expect(page.locator(".worklist__item", has_text="Second Battle of Kidal")).to_have_count(0)
    marker = page.locator(".worklist__item", has_text="A marker glued to a name")
    marker.get_by_text("Not a slip…").click()
    marker.get_by_label("Why this is not a slip").fill("Checked against the MNLA's list.")
    marker.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("Dismissed: Commander1 runs a marker")).to_be_visible()
    page.get_by_role("link", name="Dismissed").click()
    expect(page.locator(".worklist__item")).to_contain_text("Checked against the MNLA's list.")
    screenshot(f"worklist-dismissed-{screen}")
