"""Keeping what is read from the articles in step with their published versions: their
facts and figures, the index of names, and the worklist of suspected slips."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import asdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from conflicts import permissions, selectors
from conflicts.limits import REVIEW_REASON_MAX_LENGTH
from conflicts.models import Article
from conflicts.selectors import article_search
from conflicts.services.errors import StateError
from conflicts.services.written import written_text
from facts.checks import (
    RARE_IN_ARTICLES,
    ArticleText,
    Finding,
    article_findings,
    names_written_two_ways,
)
from facts.models import (
    ArticleFigures,
    ArticleNames,
    FieldClaim,
    InfoboxFact,
    NameSpelling,
    WorklistItem,
)
from facts.names import are_variants, name_key
from facts.reading import casualties_range, infobox_readings


def article_facts_refresh(*article_ids: int) -> Counter:
    """Read each published article's current version: its infobox into facts and figures,
    its names into the index, its slips into the worklist, replacing what was read from an
    earlier version; unknown or unpublished ids are skipped. Articles elsewhere that write
    a name rarely, when these articles change how often its other spellings are written,
    have their worklist checked again. Returns how many values of each kind could not be
    read.

    Safe to run twice or out of order: an article whose current version changed while it
    was read is left for the run that follows that publish."""
    texts, read_from = _current_texts(article_ids)
    with transaction.atomic():
        texts = _still_current(texts, read_from)
        unread = _facts_write(texts, read_from)
        changed = _names_count(texts)
        _worklist_write(texts, read_from)
    others = _articles_writing(_rare_variants(changed)) - set(texts)
    if others:
        worklist_refresh(*others)
    return unread


def worklist_refresh(*article_ids: int) -> None:
    """Check each published article's current version again, its worklist rewritten."""
    texts, read_from = _current_texts(article_ids)
    with transaction.atomic():
        _worklist_write(_still_current(texts, read_from), read_from)


def _current_texts(article_ids) -> tuple[dict[int, ArticleText], dict[int, int]]:
    """The current version of each published article, and which revision it is."""
    read_from = dict(
        Article.objects.filter(pk__in=article_ids, current_revision__isnull=False).values_list(
            "pk", "current_revision_id"
        )
    )
    states = selectors.revision_states(read_from.values())
    return {pk: ArticleText(states[revision]) for pk, revision in read_from.items()}, read_from


def _still_current(texts: dict[int, ArticleText], read_from: dict[int, int]):
    """Those of `texts` still current, their articles locked until the transaction ends,
    so that what is written from them is not overtaken by a publish meanwhile."""
    # Locked in the order of their ids, as every batch is: two workers never wait on
    # each other crosswise.
    still = set(
        Article.objects.select_for_update()
        .filter(pk__in=read_from)
        .order_by("pk")
        .values_list("pk", "current_revision_id")
    )
    return {pk: text for pk, text in texts.items() if (pk, read_from[pk]) in still}


def _facts_write(texts: dict[int, ArticleText], read_from: dict[int, int]) -> Counter:
    facts, figures, unread = [], [], Counter()
    claimed = _claims_read(texts)
    for pk, text in texts.items():
        killed = casualties_range(text.readings + claimed[pk]) or (None, None)
        figures.append(ArticleFigures(article_id=pk, killed_low=killed[0], killed_high=killed[1]))
        for found in text.readings:
            facts.append(
                InfoboxFact(
                    article_id=pk,
                    key=found.key,
                    kind=found.kind,
                    side=found.side,
                    data=found.data,
                    revision_id=read_from[pk],
                )
            )
            unread[found.kind] += found.unread
    InfoboxFact.objects.filter(article__in=texts).delete()
    InfoboxFact.objects.bulk_create(facts)
    ArticleFigures.objects.bulk_create(
        figures,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["killed_low", "killed_high"],
    )
    return +unread


def _claims_read(texts: dict[int, ArticleText]) -> defaultdict[int, list]:
    """The other figures open for the fields each article has, read as its values are."""
    claims = FieldClaim.objects.filter(article__in=texts, retired_at__isnull=True)
    read = defaultdict(list)
    for pk, key, value in claims.values_list("article_id", "key", "value"):
        if any(entry.key == key for entry in texts[pk].state.infobox):
            read[pk] += infobox_readings([(key, value)])
    return read


def _names_count(texts: dict[int, ArticleText]) -> set[str]:
    """Count each article's spellings in the index, in place of its earlier version's;
    returns the spellings whose counts changed."""
    before = dict(
        ArticleNames.objects.filter(article__in=texts).values_list("article_id", "spellings")
    )
    change = Counter()
    rows = []
    for pk, text in texts.items():
        now = set(text.names)
        earlier = set(before.get(pk, ()))
        change.update(dict.fromkeys(now - earlier, 1))
        change.subtract(dict.fromkeys(earlier - now, 1))
        rows.append(ArticleNames(article_id=pk, spellings=sorted(now)))
    NameSpelling.objects.bulk_create(
        [NameSpelling(spelling=s, key=name_key(s)) for s, n in change.items() if n > 0],
        ignore_conflicts=True,
    )
    by_change = defaultdict(list)
    for spelling, n in change.items():
        if n:
            by_change[n].append(spelling)
    for n, spellings in by_change.items():
        NameSpelling.objects.filter(spelling__in=spellings).update(articles=F("articles") + n)
    ArticleNames.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["article"], update_fields=["spellings"]
    )
    return {spelling for spelling, n in change.items() if n}


