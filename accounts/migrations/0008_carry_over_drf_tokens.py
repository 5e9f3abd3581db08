"""DRF's API tokens become knox tokens (`ApiToken`): each key is kept as knox's digest of
it, so every client keeps working with the token it holds; then DRF's table, which held
the keys in plain text, is dropped. (Processes still running the code from before this
migration fail token requests until they restart: deploy it with a restart, not rolling.)"""

import datetime
import hashlib

from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

# Frozen here rather than imported: a migration must keep meaning what it meant when written.
DRF_TOKEN_APP = "authtoken"
DRF_TOKEN_TABLE = "authtoken_token"
KNOX_TOKEN_KEY_LENGTH = 15
CARRIED_OVER_NAME = "Token made before tokens had names"


def carry_over_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if DRF_TOKEN_TABLE not in connection.introspection.table_names():
        return
    table = schema_editor.quote_name(DRF_TOKEN_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, created, user_id FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
    ApiToken = apps.get_model("accounts", "ApiToken")
    tokens = ApiToken.objects.using(connection.alias)
    for key, created, user_id in rows:
        token = tokens.create(
            # knox's digest: SHA-512 of the token as sent (`knox.crypto.hash_token`).
            digest=hashlib.sha512(key.encode()).hexdigest(),
            token_key=key[:KNOX_TOKEN_KEY_LENGTH],
            user_id=user_id,
            name=CARRIED_OVER_NAME,
            expiry=None,
        )
        # `created` is set on creation whatever is given; the token keeps its own date,
        # which SQLite hands back as text in UTC.
        created = models.DateTimeField().to_python(created)
        if timezone.is_naive(created):
            created = timezone.make_aware(created, datetime.UTC)
        tokens.filter(pk=token.pk).update(created=created)
    schema_editor.execute(f"DROP TABLE {table}")
    # Forgotten as applied too, so that code which installs DRF's tokens again makes the
    # table again rather than failing on its absence.
    MigrationRecorder(connection).migration_qs.filter(app=DRF_TOKEN_APP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_api_tokens")]

    # Not reversible in substance: a digest does not give the key back.
    operations = [migrations.RunPython(carry_over_drf_tokens, migrations.RunPython.noop)]
