"""The pieces of Annals' full-text search that the write side and the read side share.

An article's document is weighted: its title (A), then its infobox values and lead (B),
then its section headings and bodies (C), read through the `annals` text search
configuration (English stemming, accents ignored: migration 0007 creates it, with the
`unaccent` and `pg_trgm` extensions). PostgreSQL only; SQLite has a simpler fallback in
`conflicts.selectors.article_search`.
"""

from __future__ import annotations

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchVector
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Replace
from django.utils.safestring import SafeString, mark_safe

from conflicts import models as m

CONFIG = "annals"
# Around each matched word in a snippet. Control characters never reach stored text
# (`conflicts.text.text_problem`), so these cannot clash with an article's own text.
_START, _STOP = "\x02", "\x03"


def article_vector() -> SearchVector:
    """The weighted search vector of the article in the current row."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("lead", _joined_text(m.InfoboxField, "value"), weight="B", config=CONFIG)
        + SearchVector(
            _joined_text(m.Section, "heading"),
            _joined_text(m.Section, "body"),
            weight="C",
            config=CONFIG,
        )
    )


def _article_text():
    """The article's text below its title as one string of HTML-escaped text, for snippets.

    Escaped before the headline is cut, not after: `ts_headline` drops whatever looks like
    a tag, and entities are single tokens to it, so a snippet never splits one.
    """
    newline = Value("\n", output_field=TextField())
    text = Concat(
        "lead",
        newline,
        Coalesce(_joined_text(m.InfoboxField, "value"), Value("", output_field=TextField())),
        newline,
        Coalesce(_joined_text(m.Section, "body"), Value("", output_field=TextField())),
        output_field=TextField(),
    )
    for char, entity in _ENTITIES:
        text = Replace(text, Value(char), Value(entity), output_field=TextField())
    return text


# "&" first, so that the other entities are not escaped twice.
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def _joined_text(model, field: str) -> Subquery:
    # A subquery per part, so that searching never multiplies article rows.
    return Subquery(
        model.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(text=StringAgg(field, delimiter="\n", order_by="position"))
        .values("text"),
        output_field=TextField(),
    )


class _SnippetField(TextField):
    """HTML from a headline of escaped text (`_article_text`): only the marks added."""

    def from_db_value(self, value, expression, connection) -> SafeString | None:
        if value is None:
            return None
        return mark_safe(value.replace(_START, "<mark>").replace(_STOP, "</mark>"))


class _Snippet(SearchHeadline):
    output_field = _SnippetField()


def article_snippet(query) -> _Snippet:
    """A short passage of the article's text around the words of `query` (a SearchQuery),
    as safe HTML with each match in `<mark>`."""
    return _Snippet(
        _article_text(),
        query,
        config=CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=30,
        min_words=12,
    )
