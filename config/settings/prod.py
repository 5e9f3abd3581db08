"""Production, failing closed: a secret key, the hosts served, a PostgreSQL database, a
shared Redis cache and the HSTS decisions must come from the environment or nothing
starts; DEBUG is off whatever the environment says. ANNALS_LOCAL_HTTP=1 serves plain http
on this machine (`make serve`), which `manage.py check --deploy` flags."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, DATABASES, env


def _required(name: str, meaning: str, parse=env.str):
    """Environment variable `name` read with `parse` (an `env` method); ImproperlyConfigured
    saying what it means when it is unset or empty."""
    if not env.str(name, default=""):
        raise ImproperlyConfigured(f"Set {name} in the environment: {meaning}.")
    return parse(name)


# SECRET_KEY has no default here: base refuses to start without one.
DEBUG = False
ALLOWED_HOSTS = _required(
    "ALLOWED_HOSTS", "the host names this site answers to, comma-separated", env.list
)

_required("DATABASE_URL", "postgres://USER:PASSWORD@HOST:PORT/NAME; there is no SQLite default")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL database (postgres://…): row locks, full-text "
        "search and concurrent writers need it."
    )
# Each worker keeps its connection for a minute rather than opening one per request, and
# checks it is still alive before reusing it after a database restart.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Notifications are emailed: an operator says how (smtp://…), or that they are not
# (dummymail://), rather than their being printed among the logs.
_required("EMAIL_URL", "smtp://USER:PASSWORD@HOST:587 for notification emails, or dummymail://")
SITE_URL = env.str("SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}").rstrip("/")

# Rate limits must be counted once for all workers and servers: a local-memory cache would
# give each gunicorn worker a count of its own and multiply every limit.
_required("CACHE_URL", "redis://HOST:6379/0, the cache every worker and server shares")
if CACHES["default"]["BACKEND"] != "config.cache.DegradingRedisCache":
    raise ImproperlyConfigured(
        "CACHE_URL must name a Redis server (redis:// or rediss://): every worker and server "
        "must share one count per rate limit."
    )

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
# Both bind every subdomain of the site's domain to HTTPS for as long as browsers remember,
# preloading for years: only the operator can decide, so there is no default. A "no" is
# that decision, and silences the deployment check that asks for it.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _required(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "1 if every subdomain is served over HTTPS, else 0", env.bool
)
SECURE_HSTS_PRELOAD = _required(
    "SECURE_HSTS_PRELOAD", "1 to have browsers preload HTTPS for the domain, else 0", env.bool
)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# Plain http on this machine, for `make serve`: no redirect to HTTPS, and cookies a browser
# sends over http. `check --deploy` flags it (security.W008, W012, W016 and site.W001).
ANNALS_LOCAL_HTTP = env.bool("ANNALS_LOCAL_HTTP", default=False)
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
if ANNALS_LOCAL_HTTP and not set(ALLOWED_HOSTS) <= _LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "ANNALS_LOCAL_HTTP=1 serves plain http and is for this machine only: ALLOWED_HOSTS "
        f"may name only {', '.join(sorted(_LOCAL_HOSTS))}."
    )
SECURE_SSL_REDIRECT = not ANNALS_LOCAL_HTTP
SESSION_COOKIE_SECURE = not ANNALS_LOCAL_HTTP
CSRF_COOKIE_SECURE = not ANNALS_LOCAL_HTTP
