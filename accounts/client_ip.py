"""Which address a request comes from: the one answer that every limit per address uses
(failed sign-ins through django-axes, sign-ups, and the API's throttles).

A client can write any `X-Forwarded-For` it likes, so the header is read only as far as
the operator vouches for it with `TRUSTED_PROXY_COUNT`: the number of reverse proxies in
front of the application, each of which appends the address it received the request from.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address `request` (Django's or DRF's) counts as coming from.

    With `settings.TRUSTED_PROXY_COUNT` at 0 (the default), `REMOTE_ADDR`. With n trusted
    proxies, the n-th address from the right of `X-Forwarded-For`, the one the outermost
    trusted proxy saw; whatever stands further left was written by the client and is never
    read. A header with fewer than n addresses, or no address at that place, means the
    request did not come through the proxies as declared: then `REMOTE_ADDR` again.
    Returns "" when the server gave no `REMOTE_ADDR` (a Unix socket without a proxy).
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted == 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < trusted:
        return remote_addr
    try:
        # Normalised, so that one address written two ways is counted once.
        return str(ipaddress.ip_address(forwarded[-trusted].strip()))
    except ValueError:
        return remote_addr
