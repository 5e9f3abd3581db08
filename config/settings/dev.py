"""The local demo (`make run`): DEBUG and a demo key unless the environment says otherwise."""

import os

# The demo key is only a default while DEBUG is on: base refuses DEBUG=0 without SECRET_KEY.
if os.environ.get("DEBUG", "1").lower() in ("1", "true", "yes", "on"):
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "annals-demo-only-insecure-key")

from .base import *  # noqa: F403

ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
