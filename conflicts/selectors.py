"""Reads for pages and endpoints: which rows, joined how, in how many queries.

Every selector here runs a fixed number of queries, whatever the number of revisions,
infobox fields or sections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from conflicts import blame, history, limits, permissions
from conflicts import models as m
from conflicts import search as search_config
from conflicts.changes import changes_apply
from conflicts.citations import without_citations
from conflicts.diff import ArticleDiff, diff_articles
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.merge import Clash, changes_rebase


def article_list(*, query: str = "") -> QuerySet[m.Article]:
    """Published articles with their date, place and current revision, matching `query`."""
    articles = (
        m.Article.objects.published()
        .annotate(
            date=infobox_value("Date"),
            place=infobox_value("Place"),
            revision_id=F("current_revision_id"),
            revision_created_at=F("current_revision__revision__date_created"),
        )
        .order_by("title")
    )
    return article_search(articles, query)


def article_search(articles: QuerySet[m.Article], query: str) -> QuerySet[m.Article]:
    """The articles matching every word of `query`; all of them for an empty query.

    On PostgreSQL the match is full-text against the stored search vector (stemmed,
    accents ignored: `conflicts.search`), ranked by relevance, each article with a
    `snippet` (safe HTML, matches in `<mark>`); elsewhere it is a case-insensitive
    substring match per word, in the given order, without snippets.
    """
    query = query.strip()
    if not query:
        return articles
    if connection.vendor == "postgresql":
        return _full_text_search(articles, query)
    for word in query.split():
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(lead__icontains=word)
            | Q(pk__in=m.InfoboxField.objects.filter(value__icontains=word).values("article"))
            | Q(
                pk__in=m.Section.objects.filter(
                    Q(heading__icontains=word) | Q(body__icontains=word)
                ).values("article")
            )
        )
    return articles


# How many titles a misspelt query is offered at most.
SUGGESTIONS_MAX = 5


def article_title_suggestions(*, query: str) -> list[m.Article]:
    """The articles whose titles come closest to `query`, closest first, for a search that
    found nothing ("Kidl", "Menka"): trigram word similarity, accents ignored. One query;
    none, and an empty list, on SQLite or for an empty query."""
    query = query.strip()
    if not query or connection.vendor != "postgresql":
        return []
    return list(
        m.Article.objects.raw(
            "SELECT a.id, a.title, a.slug FROM annals_similar_titles(%s) AS s"
            " JOIN conflicts_article AS a ON a.id = s.article_id"
            # Not the titles of unpublished (`Article.objects.published`) articles.
            " WHERE a.current_revision_id IS NOT NULL AND a.deleted_at IS NULL"
            " ORDER BY s.score DESC, a.title LIMIT %s",
            [query, SUGGESTIONS_MAX],
        )
    )


def infobox_value(key: str) -> Subquery:
    """The article's infobox value of `key` (None without one), to annotate a list with."""
    return Subquery(
        m.InfoboxField.objects.filter(article=OuterRef("pk"), key=key).values("value")[:1]
    )


def _full_text_search(articles: QuerySet[m.Article], query: str) -> QuerySet[m.Article]:
    search = SearchQuery(query, search_type="websearch", config=search_config.CONFIG)
    return (
        articles.filter(search__vector=search)
        .annotate(
            rank=SearchRank(F("search__vector"), search),
            snippet=search_config.article_snippet(search),
        )
        # The id last, so that equal ranks and titles keep their order from page to page.
        .order_by("-rank", "title", "id")
    )


@dataclass(frozen=True)
class ArticleCount:
    """How many articles a list holds: exactly when `exact`, else an estimate above
    `limits.ARTICLE_COUNT_EXACT_MAX`."""

    value: int
    exact: bool


