from django.conf import settings
from django.utils import translation

from .alternates import page_alternates


def site(request):
    """What every page's frame needs; views may pass their own `alternates` to override."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "site_name": settings.SITE_NAME,
        "alternates": page_alternates(request, language),
    }
