"""Rendering word runs as HTML: the `runs_html` filter escapes everything an editor typed.

The filter is called directly, and through a standalone template engine; neither needs
Django settings or a database.
"""

import pytest
from django.template import Context, Engine
from django.utils.safestring import SafeString

from conflicts.diff import TextRun, word_diff
from conflicts.templatetags.diff_tags import runs_html, runs_side_html

HOSTILE = "<script>alert(1)</script>\"&<>'"
HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&lt;&gt;&#x27;"


def test_equal_text_is_rendered_as_is_and_changes_as_del_and_ins():
    runs = word_diff("40 killed", "50 killed")

    assert runs_html(runs) == (
        '<del class="diff-del">40</del><ins class="diff-ins">50</ins> killed'
    )


def test_the_result_is_safe_so_templates_do_not_escape_it_again():
    assert isinstance(runs_html(word_diff("MLNA", "MNLA")), SafeString)


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ("equal", HOSTILE_ESCAPED),
        ("delete", f'<del class="diff-del">{HOSTILE_ESCAPED}</del>'),
        ("insert", f'<ins class="diff-ins">{HOSTILE_ESCAPED}</ins>'),
    ],
)
def test_hostile_text_is_escaped_whatever_the_op(op, expected):
    assert runs_html((TextRun(op, HOSTILE),)) == expected


def test_text_that_looks_already_escaped_is_escaped_again_because_it_is_what_was_typed():
    assert runs_html((TextRun("equal", "AT&amp;T"),)) == "AT&amp;amp;T"


def test_a_hostile_edit_renders_with_no_markup_but_the_diff_tags():
    runs = word_diff(
        'The MPLA <b onmouseover="x()">raided</b> Ménaka.',
        "The MPLA <script>alert(1)</script> Ménaka.",
    )

    html = runs_html(runs)

    for own_tag in ('<del class="diff-del">', "</del>", '<ins class="diff-ins">', "</ins>"):
        html = html.replace(own_tag, "")
    assert not set(html) & set("<>\"'")
    assert html.startswith("The MPLA &lt;")


def test_paragraph_breaks_are_kept_for_a_pre_wrap_block():
    runs = word_diff("Gao fell.\n\nKidal held.", "Gao fell.\n\nKidal fell.")

    assert runs_html(runs) == (
        'Gao fell.\n\nKidal <del class="diff-del">held</del><ins class="diff-ins">fell</ins>.'
    )


def test_an_unchanged_part_or_no_runs_render_as_nothing():
    assert runs_html(None) == ""
    assert runs_html(()) == ""


def test_an_unknown_op_is_refused():
    with pytest.raises(ValueError, match="replace"):
        runs_html((TextRun("replace", "40"),))


def test_each_side_shows_its_own_text_with_its_own_changes_marked():
    runs = word_diff("40 killed <MNLA>", "50 killed")

    assert runs_side_html(runs, "old") == (
        '<del class="diff-del">40</del> killed<del class="diff-del"> &lt;MNLA&gt;</del>'
    )
    assert runs_side_html(runs, "new") == '<ins class="diff-ins">50</ins> killed'


def test_an_unknown_side_is_refused():
    with pytest.raises(ValueError, match="middle"):
        runs_side_html(word_diff("a", "b"), "middle")


def test_the_filter_loads_in_a_template_and_is_not_escaped_twice():
    engine = Engine(libraries={"diff_tags": "conflicts.templatetags.diff_tags"})
    template = engine.from_string("{% load diff_tags %}<p>{{ runs|runs_html }}</p>")

    html = template.render(Context({"runs": word_diff("40 <killed>", "50 <killed>")}))

    assert html == (
        '<p><del class="diff-del">40</del><ins class="diff-ins">50</ins> &lt;killed&gt;</p>'
    )
