"""Every kind of page works in Chromium under the site's strict Content-Security-Policy.

The `page` fixture records every violation Chromium reports; each visit here also checks
it at once, so a failure names the page that needed an inline script or style.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_corrections import sign_in
from tests.factories import UserFactory, propose
from tests.test_content_security_policy import assert_strict, parse_policy

pytestmark = pytest.mark.browser

KIDAL = "/articles/second-battle-of-kidal/"


def visit(page, csp_violations, path, *, status=200) -> dict[str, list[str]]:
    """Open `path`, let its scripts and requests settle, and check that nothing broke its
    policy, which is returned."""
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    assert response.status == status, path
    assert csp_violations == [], path
    return parse_policy(response.headers["content-security-policy"])


def visit_strict(page, csp_violations, path, *, status=200):
    """`visit` a page served under the site's strict policy."""
    assert_strict(visit(page, csp_violations, path, status=status))


def test_a_reader_meets_no_inline_script_or_style_anywhere(page, csp_violations, corrected_kidal):
    for path in (
        "/",
        "/?q=Kidal",
        KIDAL,
        f"{KIDAL}history/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/mariam/",
        "/accounts/logout/",
        "/recent/",
        "/api/",
    ):
        visit_strict(page, csp_violations, path)
    visit_strict(page, csp_violations, "/articles/no-such-battle/", status=404)
    visit_strict(page, csp_violations, f"{KIDAL}compare/", status=404)

    page.goto(f"{KIDAL}history/")
    page.get_by_role("link", name=re.compile("with the one before")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Changes to"))).to_be_visible()
    page.goto(f"{KIDAL}history/")
    page.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("note", name="Old revision")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert csp_violations == []


def test_an_editor_proposes_and_previews_under_the_strict_policy(
    page, csp_violations, kidal, editor
):
    page.goto(KIDAL)
    sign_in(page, editor.username)
    visit_strict(page, csp_violations, f"{KIDAL}propose/?field=Casualties1")
    visit_strict(page, csp_violations, f"{KIDAL}propose/?part=infobox")
    visit_strict(page, csp_violations, f"{KIDAL}propose/")
    # The formset script adds a row from its template; the draft script saves as one types.
    page.get_by_role("button", name="Add a field").click()
    casualties = page.get_by_label("Value of Casualties (side 1)")
    casualties.fill(casualties.input_value().replace("40 killed, 50 wounded", "50 killed"))
    page.get_by_label("Edit summary").fill("Casualties as in the body")
    page.get_by_role("button", name="Preview changes").click()
    expect(page.get_by_role("region", name="Preview of your changes")).to_be_visible()
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Your proposal was submitted for review.")).to_be_visible()
    page.wait_for_load_state("networkidle")
    visit_strict(page, csp_violations, "/proposals/")
    assert csp_violations == []


def test_a_reviewer_reviews_and_reverts_with_a_reason_under_the_strict_policy(
    page, csp_violations, corrected_kidal, editor, reviewer
):
    proposal = propose(
        corrected_kidal, {"infobox": {"Result": "Mali recaptured Kidal"}}, author=editor
    )
    page.goto("/")
    sign_in(page, reviewer.username)
    visit_strict(page, csp_violations, "/proposals/?status=pending")
    visit_strict(page, csp_violations, f"/proposals/{proposal.pk}/")
    expect(page.get_by_role("button", name="Approve and publish")).to_be_visible()

    visit_strict(page, csp_violations, f"{KIDAL}history/")
    page.get_by_role("link", name="Revert to revision 1").click()
    # Cancelling sends nothing; the revert page asks for the reason the summary carries.
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Revert to revision 1").click()
    page.get_by_label("Reason").fill("The correction had no source.")
    page.get_by_role("button", name="Revert").click()

    expect(page.get_by_text("Reverted to revision 1; published as revision 3.")).to_be_visible()
    expect(page.get_by_role("row").filter(has=page.get_by_role("radio"))).to_have_count(3)
    expect(page.get_by_role("row").nth(1)).to_contain_text(
        "Reverted to revision 1: The correction had no source."
    )
    assert csp_violations == []


def test_staff_browse_the_admin_under_the_strict_policy(page, csp_violations, kidal):
    UserFactory(username="aminata", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("aminata")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    visit_strict(page, csp_violations, "/admin/")
    visit_strict(page, csp_violations, "/admin/conflicts/article/")
    visit_strict(page, csp_violations, f"/admin/conflicts/article/{kidal.pk}/change/")


def test_the_api_docs_render_with_exactly_their_own_allowances(
    page, csp_violations, kidal, screenshot
):
    policy = visit(page, csp_violations, "/api/docs/")

    expect(page.get_by_role("heading", name=re.compile("Annals API"))).to_be_visible()
    expect(page.get_by_text("/api/articles/{slug}/", exact=True).first).to_be_visible()
    assert policy["script-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("api-docs")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("api-docs-phone")
    assert csp_violations == []
