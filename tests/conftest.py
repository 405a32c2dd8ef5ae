import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture
def corpus(db):
    """The real corpus from content/, loaded as `make run` loads it."""
    call_command("load_content", str(settings.CONTENT_DIR), verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
