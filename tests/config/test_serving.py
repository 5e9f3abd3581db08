"""The WSGI and ASGI entry points serve production settings, and only when they can serve
every page: static files collected as the deploy steps say."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.config.test_checks import MANIFEST_STORAGE

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ["config.wsgi", "config.asgi"]


def start(entry_point: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Load `entry_point` as a server would, in a process of its own, and report the
    settings it loaded."""
    script = (
        f"import {entry_point}; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def server_env(production_env):
    """A production environment that leaves the settings module to the entry point."""
    return {k: v for k, v in production_env.items() if k != "DJANGO_SETTINGS_MODULE"}


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_server_given_no_settings_module_runs_production_settings(
    entry_point, server_env, collected_static
):
    result = start(entry_point, server_env | {"STATIC_ROOT": str(collected_static)})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.prod", "False"]


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_server_given_nothing_refuses_to_start_rather_than_run_the_demo(entry_point, clean_env):
    environment = {k: v for k, v in clean_env.items() if k != "DJANGO_SETTINGS_MODULE"}

    result = start(entry_point, environment)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_a_server_refuses_to_start_before_static_files_are_collected(entry_point, server_env):
    result = start(entry_point, server_env)

    assert result.returncode != 0
    assert "Annals will not serve until these are fixed" in result.stderr
    assert "site.E001" in result.stderr
    assert "collectstatic" in result.stderr


def test_pages_link_the_collected_stylesheet_and_it_is_served(
    client, settings, collected_static, kidal
):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = collected_static
    settings.WHITENOISE_USE_FINDERS = False

    page = client.get("/articles/second-battle-of-kidal/")
    [stylesheet] = re.findall(r'href="(/static/css/annals\.[0-9a-f]{12}\.css)"', page.text)
    css = client.get(stylesheet)

    assert page.status_code == 200
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    assert "immutable" in css["Cache-Control"]
