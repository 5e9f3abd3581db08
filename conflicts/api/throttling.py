"""Rates: anonymous reads per address, writes per account, token requests per address.

Counted in the shared cache; an address is what `accounts.client_ip` says it is, so no
`X-Forwarded-For` a client writes lifts a limit.
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from accounts.throttling import ClientAddressMixin


class AnonymousReadThrottle(ClientAddressMixin, AnonRateThrottle):
    scope = "anonymous"


class WriteThrottle(ClientAddressMixin, UserRateThrottle):
    """Counts only requests that change something, per signed-in account."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class TokenThrottle(ClientAddressMixin, SimpleRateThrottle):
    """Token requests per address, so passwords cannot be guessed at speed."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
