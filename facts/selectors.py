"""Reading the facts of articles, the other figures of their fields, and the worklist of
what the checks found in them."""

from __future__ import annotations

from collections.abc import Iterable

from conflicts.citations import without_citations
from conflicts.document import ArticleState
from conflicts.models import Article
from conflicts.selectors import row_id
from facts.models import FieldClaim, InfoboxFact, WorklistItem


def article_facts(article: Article) -> list[InfoboxFact]:
    """The facts read from the article's infobox, in its order; empty until the worker has
    read them after the article's first publish."""
    return list(InfoboxFact.objects.filter(article=article).order_by("id"))


def article_claims(article: Article, *, open_only: bool = False) -> list[FieldClaim]:
    """Every figure given for the article's fields, open or retired (only the open ones
    with `open_only`), oldest first, with who added and who retired each: one query."""
    claims = FieldClaim.objects.filter(article=article)
    if open_only:
        return list(claims.filter(retired_at__isnull=True).select_related("added_by"))
    return list(claims.select_related("added_by", "retired_by", "preferred_in"))


def open_claims_by_key(claims: Iterable[FieldClaim], state: ArticleState) -> dict[str, list]:
    """The open claims of each field `state` has, by key, leaving out a claim that says
    what the field's value says (a later edit may have made it the value)."""
    values = {entry.key: without_citations(entry.value).strip() for entry in state.infobox}
    by_key: dict[str, list[FieldClaim]] = {}
    for claim in claims:
        if claim.is_open and claim.key in values and claim.value != values[claim.key]:
            by_key.setdefault(claim.key, []).append(claim)
    return by_key


def worklist(*, check: str = "", article_slug: str = "", dismissed: bool = False):
    """The worklist, newest finding first: what the checks find in the current versions
    and nobody dismissed; with `dismissed`, what reviewers dismissed instead, found still
    or not. Narrowed to one check's findings, or one article's, when given."""
    items = WorklistItem.objects.select_related("article", "dismissed_by").filter(
        article__deleted_at__isnull=True
    )
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
