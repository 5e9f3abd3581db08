"""The summaries the services write for the revisions they publish on their own, and how
recent changes tells those revisions apart by them. A pure module (no Django)."""

from conflicts.limits import SUMMARY_MAX_LENGTH

REVERT_SUMMARY_PREFIX = "Reverted to revision "
UNDO_SUMMARY_PREFIX = "Undid revision "
IMPORT_SUMMARY_PREFIX = "Imported from "
PREFER_SUMMARY_PREFIX = "Preferred figure for "
RENAME_SUMMARY_PREFIX = "Renamed from "
MERGE_SUMMARY_PREFIX = "Merged from "


def revert_summary(number: int, reason: str = "") -> str:
    return f"{REVERT_SUMMARY_PREFIX}{number}" + (f": {reason}" if reason else "")


def undo_summary(number: int, reason: str) -> str:
    return f"{UNDO_SUMMARY_PREFIX}{number}: {reason}"


def import_summary(source: str) -> str:
    return f"{IMPORT_SUMMARY_PREFIX}{source}"


def prefer_summary(field: str, value: str, source: str, former: str, reason: str = "") -> str:
    """The summary of making `value` (from `source`) the preferred figure of `field` over
    the `former` one, kept within the summary's limit by shortening the figures."""
    reason = f": {reason}" if reason else ""
    fixed = len(PREFER_SUMMARY_PREFIX) + len(field) + len(reason) + len(" (): … over …")
    room = max(20, (SUMMARY_MAX_LENGTH - fixed) // 3)
    according = f" ({_shortened(source, room)})" if source else ""
    shown = f"{_shortened(value, room)}{according} over {_shortened(former, room) or 'none'}"
    return f"{PREFER_SUMMARY_PREFIX}{field}: {shown}{reason}"[:SUMMARY_MAX_LENGTH]


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def rename_summary(old_title: str, new_title: str, reason: str) -> str:
    """The summary of renaming an article, within the summary's limit."""
    return f"{RENAME_SUMMARY_PREFIX}“{old_title}” to “{new_title}”: {reason}"[:SUMMARY_MAX_LENGTH]


def merge_summary(source_title: str, reason: str) -> str:
    """The summary of proposing what a merged article says into the article it joins."""
    return f"{MERGE_SUMMARY_PREFIX}“{source_title}”: {reason}"[:SUMMARY_MAX_LENGTH]


def hidden_summary(number: int, back_to: int) -> str:
    """The summary of the revision that takes the article back from a revision whose
    content the oversight group hid; it gives no reason, which could repeat what was hidden."""
    return f"Content of revision {number} hidden; the article reads as revision {back_to} again"
