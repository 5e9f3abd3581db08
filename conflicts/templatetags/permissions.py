"""`{% may %}`: templates ask `conflicts.permissions` before offering an action."""

from django import template
from django.contrib.auth.models import AnonymousUser

from conflicts import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, rule: str, *objects) -> bool:
    """Whether the page's user may, by the rule of `conflicts.permissions` named `rule`:
    `{% may "revert_article" as can_revert %}`, `{% may "see_proposals_of" person %}`.

    A page rendered without a user (a server error page) asks for an anonymous visitor.
    Raises TemplateSyntaxError for a name that is not a rule.
    """
    if rule not in permissions.RULES:
        raise template.TemplateSyntaxError(f"{rule!r} is not a rule of conflicts.permissions.")
    return permissions.RULES[rule](context.get("user") or AnonymousUser(), *objects)
