"""The `reviewers` group, which every installation needs before anyone can review."""

from django.db import migrations

# Frozen here rather than imported: a migration must keep meaning what it meant when written.
REVIEWERS_GROUP = "reviewers"


def create_reviewers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).get_or_create(name=REVIEWERS_GROUP)


def delete_reviewers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=REVIEWERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_reviewers_group, delete_reviewers_group),
    ]
