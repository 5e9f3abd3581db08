"""Reading the facts of articles, and the worklist of what the checks found in them."""

from conflicts.models import Article
from conflicts.selectors import row_id
from facts.models import InfoboxFact, WorklistItem


def article_facts(article: Article) -> list[InfoboxFact]:
    """The facts read from the article's infobox, in its order; empty until the worker has
    read them after the article's first publish."""
    return list(InfoboxFact.objects.filter(article=article).order_by("id"))


def worklist(*, check: str = "", article_slug: str = "", dismissed: bool = False):
    """The worklist, newest finding first: what the checks find in the current versions
    and nobody dismissed; with `dismissed`, what reviewers dismissed instead, found still
    or not. Narrowed to one check's findings, or one article's, when given."""
    items = WorklistItem.objects.select_related("article", "dismissed_by")
    if dismissed:
        items = items.filter(dismissed_at__isnull=False)
    else:
        items = items.filter(current=True, dismissed_at__isnull=True)
    if check:
        items = items.filter(check_name=check)
    if article_slug:
        items = items.filter(article__slug=article_slug)
    return items


def worklist_item_get(pk) -> WorklistItem | None:
    """The worklist item with id `pk`, or None when there is none or `pk` is no id."""
    pk = row_id(pk)
    return (
        None if pk is None else WorklistItem.objects.select_related("article").filter(pk=pk).first()
    )
