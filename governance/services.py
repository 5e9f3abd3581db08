"""Governance actions and their log. Every action records itself (`log_record`) in the
transaction that does it, so the log holds exactly what was done."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import REVIEWERS_GROUP, is_reviewer
from conflicts import permissions, selectors
from conflicts.combine import state_combined
from conflicts.limits import EDIT_REASON_MAX_LENGTH, REVIEW_REASON_MAX_LENGTH
from conflicts.models import Article, ArticleRevision, FormerSlug, Proposal
from conflicts.services.articles import article_free_slug, article_lock, article_revise
from conflicts.services.errors import StateError
from conflicts.services.proposals import proposal_create
from conflicts.services.written import written_text
from conflicts.summaries import hidden_summary, merge_summary, rename_summary
from conflicts.text import normalise_text
from governance.models import Block, LogEntry, Protection
from governance.selectors import active_block, active_protection
from notifications import events

Action = LogEntry.Action


def log_record(
    action: str,
    *,
    actor,
    reason: str = "",
    article: Article | None = None,
    user: User | None = None,
    revision: ArticleRevision | None = None,
    subject: str = "",
) -> LogEntry:
    """Add `action` by `actor` to the log, about `article` or `user` (named `subject`, by
    default its title or username); call it inside the action's own transaction."""
    subject = subject or (article.title if article is not None else user.get_username())
    return LogEntry.objects.create(
        action=action,
        actor=actor,
        reason=reason,
        subject=subject,
        article=article,
        user=user,
        revision=revision,
    )


def reviewer_role_set(*, user: User, reviewer: bool, by, reason: str) -> LogEntry:
    """Make `user` a reviewer, or no longer one, for `reason`, as administrator `by`.

    Raises PermissionDenied for anyone but an administrator (`permissions.manage_roles`),
    ValidationError for a missing or unstorable reason, and StateError when the account
    already is (or is not) a reviewer, or is a superuser, who always reviews."""
    permissions.manage_roles.require(by)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why: the log keeps it.",
    )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_superuser:
            raise StateError(f"{user} is an administrator, who always reviews.")
        if is_reviewer(user) == reviewer:
            state = "a reviewer" if reviewer else "no reviewer"
            raise StateError(f"{user} is {state} already.")
        group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
        if reviewer:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        action = Action.ROLE_GRANTED if reviewer else Action.ROLE_REMOVED
        return log_record(action, actor=by, reason=reason, user=user)


def user_block(*, user: User, by, reason: str, expires_at: datetime | None) -> Block:
    """Block `user` from proposing and commenting until `expires_at` (None: until lifted),
    and their last address from signing up again for a while, for `reason`.

    Raises PermissionDenied for anyone but a reviewer (`permissions.block_users`),
    ValidationError for a missing reason or an end that is not in the future, and
    StateError for a reviewer or administrator (take the role first), oneself, or an
    account blocked already."""
    permissions.block_users.require(by)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why: the account is told, and the log keeps it.",
    )
    _require_future(expires_at)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.pk == by.pk:
            raise StateError("You cannot block yourself.")
        if is_reviewer(user):
            raise StateError(f"{user} reviews: their role goes first, then the block.")
        current = _active_block_of(user)
        if current is not None:
            raise StateError(f"{user} is blocked already, {current.ends}: lift it first.")
        block = Block.objects.create(
            user=user,
            blocked_by=by,
            reason=reason,
            expires_at=expires_at,
            address=user.last_address,
        )
        log_record(Action.BLOCK, actor=by, reason=f"{reason} ({block.ends})", user=user)
    return block


def user_unblock(*, user: User, by, reason: str) -> Block:
    """Lift the block in force on `user`, for `reason`. Raises PermissionDenied for anyone
    but a reviewer, ValidationError for a missing reason, StateError when none is."""
    permissions.block_users.require(by)
    reason = written_text(
        reason, "reason", max_length=REVIEW_REASON_MAX_LENGTH, missing="Say why: the log keeps it."
    )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        block = _active_block_of(user)
        if block is None:
            raise StateError(f"{user} is not blocked.")
        _lift(block, by, reason)
        log_record(Action.UNBLOCK, actor=by, reason=reason, user=user)
    return block


def _active_block_of(user: User) -> Block | None:
    # Read again inside the caller's lock, never from the user object's cache.
    if hasattr(user, "_active_block"):
        del user._active_block
    return active_block(user)


