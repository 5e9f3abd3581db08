"""Every page, as an anonymous reader, an editor and a reviewer, on a 390 px phone and a
1366 px desktop, loaded once for all its checks: nothing wider than the screen (by the
page's own width and by every visible element's box: hiding the overflow of html or body
would hide the problem, not solve it), no error in the console, and no serious or critical
accessibility violation by axe-core (bundled with axe-playwright-python, never fetched)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conflicts.models import Article
from conflicts.services.reviews import proposal_approve
from facts.services.claims import field_claim_add
from governance.services import article_delete
from tests.browser.test_corrections import KIDAL
from tests.factories import ReviewerFactory, UserFactory, committed, propose

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
ACCESSIBILITY_FAILS_AT = {"serious", "critical"}
# A search as long as people paste: one word of 500 letters.
LONG_QUERY = "a" * 500

# Elements whose right edge passes the viewport, with what they are, as a list of strings.
_OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.position === "fixed") continue;
    // Inside a box that scrolls on its own, overflow is that box's business.
    let scroller = element.parentElement, inScroller = false;
    while (scroller && scroller !== document.body) {
      const overflowX = getComputedStyle(scroller).overflowX;
      if (overflowX === "auto" || overflowX === "scroll") { inScroller = true; break; }
      scroller = scroller.parentElement;
    }
    if (inScroller) continue;
    // A drawing is clipped to its svg's box: only the svg itself can overflow the page.
    if (element.tagName.toLowerCase() !== "svg" && element.closest("svg")) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = `${element.tagName.toLowerCase()}.${element.className}`;
      found.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return found.slice(0, 5);
}
"""


@pytest.fixture
def site(kidal, seed_articles):
    """Pages with something on them: a pending and an approved proposal, a notification,
    another figure with a long source, a deleted article."""
    ada = UserFactory(username="ada")
    rokia = ReviewerFactory(username="rokia")
    with committed():
        approved = propose(kidal, {"infobox": {"Strength2": "400"}}, author=ada)
        proposal_approve(proposal=approved, reviewer=rokia)
        pending = propose(kidal, {"lead": "A lead " * 40}, author=ada)
    with committed():
        field_claim_add(
            article=kidal,
            key="Casualties1",
            value="50 killed",
            source="Reuters https://www.reuters.example/world/africa/" + "kidal-" * 20,
            user=rokia,
        )
    # Its address answers 410, with the page that says why.
    article_delete(article=seed_articles["1990-menaka-raid"], by=rokia, reason="A test")
    return {"ada": ada, "rokia": rokia, "pending": pending, "approved": approved}


def pages(site) -> list[str]:
    kidal = Article.objects.get(slug="second-battle-of-kidal")
    first = kidal.revisions.get(number=1)
    newest = kidal.current_revision
    pending = site["pending"]
    return [
        "/",
        f"/?q={LONG_QUERY}",
        "/?q=kidal",
        KIDAL,
        f"{KIDAL}history/",
        f"{KIDAL}blame/",
        f"{KIDAL}figures/",
        f"{KIDAL}revisions/{first.id}/",
        f"{KIDAL}compare/?from={first.id}&to={newest.id}",
        f"{KIDAL}propose/",
        f"{KIDAL}propose/?part=infobox",
        f"{KIDAL}propose/?field=Casualties1",
        f"{KIDAL}revisions/{newest.id}/undo/",
        "/recent/",
        "/log/",
        "/worklist/",
        "/worklist/?dismissed=1",
        "/map/",
        "/map/?view=world",
        "/proposals/",
        "/proposals/?status=pending",
        f"/proposals/{pending.pk}/",
        f"/proposals/{site['approved'].pk}/",
        f"/proposals/{pending.pk}/edit/",
        f"{KIDAL}revisions/{first.id}/revert/",
        f"{KIDAL}revisions/{first.id}/visibility/",
        f"{KIDAL}delete/",
        f"{KIDAL}merge/",
        "/proposals/new/",
        "/articles/1990-menaka-raid/",
        f"{KIDAL}compare/",
        "/notifications/",
        "/accounts/ada/",
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/accounts/password_change/",
        "/no-such-page/",
    ]


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_fits_the_screen_logs_no_error_and_passes_axe(page, site, screenshot, axe, size):
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message))
    problems = {}
    for who in ("anonymous", "ada", "rokia"):
        page.context.clear_cookies()
        if who != "anonymous":
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(who)
            page.get_by_label("Password").fill("correct horse battery staple")
            page.get_by_role("button", name="Sign in").click()
        for number, path in enumerate(pages(site)):
            console_errors.clear()
            page.goto(path)
            if who == "rokia":  # every page as the person who sees the most, for people to look at
                screenshot(f"layout-{size}-{number:02d}")
            found = _page_problems(page, width, axe)
            # A page refused to this person, or gone (a 403, 404 or 410 has its own page),
            # logs its status.
            found += [
                f"console: {message.text}"
                for message in console_errors
                if not re.search(r"status of 4[01]\d", message.text)
            ]
            if found:
                problems[(who, path[:60])] = found

    assert problems == {}, "\n".join(f"{key}: {value}" for key, value in problems.items())


def _page_problems(page, width: int, axe: Axe) -> list[str]:
    found = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        found.append(f"{scroll_width} px wide")
    found += [f"overflows: {element}" for element in page.evaluate(_OVERFLOWING)]
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in ACCESSIBILITY_FAILS_AT:
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"axe {violation['impact']}: {violation['id']} at {targets}")
    return found
