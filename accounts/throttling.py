"""Rate limits counted in the shared cache, per client address as `client_ip` says.

Built on DRF's throttles, which the API uses too, so that the HTML site and the API count
the same way: one count per address across every server that shares the cache.
"""

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


def wait_in_words(wait: timedelta) -> str:
    """`wait` rounded up to whole minutes, in words: "15 minutes", "1 hour, 5 minutes"."""
    now = timezone.now()
    return timeuntil(now + timedelta(minutes=max(1, math.ceil(wait / timedelta(minutes=1)))), now)
