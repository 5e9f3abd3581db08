"""System checks that a deployment can serve, and the refusal to serve when one fails."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


# A deployment check, so that `collectstatic`, which runs the staticfiles checks, can
# still write the manifest this asks for.
@checks.register(checks.Tags.staticfiles, deploy=True)
def static_manifest_collected(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """An error when the static files storage looks names up in a manifest that
    `collectstatic` has not written: every page linking a stylesheet would be a 500."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return []
    return [
        checks.Error(
            f"The static files manifest is missing from STATIC_ROOT ({settings.STATIC_ROOT}).",
            hint="Run `manage.py collectstatic --noinput` with these settings before serving.",
            id="site.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def local_http_off(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A warning while ANNALS_LOCAL_HTTP, the override for serving on this machine, is on."""
    if not getattr(settings, "ANNALS_LOCAL_HTTP", False):
        return []
    return [
        checks.Warning(
            "ANNALS_LOCAL_HTTP is on: plain http, no redirect to HTTPS, cookies not Secure-only.",
            hint="It is for `make serve` on 127.0.0.1; unset it in production.",
            id="site.W001",
        )
    ]


def refuse_to_serve_if_misconfigured() -> None:
    """Raise ImproperlyConfigured naming every problem when a system check or the static
    files manifest check reports an error. The WSGI and ASGI entry points call it, so that
    a misconfigured server fails at start rather than on every request. (The other
    deployment checks are for `check --deploy`: one of them builds the whole API schema.)"""
    messages = [*checks.run_checks(), *static_manifest_collected(None)]
    errors = [
        message
        for message in messages
        if message.is_serious(checks.ERROR) and not message.is_silenced()
    ]
    if errors:
        raise ImproperlyConfigured(
            "Annals will not serve until these are fixed:\n"
            + "\n".join(str(message) for message in errors)
        )
