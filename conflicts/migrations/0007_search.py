"""Full-text search that scales: a stored, weighted search vector with a GIN index, read
through the `annals` text search configuration (English stemming, accents ignored), and
trigram title suggestions for misspelt queries; plus indexes for what lists sort and
filter by.

Everything but the fields and plain indexes is PostgreSQL only. The extensions need a
superuser (or a trusted-extension owner) to create.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import conflicts.models

# (Not Django's CreateExtension operations: their reversal fails on SQLite.)
# `unaccent` as a dictionary ahead of the English stemmer: the function itself is not
# immutable, so it cannot sit in an index expression.
SEARCH_SQL = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TEXT SEARCH CONFIGURATION annals (COPY = english);
ALTER TEXT SEARCH CONFIGURATION annals
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- An immutable unaccent for the trigram index on titles (unaccent() is only stable
-- because its dictionary could change; this one names its dictionary).
CREATE FUNCTION annals_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE INDEX article_title_trgm_idx ON conflicts_article
    USING gin (annals_unaccent(title) gin_trgm_ops);

-- The titles closest to a (misspelt) query, by word_similarity, which scores the query
-- against the best-matching stretch of a longer title. The threshold is set for this
-- function alone so that the `<%` operator can use the index above.
CREATE FUNCTION annals_similar_titles(query text)
    RETURNS TABLE (article_id bigint, score real)
    LANGUAGE sql STABLE
    SET pg_trgm.word_similarity_threshold = 0.45
    AS $$
        SELECT id, word_similarity(annals_unaccent(query), annals_unaccent(title))
        FROM conflicts_article
        WHERE annals_unaccent(query) <% annals_unaccent(title)
    $$;
"""

UNDO_SEARCH_SQL = """
DROP FUNCTION IF EXISTS annals_similar_titles(text);
DROP INDEX IF EXISTS article_title_trgm_idx;
DROP FUNCTION IF EXISTS annals_unaccent(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS annals;
-- The extensions stay: other database objects may have come to use them.
"""

# The vector as `conflicts.search.article_vector` builds it, frozen here.
FILL_SQL = """
UPDATE conflicts_article AS a SET search_vector =
    setweight(to_tsvector('annals', coalesce(a.title, '')), 'A')
    || setweight(to_tsvector('annals', coalesce(a.lead, '') || ' ' || coalesce((
        SELECT string_agg(f.value, E'\\n' ORDER BY f.position)
        FROM conflicts_infoboxfield f WHERE f.article_id = a.id), '')), 'B')
    || setweight(to_tsvector('annals', coalesce((
        SELECT string_agg(s.heading, E'\\n' ORDER BY s.position)
        FROM conflicts_section s WHERE s.article_id = a.id), '') || ' ' || coalesce((
        SELECT string_agg(s.body, E'\\n' ORDER BY s.position)
        FROM conflicts_section s WHERE s.article_id = a.id), '')), 'C');
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0006_article_current_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["title"], name="article_title_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at"], name="article_updated_at_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["date_start"], name="article_date_start_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["date_end"], name="article_date_end_idx"),
        ),
        migrations.RunPython(_on_postgres(SEARCH_SQL), _on_postgres(UNDO_SEARCH_SQL)),
        migrations.RunPython(_on_postgres(FILL_SQL), migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=conflicts.models.GinIndexWhereSupported(
                fields=["search_vector"], name="article_search_vector_idx"
            ),
        ),
    ]
