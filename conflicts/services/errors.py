"""Errors the services raise besides ValidationError and PermissionDenied."""

from django.core.exceptions import ValidationError


class ArticleExists(ValidationError):
    """A new article was proposed under the title (or the address) of a published one:
    `article`, where a correction belongs instead."""

    def __init__(self, article):
        super().__init__(
            {
                "title": [
                    f"An article titled “{article.title}” is already published, at "
                    f"{article.get_absolute_url()}: propose your correction to it there."
                ]
            }
        )
        self.article = article


class StateError(Exception):
    """The object is not in a state that allows this action (e.g. doing it twice)."""


class ProposalStateError(StateError):
    """The proposal is not in a state that allows this action (e.g. approving it twice)."""


class ProposalConflict(Exception):
    """Approval was refused: the proposal overlaps changes approved since its base revision."""

    def __init__(self, conflicts: list[str]):
        super().__init__(
            "This proposal conflicts with changes published since it was written: "
            + ", ".join(conflicts)
            + "."
        )
        self.conflicts = conflicts


class UndoConflict(Exception):
    """An undo was refused: a part the revision changed was changed again since."""

    def __init__(self, conflicts: list[str]):
        super().__init__(
            "Undoing it would overwrite changes published since: "
            + ", ".join(conflicts)
            + ". Edit the article instead."
        )
        self.conflicts = conflicts


class RateLimited(Exception):
    """Too many of one kind of action in a short time; `retry_after` seconds until the next
    is accepted."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
