"""Template filters that render a word diff (`conflicts.diff.TextRun`s) as HTML.

Load with `{% load diff_tags %}`; `{{ runs|runs_html }}` gives the runs as one line of
HTML, deletions in `<del class="diff-del">` and insertions in `<ins class="diff-ins">`;
`{{ runs|runs_side_html:"old" }}` (or `"new"`) gives one side of a side-by-side view.
"""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from conflicts.diff import TextRun

register = template.Library()

# Every run's text goes through format_html, which escapes it: the text is whatever an
# editor typed, so none of it may reach the page as markup.
_RUN_TEMPLATES = {
    "equal": "{}",
    "delete": '<del class="diff-del">{}</del>',
    "insert": '<ins class="diff-ins">{}</ins>',
}


@register.filter
def runs_html(runs: Iterable[TextRun] | None) -> SafeString:
    """The runs as escaped HTML; None (an unchanged part) or no runs give "".

    Line breaks are kept as they are, so paragraph breaks show when the caller wraps the
    result in an element styled `white-space: pre-wrap`. An unknown op is a programming
    error and raises ValueError.
    """
    return format_html_join("", "{}", ((_run_html(run),) for run in runs or ()))


# What each side of a side-by-side view shows: the old text with its deletions marked,
# the new one with its insertions.
_SIDE_OPS = {"old": {"equal", "delete"}, "new": {"equal", "insert"}}


@register.filter
def runs_side_html(runs: Iterable[TextRun] | None, side: str) -> SafeString:
    """One side ("old" or "new") of the runs as escaped HTML, as `runs_html` renders them;
    another side is a programming error and raises ValueError."""
    try:
        ops = _SIDE_OPS[side]
    except KeyError:
        raise ValueError(f"Unknown side {side!r}") from None
    return format_html_join("", "{}", ((_run_html(run),) for run in runs or () if run.op in ops))


def _run_html(run: TextRun) -> SafeString:
    try:
        run_template = _RUN_TEMPLATES[run.op]
    except KeyError:
        raise ValueError(f"Unknown diff op {run.op!r}") from None
    return format_html(run_template, run.text)
