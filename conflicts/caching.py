"""The shared cache as what it is here, a saving that may fail: everything kept in it can
be read again from the database, so a cache that cannot be reached is a miss and a
skipped write, with a logged warning, never an error for the request."""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cache_get_many(keys) -> dict:
    """The values the cache holds for `keys`, by key; none when it cannot be read."""
    try:
        return cache.get_many(keys)
    except Exception as error:  # whatever the backend raises: redis', memcached's, OSError
        logger.warning("The cache could not be read (%r); reading the database instead.", error)
        return {}


def cache_set_many(values: dict) -> None:
    """Keep `values` (key → value) in the cache, or only log a warning when it cannot."""
    try:
        cache.set_many(values)
    except Exception as error:  # as above
        logger.warning("The cache could not be written (%r); carrying on without it.", error)
