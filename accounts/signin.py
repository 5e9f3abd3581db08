"""Failed sign-ins: how many an address may make, and what it is told once it has made them.

django-axes records every failed sign-in in the database, whichever way it came (the
sign-in page, the admin, the API's token endpoint: all authenticate through Django), and
counts them per (account, address) and per address, each against its own limit
(`SIGN_IN_FAILURES_PER_ACCOUNT`, `SIGN_IN_FAILURES_PER_ADDRESS`) within `SIGN_IN_COOLOFF`
of the latest one. Never per account alone, which would let anyone lock a reviewer out.
Counts in the database survive a cache outage and are shared by every server.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from accounts.throttling import wait_in_words

LOCKED_OUT_STATUS = 429


def failure_limit(request, credentials) -> int:
    """`AXES_FAILURE_LIMIT`: the per-account limit, in whose units `SignInFailureHandler`
    reports failures."""
    return settings.SIGN_IN_FAILURES_PER_ACCOUNT


class SignInFailureHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each count.

    Axes compares one number, `get_failures`, with one limit, `failure_limit`. So
    `get_failures` answers in that limit's units: the per-account limit less what is left
    of whichever count is nearest its own limit, which reaches `failure_limit` exactly
    when some count reaches its own limit.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS, in its order.
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        limits = [settings.SIGN_IN_FAILURES_PER_ACCOUNT, settings.SIGN_IN_FAILURES_PER_ADDRESS]
        left = min(limit - count for limit, count in zip(limits, counts, strict=True))
        return settings.SIGN_IN_FAILURES_PER_ACCOUNT - left


def lockout_message() -> str:
    """What a client that has used up its failed sign-ins is told, saying when to retry."""
    return (
        "Too many failed sign-ins from your address. "
        f"Wait {wait_in_words(settings.SIGN_IN_COOLOFF)}, then try again; "
        "every try before then starts the wait again."
    )


def lockout_response(request, original_response, credentials) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: a 429 with `Retry-After` and `lockout_message`, as the
    API's JSON error shape on API routes and as the sign-in page everywhere else (the
    admin's sign-in included)."""
    retry_after = str(int(settings.SIGN_IN_COOLOFF.total_seconds()))
    if request.resolver_match is not None and request.resolver_match.app_name == "api":
        return JsonResponse(
            {"detail": lockout_message()},
            status=LOCKED_OUT_STATUS,
            headers={"Retry-After": retry_after},
        )
    form = AuthenticationForm(
        request, initial={"username": get_client_username(request, credentials)}
    )
    response = render(
        request,
        "registration/login.html",
        {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")},
        status=LOCKED_OUT_STATUS,
    )
    response["Retry-After"] = retry_after
    return response
