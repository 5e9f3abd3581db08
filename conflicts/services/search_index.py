"""Keeping an article's stored search vector in step with its published content."""

from __future__ import annotations

from django.db import connection
from django.db.models import TextField, Value

from conflicts.document import ArticleState
from conflicts.search import article_vector


def article_search_vector(state: ArticleState) -> dict:
    """The search vector to store with `state`, as keyword arguments for the UPDATE of the
    article row that writes its title and lead, once its parts' rows hold `state`. Empty on
    SQLite, which searches the rows themselves."""
    if connection.vendor != "postgresql":
        return {}
    return {
        "search_vector": article_vector(
            title=Value(state.title, output_field=TextField()),
            lead=Value(state.lead, output_field=TextField()),
        )
    }