# How many articles writing a rare spelling are checked again when its variants change
# (more than `checks.RARE_IN_ARTICLES` only while the index catches up with a search).
_RECHECKED_PER_SPELLING = 10


def _rare_variants(spellings: set[str]) -> set[str]:
    """The rare spellings (`checks.RARE_IN_ARTICLES`) that are variants of `spellings`:
    whether their articles' worklists name them as slips may have changed."""
    keys = {name_key(spelling) for spelling in spellings}
    rare = NameSpelling.objects.filter(
        key__in=keys, articles__gt=0, articles__lte=RARE_IN_ARTICLES
    ).values_list("spelling", flat=True)
    return {
        spelling
        for spelling in rare
        if any(are_variants(spelling, changed) for changed in spellings)
    }


def _articles_writing(spellings: set[str]) -> set[int]:
    """Published articles that write these spellings, found through the search index."""
    published = Article.objects.published()
    found = set()
    for spelling in spellings:
        matches = article_search(published, spelling).values_list("pk", flat=True)
        found.update(matches[:_RECHECKED_PER_SPELLING])
    return found


def _worklist_write(texts: dict[int, ArticleText], read_from: dict[int, int]) -> None:
    """Each article's findings as its worklist: new ones added, ones found again brought
    up to date, ones no longer found gone unless dismissed (then kept, not current)."""
    keys = {name_key(name) for text in texts.values() for name in text.names}
    used_by = defaultdict(dict)
    for spelling, key, articles in NameSpelling.objects.filter(
        key__in=keys, articles__gt=0
    ).values_list("spelling", "key", "articles"):
        used_by[key][spelling] = articles
    known = defaultdict(dict)
    for item in WorklistItem.objects.filter(article__in=texts):
        known[item.article_id][item.fingerprint] = item
    new, found_again = [], []
    for pk, text in texts.items():
        spellings = {
            spelling: articles
            for key in {name_key(name) for name in text.names}
            for spelling, articles in used_by[key].items()
        }
        findings = article_findings(text) + list(names_written_two_ways(text, spellings))
        for finding in findings:
            item = known[pk].pop(_fingerprint(finding), None)
            if item is None:
                item = WorklistItem(article_id=pk, fingerprint=_fingerprint(finding))
                new.append(item)
            else:
                found_again.append(item)
            _describe(item, finding, read_from[pk])
    WorklistItem.objects.bulk_create(new, ignore_conflicts=True)
    WorklistItem.objects.bulk_update(
        found_again, ["summary", "evidence", "fix_key", "fix_value", "revision", "current"]
    )
    gone = [item for items in known.values() for item in items.values()]
    WorklistItem.objects.filter(pk__in=[i.pk for i in gone if i.is_dismissed]).update(current=False)
    WorklistItem.objects.filter(pk__in=[i.pk for i in gone if not i.is_dismissed]).delete()


def _fingerprint(finding: Finding) -> str:
    """The check and the words of its evidence, in any order: what a dismissal was about."""
    evidence = sorted((p.part, p.name, p.text) for p in finding.evidence)
    return hashlib.sha256(json.dumps([finding.check, evidence]).encode()).hexdigest()


def _describe(item: WorklistItem, finding: Finding, revision_id: int) -> None:
    item.check_name = finding.check
    item.summary = finding.summary
    item.evidence = [asdict(passage) for passage in finding.evidence]
    item.fix_key, item.fix_value = finding.fix or ("", "")
    item.revision_id = revision_id
    item.current = True


def worklist_item_dismiss(item: WorklistItem, *, reviewer, reason: str) -> WorklistItem:
    """Record that `reviewer` takes `item` for no slip, and why: it leaves the worklist
    until its evidence changes. Raises PermissionDenied for anyone but a reviewer and
    ValidationError for a missing or unstorable reason, StateError for an item already
    dismissed."""
    permissions.dismiss_finding.require(reviewer)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why this is not a slip: the next reviewer reads it.",
    )
    with transaction.atomic():
        item = WorklistItem.objects.select_for_update().get(pk=item.pk)
        if item.is_dismissed:
            raise StateError(f"{item.dismissed_by} dismissed this already: {item.dismissed_reason}")
        item.dismissed_by = reviewer
        item.dismissed_reason = reason
        item.dismissed_at = timezone.now()
        item.save(update_fields=["dismissed_by", "dismissed_reason", "dismissed_at"])
    return item
