"""Search results ranked by the index: the search vector's GIN index becomes a RUM index.

A GIN index finds the matches, and then every one of them is ranked to pick the best
twenty: at 100,000 articles and a word most of them contain, a third of a second. A RUM
index keeps each word's positions and hands matches out in order of rank, so the first
page reads twenty. PostgreSQL needs the `rum` extension (Debian: `apt-get install
postgresql-15-rum`; make's postgres target installs it); SQLite keeps a plain index.

The index is on `conflicts_articlesearch`, written after each publish commits, so the
cost of a RUM insert (no pending list, the whole vector) never falls inside an approval.
"""

from django.db import migrations

import conflicts.models


def _create_rum(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0010_search_table"),
    ]

    operations = [
        # The extension stays when unapplied: other database objects may have come to use it.
        migrations.RunPython(_create_rum, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="articlesearch",
            index=conflicts.models.RumIndexWhereSupported(
                fields=["vector"],
                name="article_search_vector_rum_idx",
                opclasses=["rum_tsvector_ops"],
            ),
        ),
        migrations.RemoveIndex(model_name="articlesearch", name="article_search_vector_idx"),
    ]
