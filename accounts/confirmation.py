"""Confirming an account's e-mail address: a signed link, valid for a few days, that
names the account and the address it was sent to."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from accounts.models import User

LINK_VALID_FOR = timedelta(days=3)
_SALT = "annals.accounts.email-confirmation"


class InvalidLink(Exception):
    """A confirmation link that was tampered with, has expired, or names an address the
    account no longer has."""


def confirmation_token(user: User) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=_SALT)


def confirmation_send(user: User, *, base_url: str) -> None:
    """E-mail `user` the link that confirms their address, once the transaction commits.
    `base_url` is the site's address, as the request reached it."""
    link = base_url + reverse("email_confirm", args=[confirmation_token(user)])
    days = LINK_VALID_FOR.days
    message = (
        f"Hello {user.get_username()},\n\n"
        f"Follow this link to confirm your e-mail address and start proposing corrections "
        f"to Annals:\n\n{link}\n\nIt works for {days} days. If you did not sign up, ignore "
        f"this message: the account cannot propose without it.\n"
    )
    transaction.on_commit(
        lambda: send_mail("Confirm your e-mail address for Annals", message, None, [user.email])
    )


def email_confirm(token: str) -> User:
    """Confirm the address the link was sent to; raises InvalidLink when it cannot."""
    try:
        values = signing.loads(token, salt=_SALT, max_age=LINK_VALID_FOR)
    except signing.BadSignature as error:
        raise InvalidLink("This link is not valid, or has expired.") from error
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=values.get("user")).first()
        if user is None or user.email != values.get("email"):
            raise InvalidLink("This link is for an address the account no longer has.")
        if user.email_confirmation_pending:
            user.email_confirmation_pending = False
            user.save(update_fields=["email_confirmation_pending"])
    return user
