"""The shared cache: Django's Redis backend, degraded rather than failing while Redis is away.

What Annals keeps in the cache can all be lost: the API's rate-limit counts and the states
of published revisions, which are read again from the database. So an unreachable Redis
reads as an empty cache and forgets what is written to it, each time with a logged
warning, instead of turning every request into a 500. Failed sign-ins are counted in the
database (django-axes), never here, so an outage lifts no lockout.
"""

import logging
from urllib.parse import urlsplit

import environ
import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

_DJANGO_REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# A Redis that is down refuses at once; these bound one that hangs, in seconds.
_SOCKET_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def cache_from_url(url: str) -> dict:
    """The settings of the cache at `url`, a cache URL as django-environ reads them
    (`locmemcache://annals`, `redis://host:6379/0?key_prefix=annals`), except that
    redis:// and rediss:// are always Django's own Redis backend, made to degrade
    (`DegradingRedisCache`), with socket timeouts unless the URL sets its own."""
    if urlsplit(url).scheme not in ("redis", "rediss"):
        return environ.Env.cache_url_config(url)
    config = environ.Env.cache_url_config(url, backend=_DJANGO_REDIS_CACHE)
    # django-environ lower-cases every query option for this backend, the settings of
    # Django's own (KEY_PREFIX, TIMEOUT, …) too, which Django would then ignore.
    for option in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION"):
        if option.lower() in config:
            config[option] = config.pop(option.lower())
    config["BACKEND"] = "config.cache.DegradingRedisCache"
    config["OPTIONS"] = _SOCKET_TIMEOUTS | config.get("OPTIONS", {})
    return config


# Errors that mean Redis cannot be reached, not that a command was wrong.
_UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)


class _DegradingClient(RedisCacheClient):
    """Every operation answers as an empty cache would while Redis cannot be reached;
    `incr`, which has no such answer, still raises."""

    def _or(self, fallback, operation, *args):
        try:
            return operation(*args)
        except _UNREACHABLE as error:
            logger.warning(
                "The cache (Redis) cannot be reached, so rate limits are not enforced and "
                "cached states are read from the database: %s",
                error,
            )
            return fallback

    def add(self, key, value, timeout):
        return self._or(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._or(default, super().get, key, default)

    def set(self, key, value, timeout):
        self._or(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._or(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or(False, super().delete, key)

    def get_many(self, keys):
        return self._or({}, super().get_many, keys)

    def has_key(self, key):
        return self._or(False, super().has_key, key)

    def set_many(self, data, timeout):
        self._or(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        self._or(None, super().delete_many, keys)

    def clear(self):
        return self._or(False, super().clear)


class DegradingRedisCache(RedisCache):
    """Django's `RedisCache`, configured the same way (`LOCATION`, `KEY_PREFIX`, `OPTIONS`),
    that degrades as the module says while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _DegradingClient
