"""Search results ranked by the index: the search vector's GIN index becomes a RUM index.

A GIN index finds the matches, and then every one of them is ranked to pick the best
twenty, which at 100,000 articles and a word most of them contain costs about a second.
A RUM index stores each word's positions and returns matches in order of rank, so the
first page reads twenty. PostgreSQL needs the `rum` extension installed (Debian:
`apt-get install postgresql-15-rum`; `make test` installs it); SQLite keeps a plain index.
"""

from django.db import migrations

import conflicts.models


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0009_history_stores_changes_only"),
    ]

    operations = [
        migrations.RunPython(
            _on_postgres("CREATE EXTENSION IF NOT EXISTS rum"),
            # The extension stays: other database objects may have come to use it.
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="article",
            index=conflicts.models.RumIndexWhereSupported(
                fields=["search_vector"],
                name="article_search_vector_rum_idx",
                opclasses=["rum_tsvector_ops"],
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_search_vector_idx"),
    ]