def article_count(articles: QuerySet[m.Article]) -> ArticleCount:
    """How many articles `articles` holds: exactly while that is at most
    `limits.ARTICLE_COUNT_EXACT_MAX`, counting no further than one past it.

    On PostgreSQL the planner's estimate of the list's rows comes first (an EXPLAIN,
    which reads no rows): above `limits.ARTICLE_COUNT_ESTIMATE_TRUSTED_ABOVE` it stands
    in without a count, and a count that passes the limit gives way to it, never less
    than the limit plus one; an exact count costs a scan of every match. Two queries at
    most. SQLite counts exactly whatever the size, in one.
    """
    if connection.vendor != "postgresql":
        return ArticleCount(articles.count(), exact=True)
    most = limits.ARTICLE_COUNT_EXACT_MAX
    # The ids alone: a search's rank and snippet are not worked out for counting.
    ids = articles.order_by().values("pk")
    (plan,) = json.loads(ids.explain(format="json"))
    estimate = max(round(plan["Plan"]["Plan Rows"]), most + 1)
    if estimate > limits.ARTICLE_COUNT_ESTIMATE_TRUSTED_ABOVE:
        return ArticleCount(estimate, exact=False)
    counted = ids[: most + 1].count()
    if counted <= most:
        return ArticleCount(counted, exact=True)
    return ArticleCount(estimate, exact=False)


def article_with_parts() -> QuerySet[m.Article]:
    """Articles, published or not, with their parts, fetched in one query per part."""
    return m.Article.objects.prefetch_related("infobox_fields", "sections", "references")


def article_published() -> QuerySet[m.Article]:
    """Published articles with everything a full page shows, fetched in one query per part."""
    return article_with_parts().published()


def article_reading() -> QuerySet[m.Article]:
    """Articles with their current revision as history shows it (author, reviewer,
    proposal) in one query; what they say is `article_current_state(article)`, which
    costs no query while the revision state cache holds it. Published articles only."""
    return (
        m.Article.objects.published()
        .select_related(
            "current_revision__revision__user",
            "current_revision__reviewer",
            "current_revision__proposal",
        )
        .defer("current_revision__proposal__changes", "current_revision__proposal__conflicts")
    )


def article_state(article: m.Article) -> ArticleState:
    """The article's current published content; prefetch with `article_published()`."""
    return ArticleState(
        title=article.title,
        lead=article.lead,
        infobox=tuple(InfoboxEntry(f.key, f.value) for f in article.infobox_fields.all()),
        sections=tuple(
            SectionState(heading=s.heading, level=s.level, body=s.body, id=s.id)
            for s in article.sections.all()
        ),
        references=tuple(
            ReferenceState(text=r.text, url=r.url, id=r.id) for r in article.references.all()
        ),
        latitude=article.latitude,
        longitude=article.longitude,
    )


def article_current_revision(article: m.Article) -> m.ArticleRevision | None:
    """The revision the article's rows hold, read fresh from the article row, in one query."""
    current = m.Article.objects.filter(pk=article.pk).values("current_revision")
    return _revisions().filter(pk=Subquery(current)).first()


def article_history(article: m.Article) -> QuerySet[m.ArticleRevision]:
    """The article's revisions, newest first, each with `size_delta` and `previous_id` as
    recorded when it was published; page it by `number` (`history_page`)."""
    return _revisions().filter(article=article).order_by("-number")


def _revisions() -> QuerySet[m.ArticleRevision]:
    # The proposal is there for its id and link; its content stays in the database.
    return m.ArticleRevision.objects.select_related("revision__user", "reviewer", "proposal").defer(
        "proposal__changes", "proposal__conflicts"
    )


@dataclass(frozen=True)
class HistoryPage:
    """One page of an article's history, newest first, and where its neighbours start.

    `newer_after` and `older_before` are revision numbers for `?after=` and `?before=`,
    None where there is no such page.
    """

    revisions: list[m.ArticleRevision]
    newer_after: int | None
    older_before: int | None

    @property
    def has_other_pages(self) -> bool:
        return self.newer_after is not None or self.older_before is not None


def history_page(
    article: m.Article, *, size: int, before: int | None = None, after: int | None = None
) -> HistoryPage:
    """`size` revisions of the article in one query, whatever the length of its history:
    the newest ones, those numbered below `before`, or those just above `after`.

    Revision numbers count up from 1 without gaps, so a page whose oldest revision is not
    number 1 has an older page.
    """
    history = article_history(article)
    if after is not None:
        rows = list(history.filter(number__gt=after).order_by("number")[: size + 1])
        has_newer = len(rows) > size
        rows = rows[:size][::-1]
        has_older = bool(rows) and rows[-1].number > 1
    else:
        if before is not None:
            history = history.filter(number__lt=before)
        rows = list(history[: size + 1])
        has_older = len(rows) > size
        rows = rows[:size]
        has_newer = bool(rows) and rows[0].pk != article.current_revision_id
    return HistoryPage(
        rows,
        newer_after=rows[0].number if has_newer else None,
        older_before=rows[-1].number if has_older else None,
    )


