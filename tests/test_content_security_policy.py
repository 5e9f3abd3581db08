"""A strict Content-Security-Policy on every response, in every configuration: only the
site's own scripts and styles; the API docs alone get the inline style and data: images
Swagger UI needs. (tests/browser proves that the pages work under it.)"""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
KIDAL = "/articles/second-battle-of-kidal/"
STRICT = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
}


def parse_policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header, directive by directive (their order varies)."""
    directives = (part.split() for part in header.split(";"))
    return {name: sources for name, *sources in directives}


def policy_of(response) -> dict[str, list[str]]:
    return parse_policy(response["Content-Security-Policy"])


def assert_strict(policy: dict[str, list[str]]):
    """Assert that `policy` allows no more than the site's own scripts, styles and images."""
    assert {name: policy.get(name) for name in STRICT} == STRICT


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        (KIDAL, 200),
        (f"{KIDAL}history/", 200),
        ("/accounts/login/", 200),
        ("/no-such-page/", 404),
        ("/api/articles/", 200),
        ("/api/schema/", 200),
        ("/healthz", 200),
    ],
)
def test_every_kind_of_response_carries_the_strict_policy(client, kidal, path, status):
    response = client.get(path)

    assert response.status_code == status
    assert_strict(policy_of(response))


def test_the_demo_with_debug_on_carries_the_strict_policy_too(client, settings, kidal):
    settings.DEBUG = True

    assert_strict(policy_of(client.get(KIDAL)))


@pytest.mark.django_db
def test_only_the_api_docs_may_use_their_own_inline_style_and_data_images(client):
    docs = client.get("/api/docs/")
    page = client.get("/")
    [inline_style] = re.findall(r"<style>(.*?)</style>", docs.text, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(inline_style.encode()).digest()).decode()

    assert policy_of(docs)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy_of(docs)["img-src"] == ["'self'", "data:"]
    assert policy_of(docs)["script-src"] == ["'self'"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", docs.text)
    assert_strict(policy_of(page))


class _InlineCode(HTMLParser):
    """Collects what a strict CSP refuses: inline <script> and <style>, style= and on*=
    attributes, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            # Template tags inside a tag read as attribute names too; theirs have no value.
            if name == "style" or (re.fullmatch(r"on[a-z]+", name) and value is not None):
                self.found.append(f"{name}= on <{tag}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: in {name}= on <{tag}>")


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_no_template_carries_inline_script_or_style(template):
    parser = _InlineCode()
    parser.feed(template.read_text())

    assert parser.found == []
