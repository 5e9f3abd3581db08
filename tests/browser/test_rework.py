"""Reworking a conflicting proposal in Chromium: nothing the author wrote is lost.

Issue 7's second finding, as a person meets it: Ada changed Strength1 and Casualties2 of
the Second Battle of Kidal; Bakary's Casualties2 was approved first, so Ada's proposal is
a conflict. Her rework form must hold both her values, show the published one beside
the clashing field, and after resubmitting and approval both of hers are published.
"""

import pytest
from playwright.sync_api import expect

from conflicts import selectors
from conflicts.models import Proposal
from conflicts.services.proposals import proposal_create
from conflicts.services.reviews import proposal_approve
from tests.browser.test_corrections import sign_in, sign_out
from tests.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.browser

OURS = {"Strength1": "1,500 soldiers", "Casualties2": "3 killed, 10 wounded"}
THEIRS = "2 killed, 9 wounded"


@pytest.fixture
def conflicting(kidal):
    """Ada's proposal, in conflict after Bakary's Casualties2 was approved."""
    ada, bakary = UserFactory(username="ada"), UserFactory(username="bakary")
    reviewer = ReviewerFactory(username="rokia")
    ours = proposal_create(
        article=kidal, author=ada, changes={"infobox": OURS}, summary="Figures from the body"
    )
    theirs = proposal_create(
        article=kidal, author=bakary, changes={"infobox": {"Casualties2": THEIRS}}, summary="MNLA"
    )
    proposal_approve(proposal=theirs, reviewer=reviewer)
    with pytest.raises(Exception, match="conflicts with changes published since"):
        proposal_approve(proposal=ours, reviewer=reviewer)
    return ours


def test_an_author_reworks_a_conflict_and_both_of_her_values_are_published(
    page, conflicting, kidal, screenshot, screen
):
    page.goto(conflicting.get_absolute_url())
    sign_in(page, "ada")
    page.goto(conflicting.get_absolute_url())
    page.get_by_role("link", name="Update proposal").click()

    clashes = page.get_by_role(
        "note", name="1 of your changes clashes with what was published since"
    )
    expect(clashes).to_contain_text("infobox: Casualties2")
    expect(clashes).to_contain_text(THEIRS)
    expect(page.get_by_label("Value of Strength (side 1)")).to_have_value(OURS["Strength1"])
    casualties = page.get_by_label("Value of Casualties (side 2)")
    expect(casualties).to_have_value(OURS["Casualties2"])
    row = page.get_by_role("row").filter(has=casualties)
    expect(row.get_by_role("note")).to_contain_text(f"Published now: {THEIRS}")
    screenshot(f"rework-conflict-{screen}")

    page.get_by_label("Edit summary").fill("Figures from the body; MNLA losses as reported")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Pending review").first).to_be_visible()
    sign_out(page)

    sign_in(page, "rokia")
    page.goto(conflicting.get_absolute_url())
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Approved and published").first).to_be_visible()

    published = selectors.article_state(selectors.article_published().get(pk=kidal.pk))
    assert Proposal.objects.get(pk=conflicting.pk).status == Proposal.Status.APPROVED
    assert published.infobox_value("Strength1") == OURS["Strength1"]
    assert published.infobox_value("Casualties2") == OURS["Casualties2"]
    page.goto(kidal.get_absolute_url())
    infobox = page.get_by_role("table", name="Infobox")
    expect(infobox).to_contain_text(OURS["Strength1"])
    expect(infobox).to_contain_text(OURS["Casualties2"])
