"""The test suite: PostgreSQL unless DATABASE_URL says otherwise (`make test` runs both)."""

import os

os.environ.setdefault("SECRET_KEY", "annals-test-only-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/annals")

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once, in the request that enqueues them (once its transaction commits).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
