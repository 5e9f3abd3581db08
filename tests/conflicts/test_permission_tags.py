"""`{% may %}`: a template asks `conflicts.permissions` about the page's user."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load permissions %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "False"),
        ("author", "False"),
        ("other editor", "False"),
        ("reviewer", "True"),
        ("superuser", "True"),
    ],
)
def test_a_template_asks_the_rule_about_the_pages_user(people, role, expected):
    assert render('{% may "revert_article" %}', user=people[role]) == expected


def test_a_rule_about_an_object_gets_the_object(people):
    source = '{% may "see_proposals_of" author as sees %}{% if sees %}listed{% endif %}'

    assert render(source, user=people["author"], author=people["author"]) == "listed"
    assert render(source, user=people["other editor"], author=people["author"]) == ""


def test_a_page_without_a_user_asks_for_an_anonymous_visitor():
    assert render('{% may "propose" %}') == "False"


def test_a_name_that_is_no_rule_is_an_error(people):
    with pytest.raises(TemplateSyntaxError, match="'approve' is not a rule"):
        render('{% may "approve" %}', user=people["reviewer"])
