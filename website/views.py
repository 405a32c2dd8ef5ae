import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from publishing import kinds, pagetags
from publishing.choices import Language
from publishing.markdown import render_preview

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The search pages' path segment (the search issue routes it); kept out of the index.
SEARCH_PATH = gettext_lazy("search/")


def root_redirect(request):
    """`/` → `/fr/` or `/en/` by the browser's language, French when in doubt."""
    language = translation.get_language_from_request(request)
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def robots_txt(request):
    """Keep the admin and search results out of the index; point at the sitemap."""
    lines = ["User-agent: *", f"Disallow: /{settings.ADMIN_PATH}"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: /{code}/{SEARCH_PATH}")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def home(request):
    from careers.models import CareerVersion
    from encyclopedia.models import TermVersion

    language = request.LANGUAGE_CODE
    for kind in kinds.all_kinds():  # counts, recent terms, featured guides
        pagetags.lists(kind.name, language)
    terms = TermVersion.objects.published().in_language(language)
    careers = CareerVersion.objects.published().in_language(language)
    return render(
        request,
        "home.html",
        {
            "term_count": terms.count(),
            "career_count": careers.count(),
            "recent_terms": terms.for_list().order_by("-updated_at", "name")[:6],
            "featured_careers": careers.select_related("career").order_by("title")[:6],
            "meta_title": _("AI terms explained, AI careers mapped"),
        },
    )


def language_from_path(path: str, default: str | None = None) -> str:
    """The path's language prefix if it is one of ours, else `default` (French)."""
    prefix = path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in LANGUAGE_CODES else (default or settings.LANGUAGE_CODE)


def page_not_found(request, exception=None):
    """A helpful 404 in the page's language: the prefix if it is one of ours, else the browser's."""
    with translation.override(language_from_path(request.path, translation.get_language())):
        context = {"requested_path": request.path, "meta_title": _("Page not found")}
        return render(request, "404.html", context, status=404)


def bad_request(request, exception=None):
    """400 (a malformed or disallowed request) in the page's language, without any detail."""
    message = gettext_lazy(
        "Your browser sent a request this site cannot read. Check the address, or start again from the home page."
    )
    return _error_page(request, 400, gettext_lazy("Bad request"), message)


def permission_denied(request, exception=None):
    """403 in the page's language; why access was refused is not said."""
    message = gettext_lazy("You do not have access to this page.")
    return _error_page(request, 403, gettext_lazy("Access denied"), message)


def csrf_failure(request, reason=""):
    """A refused form (missing or stale CSRF token): a 403 that says to reload, not why in detail."""
    message = gettext_lazy(
        "This form could not be accepted: it has expired, or your browser did not send this site’s cookie. "
        "Reload the page, then send the form again."
    )
    return _error_page(request, 403, gettext_lazy("Form expired"), message)


def _error_page(request, status: int, title, message):
    """Error pages build no absolute URL: the Host header may be the very thing that was refused."""
    with translation.override(language_from_path(request.path, translation.get_language())):
        context = {"meta_title": str(title), "message": str(message), "status": status}
        return render(request, "error.html", context, status=status)


# Seconds a reader (or a crawler) is asked to wait when the database does not answer.
RETRY_AFTER = 30


def server_error(request):
    """Rendered without context processors or database: whatever broke may be either.

    The database not answering (stopped, unreachable, out of connections) is an outage, not
    a bug: 503 with `Retry-After`, in the page's language. Pages the cache stored are still
    served (website.pagecache needs no query for them); this is everything else."""
    error = sys.exc_info()[1]
    outage = isinstance(error, (OperationalError, InterfaceError))
    status = 503 if outage else 500
    with translation.override(language_from_path(request.path)):
        context = {"LANGUAGE_CODE": translation.get_language(), "outage": outage, "status": status}
        html = loader.get_template("500.html").render(context)
    response = HttpResponse(html, status=status)
    if outage:
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
    return response


@require_POST
def markdown_preview(request):
    """The admin's live preview: the same renderer as on save, for staff only (CSRF applies)."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("content is required")
    # The editor's address names the version's language (publishing.admin.PreviewWidget);
    # French, the site's first language, when it does not.
    language = request.GET.get("language")
    return HttpResponse(render_preview(content, language=language if language in Language.values else Language.FR))


def upload_disabled(request):
    """markdownx's image upload address: images are not uploaded here (README, Security)."""
    raise Http404
