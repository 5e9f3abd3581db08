from django import template

from notifications.presentation import notification_text as text_of

register = template.Library()


@register.filter
def notification_text(notification) -> str:
    """What the notification says (escaped by the template, as any text)."""
    return text_of(notification)
