"""The summaries the services write for the revisions they publish on their own, and how
recent changes tells those revisions apart by them. A pure module (no Django)."""

REVERT_SUMMARY_PREFIX = "Reverted to revision "
UNDO_SUMMARY_PREFIX = "Undid revision "
IMPORT_SUMMARY_PREFIX = "Imported from "


def revert_summary(number: int, reason: str = "") -> str:
    return f"{REVERT_SUMMARY_PREFIX}{number}" + (f": {reason}" if reason else "")


def undo_summary(number: int, reason: str) -> str:
    return f"{UNDO_SUMMARY_PREFIX}{number}: {reason}"


def import_summary(source: str) -> str:
    return f"{IMPORT_SUMMARY_PREFIX}{source}"
