"""Template filters that render a word diff (`conflicts.diff.TextRun`s) as HTML.

Load with `{% load diff_tags %}`; `{{ runs|runs_html }}` gives the runs as one line of
HTML, deletions in `<del class="diff-del">` and insertions in `<ins class="diff-ins">`.
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


def _run_html(run: TextRun) -> SafeString:
    try:
        run_template = _RUN_TEMPLATES[run.op]
    except KeyError:
        raise ValueError(f"Unknown diff op {run.op!r}") from None
    return format_html(run_template, run.text)
