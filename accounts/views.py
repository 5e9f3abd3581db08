"""Sign-up and a user's page; signing in and out and password changes are Django's views."""

import math
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts import confirmation, selectors
from accounts.client_ip import client_ip
from accounts.confirmation import confirmation_send
from accounts.forms import AccountDeleteForm, ApiTokenForm, SignupForm
from accounts.models import User
from accounts.roles import is_reviewer
from accounts.services import account_erase, user_create
from accounts.throttling import PasswordResetEmailThrottle, SignupThrottle, wait_in_words
from accounts.tokens import TokenLimitReached, api_token_create, api_token_revoke
from conflicts import permissions
from conflicts.forms import add_service_errors
from conflicts.services.errors import StateError
from governance.forms import BlockForm, RoleForm, UnblockForm
from governance.selectors import active_block, address_block
from governance.services import reviewer_role_set, user_block, user_unblock

PROFILE_PAGE_SIZE = 25


def signup(request):
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return _redirect_next(next_url)
    block = address_block(client_ip(request))
    if block is not None:
        refusal = f"Sign-ups from your address are blocked {block.ends}: “{block.reason}”"
        context = {"form": SignupForm(), "next": next_url, "refused": refusal}
        return render(request, "registration/signup.html", context, status=403)
    if request.method == "POST":
        throttle = SignupThrottle()
        if not throttle.allow_request(request, None):
            # No estimate when the rate was lowered below what was counted: a whole period.
            return _signup_refused(request, next_url, wait=throttle.wait() or throttle.duration)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        # django-axes' backend comes first in AUTHENTICATION_BACKENDS; this one signs in.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        confirmation_send(user, base_url=_site_address(request))
        messages.success(
            request,
            f"Welcome to Annals, {user.get_username()}. You are signed in. We sent a link to "
            f"{user.email}: follow it to start proposing corrections.",
        )
        return _redirect_next(next_url)
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def _signup_refused(request, next_url, *, wait: float):
    """The sign-up page, the request unread, with a 429 saying when to try again."""
    message = (
        "Too many sign-ups from your address. "
        f"Try again in {wait_in_words(timedelta(seconds=wait))}."
    )
    response = render(
        request,
        "registration/signup.html",
        {"form": SignupForm(), "next": next_url, "refused": message},
        status=429,
    )
    response["Retry-After"] = str(math.ceil(wait))
    return response


class SignOutView(LogoutView):
    """Django's sign-out (a POST), saying so afterwards; a GET, which would otherwise be a
    bare 405, is a page that explains and offers the button."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "registration/logout_confirm.html")

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, "You are signed out.")
        return response


def user_profile(request, username):
    return _profile_page(request, get_object_or_404(User, username=username))


@require_safe
def email_confirm(request, token):
    """The link sent at sign-up: the account's address is confirmed, and it may propose."""
    try:
        user = confirmation.email_confirm(token)
    except confirmation.InvalidLink as error:
        return render(
            request, "registration/email_confirm_invalid.html", {"reason": error}, status=400
        )
    messages.success(request, "Your e-mail address is confirmed: you may propose corrections.")
    return redirect("user_profile", username=user.get_username())


@require_POST
@login_required
def email_confirm_resend(request):
    """Send the confirmation link again, as often as the address's e-mail limit allows."""
    user = request.user
    if not user.email_confirmation_pending:
        messages.info(request, "Your e-mail address is confirmed already.")
    elif not PasswordResetEmailThrottle(user.email).allow_email():
        messages.error(request, "We sent several links to that address lately: try later.")
    else:
        confirmation_send(user, base_url=_site_address(request))
        messages.success(request, f"We sent a new link to {user.email}.")
    return redirect("user_profile", username=user.get_username())


def _site_address(request) -> str:
    """The site's address as this request reached it, for links in e-mails."""
    return request.build_absolute_uri("/").rstrip("/")


