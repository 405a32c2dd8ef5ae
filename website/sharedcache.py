"""The shared cache (Redis in production) as the page cache uses it: failing open (issue 16).

A cache is an optimisation, never a dependency. Django's RedisCache raises when Redis is
stopped or slow; here every call either answers or raises `Unavailable` within the socket
timeouts of `config.settings` (REDIS_TIMEOUT), and the callers then build the page from the
database. After a failure the cache is left alone for RETRY_AFTER seconds (a slow Redis
would otherwise cost every request its timeout), then tried again: the first call that
succeeds puts it back in service, in every process, without a restart. One warning when
Redis stops answering and one when it answers again, not one per request.
"""

import logging
import time

from django.core.cache import cache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

RETRY_AFTER = 1.0
# Redis errors (connection refused, timeouts) and the socket errors redis-py may let through.
FAILURES = (RedisError, OSError)


class Unavailable(Exception):
    """The shared cache did not answer (or is resting after a failure)."""


class Breaker:
    """This process's view of the shared cache: resting until `resting_until` after a failure."""

    resting_until: float = 0.0
    failing: bool = False


def call(operation: str, *args, **kwargs):
    """`cache.<operation>(*args, **kwargs)`, or `Unavailable`."""
    if Breaker.failing and time.monotonic() < Breaker.resting_until:
        raise Unavailable
    try:
        result = getattr(cache, operation)(*args, **kwargs)
    except FAILURES as error:
        if not Breaker.failing:
            log.warning("Shared cache unavailable, pages are built from the database: %r", error)
        Breaker.failing, Breaker.resting_until = True, time.monotonic() + RETRY_AFTER
        raise Unavailable from error
    if Breaker.failing:
        log.warning("Shared cache answering again: pages are served from it.")
        Breaker.failing = False
    return result


def get(key: str, default=None):
    return call("get", key, default)


def reset() -> None:
    """Forget a past failure (tests; a process that wants to try at once)."""
    Breaker.resting_until, Breaker.failing = 0.0, False


# Counters kept in the shared cache (the page cache's generation and change counter) start
# at the clock in milliseconds: one recreated after a flush or an eviction starts above every
# value it gave before, so nothing stored against an old value is mistaken for current.
def clock() -> int:
    return int(time.time() * 1000)


def counter(key: str) -> int:
    """The counter's value, created when missing. Raises Unavailable."""
    value = get(key)
    if value is None:
        call("add", key, clock(), timeout=None)
        value = get(key)
    return value


def increment(key: str) -> int:
    """The counter plus one (created when missing). Raises Unavailable."""
    try:
        return call("incr", key)
    except ValueError:  # no such key
        value = clock()
        call("set", key, value, timeout=None)
        return value
