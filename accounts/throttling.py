"""Rate limits counted in the shared cache, per client address as `client_ip` says.

Built on DRF's throttles, which the API uses too, so that the HTML site and the API count
the same way: one count per address across every server that shares the cache.
"""

import hashlib
import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timeuntil
from rest_framework.throttling import SimpleRateThrottle

from accounts.client_ip import client_ip


class ClientAddressMixin:
    """Identifies an anonymous client by `client_ip`, never by a header it wrote."""

    def get_ident(self, request) -> str:
        return client_ip(request)


class SignupThrottle(ClientAddressMixin, SimpleRateThrottle):
    """Sign-up attempts per address, at `settings.SIGNUP_RATE` (e.g. "10/hour")."""

    scope = "signup"

    def get_rate(self) -> str:
        return settings.SIGNUP_RATE

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PasswordResetEmailThrottle(SimpleRateThrottle):
    """Password-reset emails to one address, at `settings.PASSWORD_RESET_RATE` (e.g.
    "3/hour"), whoever asks and from wherever: nobody fills someone's inbox with them.
    The cache key holds a digest of the address, never the address itself."""

    scope = "password_reset"

    def __init__(self, email: str):
        self.email = email
        super().__init__()

    def get_rate(self) -> str:
        return settings.PASSWORD_RESET_RATE

    def get_cache_key(self, request, view) -> str:
        digest = hashlib.sha256(self.email.strip().casefold().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}

    def allow_email(self) -> bool:
        """Whether one more email may go to the address now (and counts it if so)."""
        return self.allow_request(request=None, view=None)


def wait_in_words(wait: timedelta) -> str:
    """`wait` rounded up to whole minutes, in words: "15 minutes", "1 hour, 5 minutes"."""
    now = timezone.now()
    return timeuntil(now + timedelta(minutes=max(1, math.ceil(wait / timedelta(minutes=1)))), now)
