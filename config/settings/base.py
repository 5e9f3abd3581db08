"""Settings shared by every environment; everything that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.cache import cache_from_url
from conflicts import limits

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for the demo).")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

# An empty DATABASE_URL is an unset one (production then refuses to start).
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
# A streaming replica of the primary, for anonymous reads (`config.replica`).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    # Tests read the primary through it, as production reads a copy of the primary.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
for database in DATABASES.values():
    database["ATOMIC_REQUESTS"] = False
    if database["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL's JIT compiles any query the planner thinks costly, which a search
        # for a common word is: 80 ms of compiling to save nothing on queries of 200.
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
# How long whoever wrote something keeps reading from the primary, while the replica
# catches up with what they wrote.
REPLICA_READ_YOUR_WRITES_SECONDS = env.int("REPLICA_READ_YOUR_WRITES_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "reversion",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "config",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "conflicts",
    "notifications",
    "facts",
    "governance",
]

MIDDLEWARE = [
    # First, so that every answer and every log record of a request carries its id.
    "conflicts.request_ids.RequestIdMiddleware",
    # Security headers and the Content-Security-Policy on every answer, the guard's
    # refusals and static files included; none of them reads the request's cookies.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Refuses a NUL in the address or headers, or a body over the limit, before the
    # session (whose cookie is a header) or anything else reads them.
    "conflicts.middleware.RequestGuardMiddleware",
    # Before anything reads the database: decides whether this request reads the replica.
    "config.replica.ReplicaMiddleware",
    # Serves CSS, scripts and the API docs' assets from the project itself, DEBUG or not.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A database outage met by a view is a 503 with Retry-After, DEBUG or not.
    "conflicts.middleware.DatabaseOutageMiddleware",
    # A renamed article's old addresses, now 404s, redirect to its new ones.
    "conflicts.middleware.ArticleAddressMiddleware",
    # Last, as django-axes requires: turns a request it marked as locked out into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.header_counts",
                "conflicts.context_processors.contributions_licence",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
# django-axes refuses a locked-out client before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "index"
LOGOUT_REDIRECT_URL = "index"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Load balancers probe /healthz (config.health) over plain http; a redirect is no answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only production collects static files; elsewhere WhiteNoise finds them in place.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Articles are read far more than written; history pages show this many revisions a page.
HISTORY_PAGE_SIZE = 50
# Who may still propose to a semi-protected article: accounts at least this old with at
# least this many approved proposals (and reviewers).
PROTECTION_ACCOUNT_AGE = timedelta(days=env.int("PROTECTION_ACCOUNT_AGE_DAYS", default=4))
PROTECTION_APPROVED_PROPOSALS = env.int("PROTECTION_APPROVED_PROPOSALS", default=3)
# The whole-article form of an article at the size limits must reach the view, which
# answers anything it can read with the form and a message, never a bare 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = limits.FORM_FIELDS_MAX
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.REQUEST_BODY_MAX_BYTES

ARTICLES_PAGE_SIZE = 50

# How many reverse proxies in front of the application append to X-Forwarded-For; until
# the operator says so, the header is the client's own writing and never read.
# `accounts.client_ip` reads it for every limit per address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    # A negative count would pick an address the client itself wrote into the header.
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT counts proxies: 0 or more.")

# Failed sign-ins (the sign-in page, the admin, API tokens), counted in the database by
# django-axes (`accounts.signin`) per (account, address) and per address, within the
# cool-off of the latest failure; past either limit, sign-in answers 429 until it ends.
SIGN_IN_FAILURES_PER_ACCOUNT = env.int("SIGN_IN_FAILURES_PER_ACCOUNT", default=5)
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=20)
SIGN_IN_COOLOFF = timedelta(minutes=env.int("SIGN_IN_COOLOFF_MINUTES", default=15))
AXES_HANDLER = "accounts.signin.SignInFailureHandler"
# In the order of the limits `SignInFailureHandler` compares them with.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "accounts.signin.failure_limit"
AXES_COOLOFF_TIME = SIGN_IN_COOLOFF
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
# A success never resets the count: signing in to one's own account between guesses at
# another's would otherwise reset the count for the address.
AXES_RESET_ON_SUCCESS = False
# Only failures are kept; who signed in from where is not.
AXES_DISABLE_ACCESS_LOG = True

# Sign-ups per address (`accounts.throttling.SignupThrottle`), counted in the shared cache.
SIGNUP_RATE = env.str("SIGNUP_RATE", default="10/hour")
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="3/hour")

# API tokens are django-rest-knox's, kept as digests, with a name and an expiry of their own
# (`accounts.models.ApiToken`); clients send them as DRF's were: `Authorization: Token …`.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's migrations make a table for its own token model even when it is swapped out, and
# that empty table, referring to accounts, would hold up flushing them; without them knox's
# only model, swapped out, has no table.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"AUTH_HEADER_PREFIX": "Token"}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["conflicts.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "conflicts.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "conflicts.api.throttling.AnonymousReadThrottle",
        "conflicts.api.throttling.WriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env.str("API_RATE_ANONYMOUS", default="300/min"),
        "writes": env.str("API_RATE_WRITES", default="60/min"),
        "token": env.str("API_RATE_TOKEN", default="10/min"),
    },
    "EXCEPTION_HANDLER": "conflicts.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Annals API",
    "DESCRIPTION": (
        "Reviewed articles on armed conflicts, their full revision history, and "
        "editors' proposed corrections. Only approved content is ever published."
    ),
    # /api/ is version 1: additions raise the minor number (README, "Versioning").
    "VERSION": "1.3.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Every page, in every configuration, runs only the project's own scripts and styles, so an
# injected <script>, style= or onclick= does nothing; views that need more (the API docs)
# widen it for themselves alone with csp.decorators.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}

# Throttle counts and published revisions' states live here; point CACHE_URL at Redis
# (redis://host:6379/0) when several processes serve, so that they share one count.
CACHES = {"default": cache_from_url(env.str("CACHE_URL", default="locmemcache://annals"))}

# Work that follows a commit (notifications and their emails) is queued in the database
# and run by `manage.py db_worker`, beside the web server (`make run`, `make serve`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker that has left a task waiting this long is reported late by /healthz.
TASK_WAIT_MAX_SECONDS = env.int("TASK_WAIT_MAX_SECONDS", default=120)

# Email: printed to the console by default (the demo); EMAIL_URL=smtp://user:password@host:587
# (or smtp+tls://…) in production. Links in emails start with SITE_URL.
# An empty EMAIL_URL is no choice: the demo's console, or production's refusal to start.
EMAIL_CONFIG = env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)  # django-environ's way: EMAIL_BACKEND, EMAIL_HOST, …
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Annals <annals@localhost>")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Structured logs: one JSON object a line on stdout, each with the id of the request it
# was written for (`conflicts.request_ids`) and, for an error, its traceback. Django's own
# loggers hand their records up to this handler instead of printing them their own way.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "conflicts.request_ids.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "traceback"},
            "timestamp": True,
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # django-axes announces itself at every start, manage.py commands included; its
        # lockouts are warnings, still logged.
        "axes.apps": {"level": "WARNING"},
    },
}
