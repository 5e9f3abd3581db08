"""What the publishing services announce, for the apps that keep something of their own
about articles (`facts`): sent once the transaction that published commits, never inside it."""

from django.dispatch import Signal

# Sent with `article_ids`, the articles that have a new current revision.
articles_published = Signal()
