"""Settings come from the environment, and refuse to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


# Set by the test settings or the browser tests, so not what a deployment would have.
_TEST_ONLY = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _clean_environment(**env) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _TEST_ONLY} | env


def run_check(settings_module: str, **env) -> subprocess.CompletedProcess:
    environment = _clean_environment(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("settings_module", ["config.settings.dev", "config.settings.prod"])
def test_debug_off_without_a_secret_key_refuses_to_start(settings_module):
    result = run_check(settings_module, DEBUG="0", ALLOWED_HOSTS="annals.example")

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.fixture(scope="module")
def production_check():
    return run_check(
        "config.settings.prod", SECRET_KEY="x" * 60 + "-unguessable", ALLOWED_HOSTS="annals.example"
    )


# HSTS for subdomains and preloading (W005, W021) depend on the deployment's domain.
@pytest.mark.parametrize(
    "warning",
    ["W004", "W008", "W009", "W012", "W016", "W018", "W020"],
    ids=["hsts", "ssl-redirect", "secret-key", "session-cookie", "csrf-cookie", "debug", "hosts"],
)
def test_production_settings_pass_the_deployment_checklist(production_check, warning):
    assert production_check.returncode == 0, production_check.stderr
    assert f"security.{warning}" not in production_check.stderr


def test_the_demo_runs_with_debug_and_a_demo_key_by_default():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.DEBUG, bool(settings.SECRET_KEY))",
        ],
        cwd=ROOT,
        env=_clean_environment(DJANGO_SETTINGS_MODULE="config.settings.dev"),
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.split() == ["True", "True"]


@pytest.mark.django_db
def test_postgresql_connections_never_compile_queries_with_jit(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
