"""Search vectors move from the article row to a table of their own.

Publishing a revision updates the article row, and an update that changes an indexed
column (its last change, its current revision) writes a new entry into every index of
the table: with the vector on the row, each of the article's words into the GIN index,
inside every approval. In `conflicts_articlesearch` the vector is written after the
commit, and only by the search index.

Its vectors stay in the table's own pages (storage MAIN, up to a page per row) rather
than in TOAST: ranking the matches of a common word reads every one of them, and
fetching each from TOAST doubled that.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import conflicts.models


def _on_postgres(sql: str):
    """A RunPython step running `sql` on PostgreSQL; SQLite keeps no vectors."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


keep_vectors_in_line = _on_postgres(
    "ALTER TABLE conflicts_articlesearch ALTER COLUMN vector SET STORAGE MAIN,"
    " SET (toast_tuple_target = 8160)"
)
copy_vectors = _on_postgres(
    "INSERT INTO conflicts_articlesearch (article_id, vector)"
    " SELECT id, search_vector FROM conflicts_article WHERE search_vector IS NOT NULL"
)
copy_vectors_back = _on_postgres(
    "UPDATE conflicts_article AS a SET search_vector = s.vector"
    " FROM conflicts_articlesearch AS s WHERE s.article_id = a.id"
)


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0009_history_stores_changes_only"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleSearch",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="conflicts.article",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        # The table goes when unapplied, and its storage with it.
        migrations.RunPython(keep_vectors_in_line, migrations.RunPython.noop),
        migrations.RunPython(copy_vectors, copy_vectors_back),
        migrations.RemoveIndex(model_name="article", name="article_search_vector_idx"),
        migrations.RemoveField(model_name="article", name="search_vector"),
        # Built once the vectors are in, rather than grown one row at a time.
        migrations.AddIndex(
            model_name="articlesearch",
            index=conflicts.models.GinIndexWhereSupported(
                fields=["vector"], name="article_search_vector_idx"
            ),
        ),
    ]