def revision_get(article: m.Article, revision_id) -> m.ArticleRevision | None:
    """The article's revision with that id, or None for an unknown or foreign id."""
    revision_id = row_id(revision_id)
    if revision_id is None:
        return None
    return _revisions().filter(article=article, pk=revision_id).first()


def revision_next(revision: m.ArticleRevision) -> m.ArticleRevision | None:
    """The revision published right after `revision`, or None for the current one; one
    query, by the article's unique revision numbers."""
    return (
        m.ArticleRevision.objects.filter(article_id=revision.article_id, number=revision.number + 1)
        .only("revision_id", "number")
        .first()
    )


# The largest id a database row can have (a signed 64-bit integer); SQLite refuses
# larger numbers in a query instead of finding nothing.
_ROW_ID_MAX = 2**63 - 1


def row_id(value) -> int | None:
    """`value` as a row id, or None when it cannot be one (not a number, out of range)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= _ROW_ID_MAX else None


# What a proposal of a new article is based on, and an unpublished article holds: nothing.
NO_ARTICLE = ArticleState(title="")


def revision_state(article_revision: m.ArticleRevision | None) -> ArticleState:
    """The article exactly as it was published at that revision; NO_ARTICLE for None,
    the base of a proposal of a new article."""
    if article_revision is None:
        return NO_ARTICLE
    return revision_states([article_revision.revision_id])[article_revision.revision_id]


def revision_states(revision_ids) -> dict[int, ArticleState]:
    """The article as of each of those revisions, by revision id; unknown ids are left out.

    A published revision never changes, so its state is cached by revision id: what the
    cache lacks is read in two queries however many revisions are asked for
    (`conflicts.history.states_at`), and cached once the transaction that read it commits,
    so that a revision rolled back with it is never cached. A cache that cannot be reached
    lacks everything (`config.cache`). A None id, the revision before the first, stands
    for NO_ARTICLE.
    """
    revision_ids = list(revision_ids)
    before_first = {None: NO_ARTICLE} if None in revision_ids else {}
    wanted = {int(revision_id) for revision_id in revision_ids if revision_id is not None}
    cached = cache.get_many([_state_cache_key(revision_id) for revision_id in wanted])
    states = {
        revision_id: cached[_state_cache_key(revision_id)]
        for revision_id in wanted
        if _state_cache_key(revision_id) in cached
    }
    read = history.states_at(wanted - states.keys())
    if read:
        transaction.on_commit(
            lambda: cache.set_many(
                {_state_cache_key(revision_id): state for revision_id, state in read.items()}
            )
        )
    return states | read | before_first


def article_current_state(article: m.Article) -> ArticleState:
    """The article's published content: the state of the current revision the instance
    names (from `article_lock`, that of the rows it locked), read through the revision
    state cache, so that it costs no query while the cache holds it."""
    return revision_states([article.current_revision_id])[article.current_revision_id]


def revision_state_remember(revision_id: int, state: ArticleState) -> None:
    """Cache `state` as the state of the revision just published with that id, once the
    transaction commits (a rolled-back revision is never cached). `state` must be exactly
    what `history.states_at` rebuilds for it, part ids included."""
    transaction.on_commit(lambda: cache.set(_state_cache_key(revision_id), state))


def revisions_diff(older: m.ArticleRevision, newer: m.ArticleRevision) -> ArticleDiff:
    """What changed from `older` to `newer`, their states read together."""
    states = revision_states([older.pk, newer.pk])
    return diff_articles(states[older.pk], states[newer.pk])


def _state_cache_key(revision_id: int) -> str:
    # The version names the layout of `history`; a change to it must change the key.
    return f"annals:revision-state:2:{revision_id}"


def proposal_list(*, user, status: str = "") -> QuerySet[m.Proposal]:
    """Proposals `user` may work on: reviewers see all, editors their own.

    With a `status`, only those; pending ones oldest first (a queue), others newest first.
    """
    proposals = m.Proposal.objects.select_related("article", "author", "reviewer")
    if not permissions.review(user):
        proposals = proposals.filter(author=user)
    if status:
        proposals = proposals.filter(status=status)
    if status == m.Proposal.Status.PENDING:
        return proposals.order_by("created_at", "id")
    return proposals.order_by("-created_at", "-id")


def proposal_get(*, user, pk) -> m.Proposal | None:
    """The proposal if `user` may see it (`permissions.proposals_visible_to`), else None."""
    proposals = m.Proposal.objects.select_related(
        "article", "author", "reviewer", "base_revision__revision", "resulting_revision"
    )
    pk = row_id(pk)
    if pk is None:
        return None
    return proposals.filter(permissions.proposals_visible_to(user), pk=pk).first()


def proposal_comments(proposal: m.Proposal) -> QuerySet[m.ProposalComment]:
    """The proposal's discussion, oldest first; whoever sees the proposal reads it."""
    return proposal.comments.select_related("author").order_by("created_at", "id")


