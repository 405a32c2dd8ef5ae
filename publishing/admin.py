"""Admin pieces both apps share: authors, and the entry / language-version pattern."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from markdownx.admin import MarkdownxModelAdmin

from .models import Author, Language, Status


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]
    prepopulated_fields = {"key": ["name"]}


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


class EntryAdmin(admin.ModelAdmin):
    """The language-neutral row: one click to edit or create each language version."""

    version_model = None  # set by subclasses
    entry_field = ""  # the version's foreign key to the entry
    list_display = ["key", "language_versions"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["key", "versions__title"]
    autocomplete_fields = ["author"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    @admin.display(description=_("language versions"))
    def language_versions(self, obj):
        versions = {version.language: version for version in obj.versions.all()}
        meta = self.version_model._meta
        links = []
        for code, name in Language.choices:
            version = versions.get(code)
            if version is not None:
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[version.pk])
                label = f"✎ {code.upper()} · {version.get_status_display()}"
            else:
                url = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
                url += f"?{self.entry_field}={obj.pk}&language={code}"
                label = f"＋ {code.upper()} · {_('create')}"
            links.append((url, label, name))
        return format_html_join(
            " ", '<a href="{}" title="{}" class="button">{}</a>', ((u, n, lbl) for u, lbl, n in links)
        )


@admin.action(description=_("Publish the selected versions"))
def publish(modeladmin, request, queryset):
    # Saved one by one so that derived fields and first-publication dates are set.
    for version in queryset.exclude(status=Status.PUBLISHED):
        version.status = Status.PUBLISHED
        version.updated_at = timezone.now()
        version.save()


@admin.action(description=_("Unpublish (back to draft)"))
def unpublish(modeladmin, request, queryset):
    for version in queryset.filter(status=Status.PUBLISHED):
        version.status = Status.DRAFT
        version.save()


class VersionAdmin(MarkdownxModelAdmin):
    """A language version: every word, its slug and its status."""

    list_filter = ["language", "status"]
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, unpublish]
    save_on_top = True

    def save_model(self, request, obj, form, change):
        if form.has_changed():
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_reading_time()

    class Media:
        # The status colours live in a stylesheet: the Content Security Policy refuses inline styles.
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html('<strong class="status status-{}">{}</strong>', obj.status, obj.get_status_display())
