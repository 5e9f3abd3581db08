"""Reading the facts of articles."""

from conflicts.models import Article
from facts.models import InfoboxFact


def article_facts(article: Article) -> list[InfoboxFact]:
    """The facts read from the article's infobox, in its order; empty until the worker has
    read them after the article's first publish."""
    return list(InfoboxFact.objects.filter(article=article).order_by("id"))