def proposal_proposed_state(proposal: m.Proposal) -> ArticleState:
    """The article as the proposal would have it, on top of its base revision."""
    return changes_apply(revision_state(proposal.base_revision), proposal.changes)


def proposal_diffs(proposals) -> dict[int, ArticleDiff]:
    """Each proposal's change against its base revision, by proposal id, in one query."""
    bases = revision_states(p.base_revision_id for p in proposals)
    return {
        p.pk: diff_articles(
            bases[p.base_revision_id], changes_apply(bases[p.base_revision_id], p.changes)
        )
        for p in proposals
    }


@dataclass(frozen=True)
class ProposalRework:
    """Where an author reworking a proposal starts: the proposal moved onto the current
    revision (`state`, relative to `base_revision`), and what clashed on the way."""

    base_revision: m.ArticleRevision | None
    state: ArticleState
    clashes: tuple[Clash, ...]


def proposal_rework(proposal: m.Proposal) -> ProposalRework:
    """The proposal's changes merged onto the article as it is now, every clash settled
    in the author's favour and listed beside the published value (`changes_rebase`).
    A new article's proposal stays on no base while no article of its title is published."""
    article = article_with_parts().get(pk=proposal.article_id)
    current_revision = article_current_revision(article)
    base = revision_state(proposal.base_revision)
    proposed = changes_apply(base, proposal.changes)
    if getattr(current_revision, "pk", None) == proposal.base_revision_id:
        return ProposalRework(current_revision, proposed, ())
    rebased = changes_rebase(base, article_state(article), proposed)
    return ProposalRework(current_revision, rebased.state, rebased.clashes)


@dataclass(frozen=True)
class BlameRow:
    """One part of the article as it is now, and the revision that wrote it (None until
    the worker has read the article's history)."""

    part: str
    kind: str
    key: str
    label: str
    text: str
    revision: m.ArticleRevision | None

    @property
    def anchor(self) -> str:
        return blame.part_anchor(self.part)


def article_blame(article: m.Article) -> list[BlameRow]:
    """Each part of the article's current version, in reading order, with the revision
    that gave it its content: one query for them all beside the current state's."""
    state = article_current_state(article)
    origins = {
        origin.part: origin.revision
        for origin in m.PartOrigin.objects.filter(article=article).select_related(
            "revision__revision__user", "revision__reviewer", "revision__proposal"
        )
    }
    headings = {f"{blame.SECTION}:{s.id}": s.heading for s in state.sections}
    numbers = {f"{blame.REFERENCE}:{r.id}": n for n, r in enumerate(state.references, 1)}
    rows = []
    for part, content in blame.parts_of(state).items():
        kind, key = blame.part_label(part)
        if kind == blame.SECTION:
            label, text = headings[part], content[-1]
        elif kind == blame.REFERENCE:
            label, text = str(numbers[part]), " ".join(filter(None, content))
        elif kind == blame.INFOBOX:
            label, text = key, content[0]
        else:
            label, text = kind.capitalize(), ", ".join(str(value) for value in content)
        rows.append(BlameRow(part, kind, key, label, without_citations(text), origins.get(part)))
    return rows
