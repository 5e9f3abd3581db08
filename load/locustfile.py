"""`make load`: readers and reviewers against a running Annals, headless, for a bounded time.

95 of every 100 tasks read (an article, its history, a compare of two revisions, a search,
an article through the API), 5 write: an editor proposes a one-field correction through
the API, and a reviewer approves it. Every correction carries a marker of its own
(`Load marker` in the infobox); each approval the server confirmed is written, with its
marker, to LOAD_APPROVED_FILE, which `manage.py check_load_integrity` then checks against
the database: every confirmed approval in history exactly once.

Environment: LOAD_EDITOR / LOAD_REVIEWER (username:password of accounts with those
roles), LOAD_APPROVED_FILE.
"""

import json
import os
import random
import threading
import uuid

from locust import HttpUser, between, events, task
from locust.clients import HttpSession

MARKER_KEY = "Load marker"
_approved_lock = threading.Lock()
_articles: list[str] = []
# One token per account for all simulated users: every token request makes a new token,
# and an account holds at most `API_TOKENS_PER_USER`.
_tokens: dict[str, dict] = {}
_tokens_lock = threading.Lock()


def _credentials(name: str) -> dict:
    username, _, password = os.environ[name].partition(":")
    return {"username": username, "password": password}


@events.test_start.add_listener
def _load_articles(environment, **kwargs):
    """The slugs to read and correct: the first pages of the API's list."""
    # A session of its own: users get the --host only once they are spawned.
    client = HttpSession(
        base_url=environment.host, request_event=environment.events.request, user=None
    )
    url = "/api/articles/?page_size=100"
    while url and len(_articles) < 300:
        page = client.get(url, name="setup: article list").json()
        _articles.extend(article["slug"] for article in page["results"])
        url = page["next"]
    if not _articles:
        raise RuntimeError("The server has no articles to load.")


class Reader(HttpUser):
    weight = 95
    wait_time = between(0.05, 0.2)

    @task(4)
    def article(self):
        self.client.get(f"/articles/{random.choice(_articles)}/", name="/articles/[slug]/")

    @task(2)
    def history(self):
        slug = random.choice(_articles)
        self.client.get(f"/articles/{slug}/history/", name="/articles/[slug]/history/")

    @task(1)
    def compare(self):
        slug = random.choice(_articles)
        revisions = self.client.get(
            f"/api/articles/{slug}/revisions/", name="/api/articles/[slug]/revisions/"
        ).json()["results"]
        if len(revisions) >= 2:
            old, new = revisions[-1]["id"], revisions[0]["id"]
            self.client.get(
                f"/articles/{slug}/compare/?from={old}&to={new}",
                name="/articles/[slug]/compare/",
            )

    @task(2)
    def search(self):
        word = random.choice(["battle", "siege", "garrison", "kidal", "river", "treaty"])
        self.client.get(f"/?q={word}", name="/?q=[word]")

    @task(3)
    def api_detail(self):
        slug = random.choice(_articles)
        self.client.get(f"/api/articles/{slug}/", name="/api/articles/[slug]/")


class Corrector(HttpUser):
    """An editor and a reviewer in one: propose, then approve, one field at a time."""

    weight = 5
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.editor = self._token("LOAD_EDITOR")
        self.reviewer = self._token("LOAD_REVIEWER")

    def _token(self, name: str) -> dict:
        with _tokens_lock:
            if name not in _tokens:
                response = self.client.post(
                    "/api/auth/token/",
                    json={**_credentials(name), "name": "Load test"},
                    name="/api/auth/token/",
                )
                response.raise_for_status()
                _tokens[name] = {"Authorization": f"Token {response.json()['token']}"}
            return _tokens[name]

    @task
    def correct(self):
        slug = random.choice(_articles)
        marker = uuid.uuid4().hex
        proposed = self.client.post(
            f"/api/articles/{slug}/proposals/",
            json={"summary": f"Load test {marker}", "infobox": {MARKER_KEY: marker}},
            headers=self.editor,
            name="/api/articles/[slug]/proposals/",
        )
        if proposed.status_code != 201:
            return
        proposal = proposed.json()["id"]
        with self.client.post(
            f"/api/proposals/{proposal}/approve/",
            headers=self.reviewer,
            name="/api/proposals/[id]/approve/",
            catch_response=True,
        ) as approved:
            if approved.status_code == 409:
                # Another approval of the same field got there first: a conflict the
                # reviewer is told of, not a failure of the server.
                approved.success()
                return
            if approved.status_code != 200:
                return
        with _approved_lock, open(os.environ["LOAD_APPROVED_FILE"], "a") as approvals:
            approvals.write(json.dumps({"proposal": proposal, "marker": marker}) + "\n")
