"""The admin's list filters for entries and language versions: missing translations, and
filters whose every choice is a method of the versions' QuerySet (workflow, translation,
review; careers adds salary-band verification)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Language


class MissingTranslationFilter(admin.SimpleListFilter):
    """Entries lacking a version in a language (published or not)."""

    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, _("no %(language)s version") % {"language": name}) for code, name in Language.choices]

    def queryset(self, request, queryset):
        if self.value() in Language.values:
            return queryset.exclude(versions__language=self.value())
        return queryset


class QuerySetMethodFilter(admin.SimpleListFilter):
    """A list filter whose every choice is a method of the versions' QuerySet."""

    methods: dict[str, tuple[str, str]] = {}  # choice → (label, QuerySet method)

    def lookups(self, request, model_admin):
        return [(choice, label) for choice, (label, _method) in self.methods.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.methods:
            return queryset
        _label, method = self.methods[self.value()]
        return getattr(queryset, method)()


def method_filter(title, parameter_name: str, methods: dict) -> type[QuerySetMethodFilter]:
    """A QuerySetMethodFilter from its title, its URL parameter and its choices."""
    attributes = {"title": title, "parameter_name": parameter_name, "methods": methods}
    return type(f"{parameter_name.title()}Filter", (QuerySetMethodFilter,), attributes)


WorkflowFilter = method_filter(
    _("workflow"),
    "workflow",
    {"scheduled": (_("scheduled"), "scheduled"), "live": (_("published and visible"), "published")},
)
TranslationFilter = method_filter(
    _("translation"), "translation", {"outdated": (_("outdated (the source changed since)"), "outdated")}
)
ReviewFilter = method_filter(_("review"), "review", {"due": (_("due for review"), "due_for_review")})
