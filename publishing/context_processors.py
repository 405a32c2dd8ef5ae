from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .alternates import page_alternates


def site(request):
    """What every page's frame needs; views may pass their own `alternates` to override."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "site_name": settings.SITE_NAME,
        "content_licence": settings.CONTENT_LICENCE,
        # Lazy: entry and index views pass their own, so URL resolving is skipped for them.
        "alternates": SimpleLazyObject(lambda: page_alternates(request, language)),
        "meta_title": "",
        "meta_description": _("A bilingual encyclopedia of AI terms and career guides for AI roles."),
        "json_ld": [],
    }