def article_protect(
    *, article: Article, level: str, by, reason: str, expires_at: datetime | None
) -> Protection:
    """Protect `article` at `level` (`Protection.Level`) until `expires_at` (None: until
    lifted), for `reason`. Raises PermissionDenied for anyone but a reviewer
    (`permissions.protect_articles`), ValidationError for a missing reason, an unknown
    level or an end that is not in the future, StateError when it is protected already."""
    permissions.protect_articles.require(by)
    reason = written_text(
        reason,
        "reason",
        max_length=REVIEW_REASON_MAX_LENGTH,
        missing="Say why: the article page shows it, and the log keeps it.",
    )
    if level not in Protection.Level.values:
        raise ValidationError({"level": "Protect for established accounts only, or for nobody."})
    _require_future(expires_at)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        current = active_protection(article)
        if current is not None:
            raise StateError(f"The article is protected already, {current.ends}: lift it first.")
        protection = Protection.objects.create(
            article=article, level=level, reason=reason, protected_by=by, expires_at=expires_at
        )
        shown = f"{reason} ({protection.get_level_display().lower()}, {protection.ends})"
        log_record(Action.PROTECT, actor=by, reason=shown, article=article)
    return protection


def article_unprotect(*, article: Article, by, reason: str) -> Protection:
    """Lift the protection in force on `article`, for `reason`. Raises PermissionDenied for
    anyone but a reviewer, ValidationError for a missing reason, StateError when none is."""
    permissions.protect_articles.require(by)
    reason = written_text(
        reason, "reason", max_length=REVIEW_REASON_MAX_LENGTH, missing="Say why: the log keeps it."
    )
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        protection = active_protection(article)
        if protection is None:
            raise StateError("The article is not protected.")
        _lift(protection, by, reason)
        log_record(Action.UNPROTECT, actor=by, reason=reason, article=article)
    return protection


def _require_future(expires_at: datetime | None) -> None:
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "It ends in the future."})


def _lift(ended: Block | Protection, by, reason: str) -> None:
    ended.lifted_at = timezone.now()
    ended.lifted_by = by
    ended.lift_reason = reason
    ended.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])


def article_rename(*, article: Article, title: str, by, reason: str) -> ArticleRevision:
    """Give `article` the title `title`, for `reason`: a revision by `by`, and the slug
    of the new title (`article_free_slug`); its old addresses redirect to the new ones
    (`FormerSlug`). Returns the revision.

    Raises PermissionDenied for anyone but a reviewer (`permissions.rename_articles`), and
    ValidationError for a missing reason, an invalid title, the title it has, or one
    another article has."""
    permissions.rename_articles.require(by)
    reason = written_text(
        reason,
        "reason",
        max_length=EDIT_REASON_MAX_LENGTH,
        missing="Say why: the revision's summary and the log carry it.",
    )
    title = normalise_text(title)
    with transaction.atomic():
        article = article_lock(article)
        current = selectors.article_current_state(article)
        if title == current.title:
            raise ValidationError({"title": "That is its title already."})
        other = Article.objects.filter(title=title).exclude(pk=article.pk).first()
        if other is not None:
            raise ValidationError(
                {"title": f"An article with this title exists at /articles/{other.slug}/."}
            )
        revision = article_revise(
            article=article,
            current=current,
            state=current.replace(title=title),
            author=by,
            reviewer=by,
            summary=rename_summary(current.title, title, reason),
        )
        slug = article_free_slug(title, article=article)
        if slug != article.slug:
            # A slug the article (or one renamed since) had before is its own again.
            FormerSlug.objects.filter(slug=slug).delete()
            FormerSlug.objects.update_or_create(slug=article.slug, defaults={"article": article})
            Article.objects.filter(pk=article.pk).update(slug=slug)
            article.slug = slug
        log_record(
            Action.RENAME,
            actor=by,
            reason=reason,
            article=article,
            revision=revision,
            subject=f"{current.title} → {title}"[:300],
        )
        events.revision_published(revision)
    return revision


def article_delete(*, article: Article, by, reason: str) -> LogEntry:
    """Delete `article` for `reason`: readers get 410 for its addresses and no list shows
    it; its history, proposals and rows are kept for `article_restore`. Returns the log
    entry, which the deletion log lists.

    Raises PermissionDenied for anyone but a reviewer (`permissions.delete_articles`),
    ValidationError for a missing reason, StateError when it is deleted already."""
    permissions.delete_articles.require(by)
    reason = _log_reason(reason)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.deleted_at is not None:
            raise StateError("The article is deleted already.")
        Article.objects.filter(pk=article.pk).update(deleted_at=timezone.now())
        return log_record(Action.DELETE, actor=by, reason=reason, article=article)


