"""Playwright on Debian's Chromium against a live server; never a downloaded browser."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import ReviewerFactory

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is not installed: `make browser` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Reports each Content-Security-Policy violation of every document the context opens to
# the test, before any of the page's own scripts run.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} on ${document.location.pathname}`
  );
});
"""


@pytest.fixture
def csp_violations() -> list[str]:
    """Every CSP violation the page reported, as Chromium's console and the
    securitypolicyviolation event tell it; `page` fails the test unless it stays empty."""
    return []


@pytest.fixture
def page(browser, live_server, transactional_db, csp_violations):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)

    def record_violation(description: str):
        csp_violations.append(description)

    def record_console_violation(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    context.expose_function("reportCspViolation", record_violation)
    context.add_init_script(_REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", record_console_violation)
    yield page
    context.close()
    # Every page of the site works under its strict CSP: a test that met a violation fails.
    assert csp_violations == []


SCREENS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(params=list(SCREENS))
def screen(request, page) -> str:
    """Runs the test on a desktop and on a phone, `page` sized as the screen; its name."""
    width, height = SCREENS[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return request.param


@pytest.fixture
def reviewer(transactional_db):
    """Rokia, a reviewer, in the database the live server reads."""
    return ReviewerFactory(username="rokia", first_name="Rokia")


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot to artifacts/screenshots/<name>.png for people to look at."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