@require_POST
@login_required
def role_change(request, username):
    """An administrator makes the account a reviewer, or no longer one, with a reason that
    the log keeps; refused, the page comes back with the reason as written."""
    profile_user = get_object_or_404(User, username=username)
    # Who may comes before what was sent: a refused user's text is not read.
    permissions.manage_roles.require(request.user)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            entry = reviewer_role_set(user=profile_user, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect("user_profile", username=profile_user.get_username())
        else:
            messages.success(request, f"{entry.get_action_display()}: {profile_user}.")
            return redirect("user_profile", username=profile_user.get_username())
    return _profile_page(request, profile_user, role_form=form, status=400)


@require_POST
@login_required
def block_change(request, username):
    """A reviewer blocks the account for a while with a reason, or lifts its block;
    refused, the page comes back with what was written."""
    profile_user = get_object_or_404(User, username=username)
    permissions.block_users.require(request.user)
    lifting = active_block(profile_user) is not None
    form = (UnblockForm if lifting else BlockForm)(request.POST)
    if form.is_valid():
        try:
            if lifting:
                user_unblock(user=profile_user, by=request.user, **form.cleaned_data)
                said = f"Lifted the block of {profile_user}."
            else:
                block = user_block(
                    user=profile_user,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    expires_at=form.expires_at(),
                )
                said = f"Blocked {profile_user} {block.ends}."
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect("user_profile", username=profile_user.get_username())
        else:
            messages.success(request, said)
            return redirect("user_profile", username=profile_user.get_username())
    return _profile_page(request, profile_user, block_form=form, status=400)


@require_POST
@login_required
def account_delete(request, username):
    """The account's owner erases its personal data, their password asked again; refused,
    the page says why."""
    profile_user = get_object_or_404(User, username=username)
    permissions.delete_account.require(request.user, profile_user)
    form = AccountDeleteForm(profile_user, request.POST)
    if not form.is_valid():
        return _profile_page(request, profile_user, delete_form=form, status=400)
    erased = account_erase(profile_user)
    logout(request)
    messages.success(
        request,
        f"Your account is deleted. What you published stays in the history, "
        f"under the name {erased.get_username()}.",
    )
    return redirect("index")


@never_cache
@require_POST
@login_required
def token_create(request, username):
    """The account's owner makes an API token; the page that follows shows it, this once
    (and is never cached). Refused, their page comes back with the form as written."""
    profile_user = get_object_or_404(User, username=username)
    permissions.manage_tokens.require(request.user, profile_user)
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = api_token_create(
                profile_user, name=form.cleaned_data["name"], days=form.days()
            )
        except TokenLimitReached as error:
            form.add_error(None, str(error))
        else:
            context = {
                "profile_user": profile_user,
                "token": token,
                "secret": secret,
                "example_url": request.build_absolute_uri(reverse("api:api-token-list")),
            }
            return render(request, "accounts/token_created.html", context)
    return _profile_page(request, profile_user, token_form=form, status=400)


@require_POST
@login_required
def token_revoke(request, username, token_id):
    """The account's owner revokes one of its API tokens: it signs nobody in from now on."""
    profile_user = get_object_or_404(User, username=username)
    permissions.manage_tokens.require(request.user, profile_user)
    token = api_token_revoke(profile_user, token_id)
    if token is None:
        raise Http404("You hold no such token: it may be revoked already.")
    messages.success(request, f"Revoked the token “{token.name}”: it no longer works.")
    return HttpResponseRedirect(reverse("user_profile", args=[username]) + "#tokens")


def _profile_page(
    request,
    profile_user,
    *,
    role_form=None,
    block_form=None,
    delete_form=None,
    token_form=None,
    status=200,
):
    is_self = request.user == profile_user
    contributions = Paginator(
        selectors.user_contributions(profile_user, viewer=request.user), PROFILE_PAGE_SIZE
    ).get_page(request.GET.get("contributions_page"))
    # Someone else's proposals are not even counted for viewers who may not read them.
    proposals = None
    if permissions.see_proposals_of(request.user, profile_user):
        proposals = Paginator(
            selectors.user_proposals(profile_user, viewer=request.user), PROFILE_PAGE_SIZE
        ).get_page(request.GET.get("proposals_page"))
    profile_is_reviewer = is_reviewer(profile_user)
    may_change_role = permissions.manage_roles(request.user) and not profile_user.is_superuser
    if may_change_role and role_form is None:
        role_form = RoleForm(initial={"reviewer": "0" if profile_is_reviewer else "1"})
    may_manage_tokens = permissions.manage_tokens(request.user, profile_user)
    block = active_block(profile_user)
    may_block = permissions.block_users(request.user) and not profile_is_reviewer
    if may_block and block_form is None:
        block_form = UnblockForm() if block else BlockForm()
    return render(
        request,
        "accounts/user_profile.html",
        {
            "profile_user": profile_user,
            "profile_is_reviewer": profile_is_reviewer,
            "is_self": is_self,
            "contributions": contributions,
            "proposals": proposals,
            "role_form": role_form if may_change_role else None,
            "account_block": block,
            "delete_form": (delete_form or AccountDeleteForm(profile_user))
            if permissions.delete_account(request.user, profile_user)
            else None,
            "block_form": block_form if may_block else None,
            "tokens": selectors.api_tokens(profile_user) if may_manage_tokens else None,
            "token_form": (token_form or ApiTokenForm()) if may_manage_tokens else None,
        },
        status=status,
    )


def _redirect_next(next_url: str):
    """A redirect to `next_url` (a safe URL from `_safe_next`), else to the home page.
    Not `redirect(next_url)`, which takes a bare word such as "3" for a view's name."""
    if next_url:
        return HttpResponseRedirect(next_url)
    return redirect(settings.LOGIN_REDIRECT_URL)


def _safe_next(request) -> str:
    """The `next` the request asks for if it stays on this site, else an empty string."""
    return _safe_url(request, request.POST.get("next") or request.GET.get("next") or "")


def _safe_url(request, url: str) -> str:
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    if parts.path in (reverse("login"), reverse("signup")):
        # Sign-up was opened from the header of the sign-in page: go where that page would.
        return _safe_url(request, QueryDict(parts.query).get("next", ""))
    return url
