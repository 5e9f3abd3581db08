"""Back to a GIN index for search, as 0010 made it: the RUM index of 0011 ranked a common
word's matches in a third of the time, but every rewrite of a vector added the whole
vector to it again, with no pending list and little reuse after VACUUM: 11 KB a
one-field correction at 100,000 articles (BENCHMARKS.md), five times the 2 KB a
correction may cost. The `rum` extension, if 0011 created it, stays: other objects may
use it.
"""

from django.db import migrations

import conflicts.models


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0011_search_rum_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="articlesearch",
            index=conflicts.models.GinIndexWhereSupported(
                fields=["vector"], name="article_search_vector_idx"
            ),
        ),
        migrations.RemoveIndex(model_name="articlesearch", name="article_search_vector_rum_idx"),
    ]
