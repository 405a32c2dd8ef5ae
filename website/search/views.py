from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from encyclopedia.models import Category
from publishing import kinds

from .engine import PageOutOfRange, search
from .query import MAX_QUERY_LENGTH, clean


def page_number(value: str) -> tuple[int, bool]:
    """(page, valid): a page that is not a positive whole number falls back to 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1, value in (None, "")
    return (number, True) if number >= 1 else (1, False)


def search_view(request):
    language = request.LANGUAGE_CODE
    raw = request.GET.get("q", "")
    text = clean(raw)
    kind = request.GET.get("type", "")
    kind = kind if kind in kinds.names() else ""
    categories = list(Category.objects.all())
    category_slug = request.GET.get("category", "")
    category = next((c for c in categories if c.slug(language) == category_slug), None)
    page, valid_page = page_number(request.GET.get("page"))
    notices = []
    if len(raw) > MAX_QUERY_LENGTH:
        notices.append(_("Your search was shortened to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH})
    if not valid_page:
        notices.append(_("That page number is not valid; here is the first page."))
    if (request.GET.get("type") and not kind) or (category_slug and category is None):
        notices.append(_("An unknown filter was ignored."))
    try:
        results = search(text, language=language, kind=kind, category=category, page=page)
    except PageOutOfRange:
        raise Http404(_("There is no such page of results.")) from None
    context = {
        "q": text,
        "results": results,
        "kind": kind,
        "category": category,
        "category_slug": category.slug(language) if category else "",
        "categories": categories,
        "notices": notices,
        "meta_title": _("Search: %(query)s") % {"query": text} if text else _("Search"),
    }
    return render(request, "search.html", context)
