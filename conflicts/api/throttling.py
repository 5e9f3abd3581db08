"""Rates: anonymous reads per address, writes per account, token requests per address."""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class AnonymousReadThrottle(AnonRateThrottle):
    scope = "anonymous"


class WriteThrottle(UserRateThrottle):
    """Counts only requests that change something, per signed-in account."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class TokenThrottle(SimpleRateThrottle):
    """Token requests per address, so passwords cannot be guessed at speed."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
