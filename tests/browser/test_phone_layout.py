"""Every page on a 390 px phone and a 1366 px desktop: nothing wider than the screen, by
the page's own width and by every visible element's box (hiding the overflow of html or
body would hide the problem, not solve it)."""

import pytest

from conflicts.models import Article
from conflicts.services.reviews import proposal_approve
from tests.browser.test_corrections import KIDAL
from tests.factories import ReviewerFactory, UserFactory, committed, propose

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
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
    """Pages with something on them: a pending and an approved proposal, a notification."""
    ada = UserFactory(username="ada")
    rokia = ReviewerFactory(username="rokia")
    with committed():
        approved = propose(kidal, {"infobox": {"Strength2": "400"}}, author=ada)
        proposal_approve(proposal=approved, reviewer=rokia)
        pending = propose(kidal, {"lead": "A lead " * 40}, author=ada)
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
        f"{KIDAL}revisions/{first.id}/",
        f"{KIDAL}compare/?from={first.id}&to={newest.id}",
        f"{KIDAL}propose/",
        f"{KIDAL}propose/?part=infobox",
        f"{KIDAL}propose/?field=Casualties1",
        f"{KIDAL}revisions/{newest.id}/undo/",
        "/recent/",
        "/proposals/",
        "/proposals/?status=pending",
        f"/proposals/{pending.pk}/",
        "/notifications/",
        "/accounts/ada/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
    ]


@pytest.mark.parametrize("size", VIEWPORTS)
def test_no_page_is_wider_than_the_screen(page, site, screenshot, size):
    width, height = VIEWPORTS[size]
    page.set_viewport_size({"width": width, "height": height})
    wide = {}
    for who in ("anonymous", "ada", "rokia"):
        page.context.clear_cookies()
        if who != "anonymous":
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(who)
            page.get_by_label("Password").fill("correct horse battery staple")
            page.get_by_role("button", name="Sign in").click()
        for number, path in enumerate(pages(site)):
            page.goto(path)
            if who == "rokia":  # every page as the person who sees the most, for people to look at
                screenshot(f"layout-{size}-{number:02d}")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            overflowing = page.evaluate(_OVERFLOWING)
            if scroll_width > width or overflowing:
                wide[(who, path[:60])] = (scroll_width, overflowing)

    assert wide == {}, "\n".join(f"{key}: {value}" for key, value in wide.items())
