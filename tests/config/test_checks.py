"""The checks that a deployment can serve: collected static files, no local overrides."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import checks

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def manifest_storage(settings, tmp_path):
    """The production static files storage, over an empty STATIC_ROOT."""
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = tmp_path
    return tmp_path


def test_a_manifest_storage_whose_files_were_never_collected_is_an_error(manifest_storage):
    [error] = checks.static_manifest_collected(None)

    assert error.id == "site.E001"
    assert str(manifest_storage) in error.msg
    assert "collectstatic" in error.hint


def test_collected_static_files_pass(settings, collected_static):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = collected_static

    assert checks.static_manifest_collected(None) == []


def test_storage_that_looks_files_up_where_they_are_needs_no_manifest():
    assert checks.static_manifest_collected(None) == []


def test_serving_refuses_to_start_with_uncollected_static_files(manifest_storage):
    with pytest.raises(ImproperlyConfigured, match=r"will not serve(.|\n)*site\.E001"):
        checks.refuse_to_serve_if_misconfigured()


def test_serving_starts_once_static_files_are_collected(settings, collected_static):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = collected_static

    checks.refuse_to_serve_if_misconfigured()


def test_the_local_http_override_is_flagged_for_the_deployment_checklist(settings):
    settings.ANNALS_LOCAL_HTTP = True

    assert [warning.id for warning in checks.local_http_off(None)] == ["site.W001"]


def test_without_the_local_http_override_nothing_is_flagged():
    assert checks.local_http_off(None) == []
