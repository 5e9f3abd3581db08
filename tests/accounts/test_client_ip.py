"""The address every limit counts: REMOTE_ADDR, unless the operator declares trusted proxies."""

import pytest
from django.test import RequestFactory

from accounts.client_ip import client_ip

PROXY = "10.0.0.2"


def request_from(remote_addr: str = PROXY, forwarded: str | None = None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_never_read():
    assert client_ip(request_from("198.51.100.4", "203.0.113.9")) == "198.51.100.4"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        # One proxy appends the address it saw: the right-most; the rest is the client's.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 5.6.7.8, 203.0.113.9", "203.0.113.9"),
        # Two proxies: the outer one's entry is second from the right.
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, "2001:DB8::0:1", "2001:db8::1"),
    ],
)
def test_with_trusted_proxies_the_address_the_outermost_one_saw_counts(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted

    assert client_ip(request_from(forwarded=forwarded)) == expected


@pytest.mark.parametrize(
    ("trusted", "forwarded"),
    [(1, None), (1, ""), (2, "203.0.113.9"), (1, "not an address"), (1, "203.0.113.9:443")],
)
def test_a_request_that_did_not_come_through_the_declared_proxies_counts_as_remote_addr(
    settings, trusted, forwarded
):
    settings.TRUSTED_PROXY_COUNT = trusted

    assert client_ip(request_from(forwarded=forwarded)) == PROXY
