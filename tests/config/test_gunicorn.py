"""`make serve`: the production settings under gunicorn (config/gunicorn.conf.py) on this
machine's PostgreSQL and Redis, over plain http on 127.0.0.1, after migrating and
collecting static files."""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.test_content_security_policy import assert_strict, parse_policy

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# A Redis database of its own on the shared server, which other suites use too.
REDIS_URL = "redis://127.0.0.1:6379/11"
START_TIMEOUT_S = 180


def _database_url() -> str:
    """The URL of the test database, which the server must share with the test."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_until_healthy(server: httpx.Client, process: subprocess.Popen, log: Path):
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve stopped ({process.returncode}):\n{log.read_text()}")
        try:
            if server.get("/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"make serve was not healthy after {START_TIMEOUT_S} s:\n{log.read_text()}")


@pytest.fixture
def serve_log(tmp_path) -> Path:
    """Where `served` writes what make, migrate, collectstatic and gunicorn print."""
    return tmp_path / "serve.log"


@pytest.fixture
def served(on_postgres, transactional_db, kidal, clean_env, free_port, serve_log, tmp_path):
    """An httpx client of `make serve` running on a free port over the test database with
    the seed articles; the server is stopped afterwards."""
    log = serve_log
    command = [
        "make",
        "--no-print-directory",
        "serve",
        f"HOST=127.0.0.1:{free_port}",
        f"SERVE_DATABASE_URL={_database_url()}",
        f"SERVE_CACHE_URL={REDIS_URL}",
        f"SERVE_STATIC_ROOT={tmp_path / 'static'}",
    ]
    # Two workers: this machine's cores are shared with the rest of the suite.
    environment = clean_env | {"WEB_CONCURRENCY": "2"}
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{free_port}", timeout=10) as server:
            _wait_until_healthy(server, process, log)
            yield server
    finally:
        # make, its shell and gunicorn's master and workers share the session started here.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_make_serve_answers_pages_static_files_the_api_and_health_under_the_policy(
    served, serve_log
):
    page = served.get("/articles/second-battle-of-kidal/")
    stylesheet = re.search(r'href="(/static/css/annals\.[0-9a-f]{12}\.css)"', page.text)
    css = served.get(stylesheet[1])
    api = served.get("/api/articles/second-battle-of-kidal/")
    health = served.get("/healthz")
    docs = served.get("/api/docs/")

    assert page.status_code == 200
    assert "Second Battle of Kidal" in page.text
    assert_strict(parse_policy(page.headers["content-security-policy"]))
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert api.status_code == 200
    assert api.json()["title"] == "Second Battle of Kidal"
    assert_strict(parse_policy(api.headers["content-security-policy"]))
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}
    assert docs.status_code == 200
    assert parse_policy(docs.headers["content-security-policy"])["img-src"] == ["'self'", "data:"]
    assert '"GET /healthz HTTP/1.1" 200' in serve_log.read_text()


def test_make_serve_speaks_plain_http_with_cookies_a_browser_sends_back_over_it(served):
    sign_in = served.get("/accounts/login/")

    assert sign_in.status_code == 200
    assert "strict-transport-security" not in sign_in.headers
    [csrf_cookie] = sign_in.headers.get_list("set-cookie")
    assert csrf_cookie.startswith("csrftoken=")
    assert "secure" not in csrf_cookie.lower()
