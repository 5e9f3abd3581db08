"""API tokens (`accounts.tokens`): made, named, expiring, used, revoked, counted; only
their digests are kept, and DRF's old tokens keep working as knox's."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from accounts.models import (
    API_TOKEN_IDLE_DAYS,
    API_TOKEN_USE_PRECISION,
    API_TOKENS_PER_USER,
    ApiToken,
)
from accounts.selectors import api_tokens
from accounts.tokens import TokenLimitReached, api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

PROPOSALS = "/api/proposals/"


def signs_in(api_client, token: str) -> bool:
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    status = api_client.get(PROPOSALS).status_code
    assert status in (200, 401)
    return status == 200


def test_a_new_token_signs_its_owner_in_and_only_its_digest_is_kept(api_client, editor):
    token, secret = api_token_create(editor, name="Figures script", days=30)

    assert signs_in(api_client, secret)
    assert token.name == "Figures script"
    assert token.expiry == pytest.approx(
        timezone.now() + timedelta(days=30), abs=timedelta(minutes=1)
    )
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in {str(value) for value in stored.values()}


def test_a_token_made_to_never_expire_has_no_expiry(editor):
    token, _ = api_token_create(editor, days=None)

    assert token.expiry is None
    assert not token.expired


def test_an_expired_token_signs_nobody_in_and_is_cleared(api_client, editor):
    token, secret = api_token_create(editor, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))

    assert not signs_in(api_client, secret)
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_revoked_token_signs_nobody_in(api_client, editor):
    token, secret = api_token_create(editor)

    assert api_token_revoke(editor, token.pk).name == token.name
    assert not signs_in(api_client, secret)


def test_nobody_revokes_anothers_token(api_client, editor, other_editor):
    token, secret = api_token_create(editor)

    assert api_token_revoke(other_editor, token.pk) is None
    assert signs_in(api_client, secret)


def test_past_the_limit_fixed_lifetime_tokens_refuse_a_new_one_expired_ones_aside(editor):
    for _ in range(API_TOKENS_PER_USER - 1):
        api_token_create(editor, days=30)
    expired, _ = api_token_create(editor, days=30)
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now())

    api_token_create(editor, days=30)  # the expired token no longer counts, and is cleared
    with pytest.raises(TokenLimitReached, match="revoke one"):
        api_token_create(editor, days=30)
    assert ApiToken.objects.filter(user=editor).count() == API_TOKENS_PER_USER
    assert not ApiToken.objects.filter(pk=expired.pk).exists()


def test_past_the_limit_a_new_token_replaces_the_one_unused_longest(api_client, editor):
    _, in_use_secret = api_token_create(editor, name="Used")
    fixed, _ = api_token_create(editor, name="Fixed", days=7)
    for _ in range(API_TOKENS_PER_USER - 3):
        api_token_create(editor, name="Once")
    forgotten, _ = api_token_create(editor, name="Forgotten")
    ApiToken.objects.filter(name="Once").update(last_used_at=timezone.now())
    signs_in(api_client, in_use_secret)

    api_token_create(editor, name="New")

    assert ApiToken.objects.filter(user=editor).count() == API_TOKENS_PER_USER
    assert not ApiToken.objects.filter(pk=forgotten.pk).exists()
    assert signs_in(api_client, in_use_secret)
    assert ApiToken.objects.filter(pk=fixed.pk).exists()


def test_a_token_just_made_is_not_replaced_before_one_used_long_ago(editor):
    used_long_ago, _ = api_token_create(editor, name="Old")
    ApiToken.objects.filter(pk=used_long_ago.pk).update(
        last_used_at=timezone.now() - timedelta(days=60)
    )
    for _ in range(API_TOKENS_PER_USER - 2):
        api_token_create(editor, days=30)
    just_made, _ = api_token_create(editor, name="Just made")

    api_token_create(editor, name="New")

    assert ApiToken.objects.filter(pk=just_made.pk).exists()
    assert not ApiToken.objects.filter(pk=used_long_ago.pk).exists()


def test_a_token_left_to_lapse_when_unused_lives_on_while_used(api_client, editor):
    token, secret = api_token_create(editor)
    assert token.renews_on_use
    assert token.expiry == pytest.approx(
        timezone.now() + timedelta(days=API_TOKEN_IDLE_DAYS), abs=timedelta(minutes=1)
    )
    soon = timezone.now() + timedelta(days=1)
    ApiToken.objects.filter(pk=token.pk).update(expiry=soon)

    assert signs_in(api_client, secret)
    assert ApiToken.objects.get(pk=token.pk).expiry == pytest.approx(
        timezone.now() + timedelta(days=API_TOKEN_IDLE_DAYS), abs=timedelta(minutes=1)
    )


def test_a_fixed_lifetime_does_not_grow_with_use(api_client, editor):
    token, secret = api_token_create(editor, days=7)

    assert signs_in(api_client, secret)
    assert ApiToken.objects.get(pk=token.pk).expiry == token.expiry


def test_a_tokens_use_is_recorded_at_most_once_in_a_while(api_client, editor):
    token, secret = api_token_create(editor)
    signs_in(api_client, secret)
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use == pytest.approx(timezone.now(), abs=timedelta(minutes=1))

    signs_in(api_client, secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use

    earlier = first_use - API_TOKEN_USE_PRECISION
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    signs_in(api_client, secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use


def test_the_owners_tokens_are_listed_newest_first(editor, other_editor):
    older, _ = api_token_create(editor, name="Old")
    newer, _ = api_token_create(editor, name="New")
    api_token_create(other_editor)

    assert list(api_tokens(editor)) == [newer, older]


# --- DRF's tokens, carried over -------------------------------------------------------------

carry_over = importlib.import_module("accounts.migrations.0008_carry_over_drf_tokens")
DRF_KEY = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"


@pytest.mark.django_db(transaction=True)
def test_a_drf_token_keeps_signing_its_owner_in_once_carried_over(api_client, editor):
    created = timezone.now() - timedelta(days=400)
    with connection.schema_editor() as editor_of_schema:
        editor_of_schema.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created datetime NOT NULL, user_id integer NOT NULL)"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [DRF_KEY, created, editor.pk],
        )

    recorder = MigrationRecorder(connection)
    recorder.record_applied(carry_over.DRF_TOKEN_APP, "0001_initial")

    with connection.schema_editor() as editor_of_schema:
        carry_over.carry_over_drf_tokens(apps, editor_of_schema)

    assert signs_in(api_client, DRF_KEY)
    assert not recorder.migration_qs.filter(app=carry_over.DRF_TOKEN_APP).exists()
    token = ApiToken.objects.get(user=editor)
    assert (token.name, token.expiry) == (carry_over.CARRIED_OVER_NAME, None)
    assert token.created == pytest.approx(created, abs=timedelta(seconds=1))
    assert "authtoken_token" not in connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_carrying_over_without_drf_tokens_does_nothing(editor):
    with connection.schema_editor() as editor_of_schema:
        carry_over.carry_over_drf_tokens(apps, editor_of_schema)

    assert not ApiToken.objects.exists()
