"""The page cache over a real back end (the `page_cache` fixture, a plugin: pyproject.toml), for
the tests that turn it on (tests/test_cache*.py)."""

import pytest

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The page cache on, over one real back end, emptied before and after."""
    from django.core.cache import cache  # a plugin: imported before Django is set up

    from website import pagecache

    if request.param == "redis":
        redis = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue("redis_url"),
        }
        settings.CACHES = {"default": redis}
    else:
        settings.CACHES = LOCMEM
    settings.PAGE_CACHE = True
    cache.clear()
    pagecache.forget_local()
    yield request.param
    cache.clear()
    pagecache.forget_local()


def rendered(response) -> bool:
    """The view ran and rendered a template: the page did not come from the cache."""
    return response.context is not None


def page(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def stored(client, path) -> str:
    """The path, once an anonymous request has stored its page."""
    page(client, path)
    return path