def article_restore(*, article: Article, by, reason: str) -> LogEntry:
    """Undo the deletion (or the merge) of `article`, for `reason`: it is read, listed and
    found again, exactly as it was, and a merged article's address no longer redirects.

    Raises PermissionDenied for anyone but a reviewer, ValidationError for a missing
    reason, StateError when it is not deleted."""
    permissions.delete_articles.require(by)
    reason = _log_reason(reason)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.deleted_at is None:
            raise StateError("The article is not deleted.")
        if article.merged_into_id is not None:
            FormerSlug.objects.filter(slug=article.slug, article=article.merged_into_id).delete()
        Article.objects.filter(pk=article.pk).update(deleted_at=None, merged_into=None)
        return log_record(Action.RESTORE, actor=by, reason=reason, article=article)


def article_merge(*, article: Article, into: Article, by, reason: str) -> Proposal | None:
    """Merge `article` into `into`, for `reason`: what `article` says that `into` lacks
    (`conflicts.combine.state_combined`) is proposed into `into` by `by`, for review as
    any proposal, and `article`'s addresses redirect for good to `into`'s. Its history is
    kept, and `article_restore` undoes the merge. Returns the proposal, None when `into`
    says everything `article` does already.

    Raises PermissionDenied for anyone but a reviewer, ValidationError for a missing
    reason or an article merged into itself, StateError when either is deleted."""
    permissions.delete_articles.require(by)
    reason = _log_reason(reason)
    if article.pk == into.pk:
        raise ValidationError({"into": "An article cannot be merged into itself."})
    with transaction.atomic():
        locked = {
            row.pk: row
            for row in Article.objects.select_for_update().filter(pk__in=[article.pk, into.pk])
        }
        article, into = locked[article.pk], locked[into.pk]
        if article.deleted_at is not None or into.deleted_at is not None:
            raise StateError("A deleted article can be neither merged nor merged into.")
        if into.current_revision_id is None:
            raise ValidationError({"into": "That article is not published."})
        combined = state_combined(
            selectors.article_current_state(into), selectors.article_current_state(article)
        )
        proposal = None
        if combined != selectors.article_current_state(into):
            proposal = proposal_create(
                article=into,
                author=by,
                proposed=combined,
                summary=merge_summary(article.title, reason),
            )
        Article.objects.filter(pk=article.pk).update(deleted_at=timezone.now(), merged_into=into)
        FormerSlug.objects.update_or_create(slug=article.slug, defaults={"article": into})
        log_record(
            Action.MERGE,
            actor=by,
            reason=reason,
            article=article,
            subject=f"{article.title} → {into.title}"[:300],
        )
    return proposal


def revision_suppress(
    *, revision: ArticleRevision, by, reason: str, content: bool, summary: bool, author: bool
) -> ArticleRevision | None:
    """Set what of `revision` is hidden from everyone outside the oversight group: its
    content (the revision and every compare with it are then a 404), its summary, its
    author's name; False shows it again. Logged, with `reason`.

    When its content becomes hidden and it is the article's current revision, the article
    goes back to the latest revision whose content is visible, in a new revision by `by`,
    which is returned (None otherwise): readers never read hidden content. Raises
    PermissionDenied outside the oversight group (`permissions.suppress_revisions`), and
    ValidationError for a missing reason, a change to nothing, or hiding the content of
    the article's only visible revision (delete the article instead)."""
    permissions.suppress_revisions.require(by)
    reason = _log_reason(reason)
    wanted = {"content_hidden": content, "summary_hidden": summary, "author_hidden": author}
    with transaction.atomic():
        article = article_lock(revision.article)
        revision = ArticleRevision.objects.select_for_update().get(pk=revision.pk)
        if all(getattr(revision, name) == value for name, value in wanted.items()):
            raise ValidationError("The revision is shown exactly so already.")
        published = None
        if content and not revision.content_hidden and revision.pk == article.current_revision_id:
            visible = (
                ArticleRevision.objects.filter(
                    article=article, content_hidden=False, number__lt=revision.number
                )
                .order_by("-number")
                .first()
            )
            if visible is None:
                raise ValidationError(
                    "It is the article's only visible revision: delete the article instead."
                )
            published = article_revise(
                article=article,
                current=selectors.article_current_state(article),
                state=selectors.revision_state(visible),
                author=by,
                reviewer=by,
                summary=hidden_summary(revision.number, visible.number),
            )
        ArticleRevision.objects.filter(pk=revision.pk).update(**wanted)
        hidden = [
            name
            for name, value in zip(("content", "summary", "author"), wanted.values(), strict=True)
            if value
        ]
        log_record(
            Action.SUPPRESS,
            actor=by,
            reason=f"{reason} (hidden: {', '.join(hidden) or 'nothing'})",
            article=article,
            revision=revision,
            subject=f"{article.title}, revision {revision.number}"[:300],
        )
        if published is not None:
            events.revision_published(published)
    return published


def _log_reason(reason: str) -> str:
    return written_text(
        reason, "reason", max_length=REVIEW_REASON_MAX_LENGTH, missing="Say why: the log keeps it."
    )
