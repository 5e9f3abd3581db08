"""Citations as readers see them: `[[ref:17]]` in a text becomes a superscript "[3]" (the
reference's place in the list) linking to the reference, which links back to each place
that cites it. One article's marks are counted together while its template renders."""

from __future__ import annotations

from collections import Counter

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString, mark_safe

from conflicts.citations import CITATION, reference_numbers

register = template.Library()


class CitationMarks:
    """The citation marks of one article: which reference each cites, by its number, and
    where each reference is cited, for the back-links."""

    def __init__(self, references):
        self.count = len(references)
        self.numbers = reference_numbers([reference.id for reference in references])
        self.cited = Counter()

    def html(self, text: str, *, inline: bool = False) -> SafeString:
        """`text` in paragraphs (`linebreaks`), or with its line breaks kept (`inline`),
        and its citations as marks."""
        # The brackets, colon and hash of a citation pass through escaping unchanged.
        laid_out = linebreaksbr(text, autoescape=True) if inline else linebreaks(text, True)
        return mark_safe(CITATION.sub(self._mark, laid_out))

    def _mark(self, found) -> str:
        number = int(found["number"])
        if not found["positional"]:
            number = self.numbers.get(number, 0)
        if not 1 <= number <= self.count:
            return '<sup class="citation citation--missing" title="Not in the references">[?]</sup>'
        self.cited[number] += 1
        return format_html(
            '<sup class="citation" id="cite-{}-{}"><a href="#ref-{}">[{}]</a></sup>',
            number,
            self.cited[number],
            number,
            number,
        )

    def backlinks(self, number: int) -> SafeString:
        times = self.cited[number]
        if times == 0:
            return mark_safe("")
        if times == 1:
            return format_html(
                '<a class="backlink" href="#cite-{}-1" aria-label="{}">↑</a>',
                number,
                "Back to where it is cited",
            )
        letters = format_html_join(
            " ",
            '<a href="#cite-{}-{}" aria-label="Back to citation {}">{}</a>',
            ((number, k, k, chr(ord("a") + k - 1) if k <= 26 else k) for k in range(1, times + 1)),
        )
        return format_html('<span class="backlink">↑ {}</span>', letters)


def _marks(context, references) -> CitationMarks:
    marks = context.render_context.get("citation_marks")
    if marks is None:
        marks = context.render_context["citation_marks"] = CitationMarks(references)
    return marks


@register.simple_tag(takes_context=True)
def cited(context, text: str, references, inline: bool = False) -> SafeString:
    """`text` in paragraphs, as `linebreaks` makes them (or its lines as `linebreaksbr`
    makes them, `inline`), with its citations as marks."""
    return _marks(context, references).html(text, inline=inline)


@register.simple_tag(takes_context=True)
def cited_from(context, number: int, references) -> SafeString:
    """The links back from reference `number` to where the text cites it."""
    return _marks(context, references).backlinks(number)
