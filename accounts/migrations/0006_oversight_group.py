"""The `oversight` group, whose members hide revisions from everyone else."""

from django.db import migrations

# Frozen here rather than imported: a migration must keep meaning what it meant when written.
OVERSIGHT_GROUP = "oversight"


def create_oversight_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).get_or_create(name=OVERSIGHT_GROUP)


def delete_oversight_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=OVERSIGHT_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_email_confirmation")]

    operations = [migrations.RunPython(create_oversight_group, delete_oversight_group)]
