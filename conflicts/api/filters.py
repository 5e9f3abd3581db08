"""Query parameters for the article and proposal lists."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from conflicts import limits
from conflicts import models as m
from conflicts.selectors import article_search


class _Ordering(django_filters.OrderingFilter):
    """Ordering that keeps the default (or search relevance) when given no field."""

    def filter(self, qs, value):
        fields = [field for field in value or () if field]
        return super().filter(qs, fields) if fields else qs


_COUNT_MAX = 2**31 - 1


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": _COUNT_MAX})
class _CountFilter(django_filters.NumberFilter):
    """A whole number of people, from 0 to what a database integer holds."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=_COUNT_MAX, **kwargs)


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=(
            "Full-text search of the title, infobox, lead and sections: every word must "
            'be found (web search syntax: "a phrase", -word to leave out, or between '
            "alternatives). Words match by their English stem (battles finds battle); "
            "accents and case are ignored. The matches are ranked by relevance (a word "
            "in the title counts most, then in the infobox or lead, then in the "
            "sections), each with a `snippet` of the text around the words (HTML, each "
            "in `<mark>`), and paged by `page` up to the "
            f"first {limits.SEARCH_RESULTS_MAX:,} matches; with `ordering`, every match "
            "in that order, paged by cursor. On SQLite (the demo): a case-insensitive "
            "substring match of every word, by title, without snippets."
        ),
    )
    place = django_filters.CharFilter(
        field_name="place", lookup_expr="icontains", label="Part of the infobox Place."
    )
    combatant = django_filters.CharFilter(
        method="with_combatant", label="Part of any belligerent's name (Combatant1…3)."
    )
    date_from = django_filters.DateFilter(
        field_name="date_end",
        lookup_expr="gte",
        label="Events still going on at or after this day.",
    )
    date_to = django_filters.DateFilter(
        field_name="date_start", lookup_expr="lte", label="Events begun on or before this day."
    )
    killed_min = _CountFilter(
        method="killed_at_least",
        label=(
            "Events whose figures allow at least this many killed, all sides together "
            "(the upper end of a range counts: 14–36 killed matches 30)."
        ),
    )
    killed_max = _CountFilter(
        method="killed_at_most",
        label="Events whose figures allow at most this many killed, all sides together.",
    )
    ordering = _Ordering(
        fields=(("title", "title"), ("updated_at", "last_change")),
        label=(
            "title, -title, last_change or -last_change; several, comma-separated, sort by "
            "each in turn, and the id breaks ties. The list is then paged by cursor."
        ),
    )

    class Meta:
        model = m.Article
        fields = []

    def search(self, articles, name, value):
        return article_search(articles, value)

    def killed_at_least(self, articles, name, value):
        return articles.filter(
            Q(figures__killed_high__gte=value)
            | Q(figures__killed_high__isnull=True, figures__killed_low__isnull=False)
        )

    def killed_at_most(self, articles, name, value):
        return articles.filter(figures__killed_low__lte=value)

    def with_combatant(self, articles, name, value):
        sides = m.InfoboxField.objects.filter(
            Q(key__regex=r"^Combatant[1-9]$"), value__icontains=value
        )
        return articles.filter(pk__in=sides.values("article"))


class MapFilter(django_filters.FilterSet):
    """The map's: by date alone, as the article list's `date_from` and `date_to`."""

    date_from = ArticleFilter.base_filters["date_from"]
    date_to = ArticleFilter.base_filters["date_to"]

    class Meta:
        model = m.Article
        fields = []


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=m.Proposal.Status.choices)
    article = django_filters.CharFilter(field_name="article__slug", label="The article's slug.")

    class Meta:
        model = m.Proposal
        fields = []
