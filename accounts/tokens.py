"""API tokens: made by their owner (with a password, or from their page), named, expiring,
listed and revoked. The token itself is known only to whoever made it; Annals keeps a
digest (`accounts.models.ApiToken`)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import (
    API_TOKEN_IDLE_DAYS,
    API_TOKEN_USE_PRECISION,
    API_TOKENS_PER_USER,
    ApiToken,
    User,
)
from conflicts.services.errors import StateError

DEFAULT_TOKEN_NAME = "API token"
# A lifetime: the token lapses API_TOKEN_IDLE_DAYS after its last use.
WHILE_USED = "while-used"


class TokenLimitReached(StateError):
    """The account holds `API_TOKENS_PER_USER` tokens with fixed lifetimes already."""


@transaction.atomic
def api_token_create(
    user: User, *, name: str = "", days: int | str | None = WHILE_USED
) -> tuple[ApiToken, str]:
    """A new token for `user`, named `name`, and the token itself, which is shown to its
    owner once and never stored.

    It lasts `days` days, or forever for None, or (`WHILE_USED`) until it has gone unused
    for `API_TOKEN_IDLE_DAYS`. When `user` holds `API_TOKENS_PER_USER` tokens already, it
    replaces the one unused for longest (used last, or made, longest ago) among those that
    lapse when unused, and is refused with `TokenLimitReached` when there is none. Expired
    tokens of `user` are cleared first. The caller has validated `name` and `days`.
    """
    # The account's row is locked so that two requests at once cannot pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).get()
    tokens = ApiToken.objects.filter(user=user)
    tokens.filter(expiry__lte=timezone.now()).delete()
    if tokens.count() >= API_TOKENS_PER_USER:
        _make_room(tokens)
    renews = days == WHILE_USED
    lifetime = None if days is None else timedelta(days=API_TOKEN_IDLE_DAYS if renews else days)
    return ApiToken.objects.create(
        user, expiry=lifetime, name=name or DEFAULT_TOKEN_NAME, renews_on_use=renews
    )


def _make_room(tokens) -> None:
    unused_longest = (
        tokens.filter(renews_on_use=True)
        .order_by(Coalesce("last_used_at", "created"), "id")
        .first()
    )
    if unused_longest is None:
        raise TokenLimitReached(
            f"You hold {API_TOKENS_PER_USER} API tokens, the most an account may: revoke one "
            "you no longer use (on your page, or with DELETE /api/auth/tokens/<id>/) first."
        )
    unused_longest.delete()


def api_token_renew(token: ApiToken, *, now) -> None:
    """Record that `token` signed a request in at `now` and, if it lapses when unused,
    move its expiry on; at most once every `API_TOKEN_USE_PRECISION`, not per request."""
    if token.last_used_at is not None and now - token.last_used_at < API_TOKEN_USE_PRECISION:
        return
    token.last_used_at = now
    if token.renews_on_use:
        token.expiry = now + timedelta(days=API_TOKEN_IDLE_DAYS)
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=token.last_used_at, expiry=token.expiry
    )


def api_token_revoke(user: User, token_id: int) -> ApiToken | None:
    """Revoke `user`'s token `token_id`, which signs nobody in from now on, and return it;
    None when `user` holds no such token (another's is not theirs to revoke)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is not None:
        token.delete()
    return token
