"""Admin pieces both apps share: authors, and the entry / language-version pattern, with
history (django-reversion), the workflow, translation status and link suggestions."""

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from markdownx.admin import MarkdownxModelAdmin
from markdownx.widgets import AdminMarkdownxWidget, MarkdownxWidget
from reversion.admin import VersionAdmin as HistoryAdmin

from . import history, services, workflow
from .admineditorial import EditorialChecksMixin, change_url, url_name
from .adminfilters import MissingTranslationFilter, ReviewFilter, TranslationFilter, WorkflowFilter
from .alternates import each_language
from .children import FAQ
from .models import Author, Language, Status
from .sources import Source
from .terminology import Designation

# Kept out of history: derived, or bookkeeping that a restore must not move backwards.
HISTORY_EXCLUDE = ["search_vector", "link_suggestions", "revision", "reading_minutes", "next_review"]
# Changes to these are workflow, not words: they do not make translations outdated.
WORKFLOW_FIELDS = {"status", "published_at", "updated_at", "translated_from", "sync_translation"}


class TextItemInline(admin.TabularInline):
    """One line of text in a list, in order (takeaways, portfolio ideas)."""

    extra = 1
    fields = ["position", "text"]


class FAQInline(admin.StackedInline):
    extra = 1
    fields = ["position", "question", "answer"]


# An address typed without a scheme is taken as https (Django 6's default, asked for now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class RecordInline(admin.TabularInline):
    """Rows of a list one per line, with an address (designations, occupation codes)."""

    extra = 0
    formfield_overrides = HTTPS_URLS


class DesignationInline(RecordInline):
    fields = ["position", "term", "status", "authority", "date", "region", "url"]


class SourceInline(admin.StackedInline):
    extra = 0
    fields = [("position", "key", "kind"), "title", ("author", "date"), "url", ("accessed", "locator")]
    formfield_overrides = HTTPS_URLS


def child_inline(model) -> type[admin.options.InlineModelAdmin]:
    """The inline of one kind's FAQ, source, designation or list-line model (publishing.children.FAQ,
    publishing.sources.Source, publishing.terminology.Designation, TextItem)."""
    bases = {FAQ: FAQInline, Source: SourceInline, Designation: DesignationInline}
    base = next((inline for parent, inline in bases.items() if issubclass(model, parent)), TextItemInline)
    return type(f"{model.__name__}Inline", (base,), {"model": model})


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "key"]
    search_fields = ["name", "key"]
    prepopulated_fields = {"key": ["name"]}


class HistoryMixin(HistoryAdmin):
    """django-reversion's history and restore, plus a diff of any two versions; a restore
    first records the current state, so that nothing is ever lost by restoring."""

    object_history_template = "admin/publishing/version_history.html"

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring keeps the current state in history first: nothing is lost by a restore."""
        if request.method != "POST":
            return super().revision_view(request, object_id, version_id, extra_context)
        with transaction.atomic():
            current = history.snapshot_before_restore(self, request, object_id)
            response = super().revision_view(request, object_id, version_id, extra_context)
            if current is not None and response.status_code == 302:  # restored and saved
                services.finish_restore(version=self.model.objects.get(pk=current.pk), before=current)
        return response

    def history_view(self, request, object_id, extra_context=None):
        context = {"revisions": history.revisions_of(self.model, object_id), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=url_name(self.model, "compare"),
        )
        return [compare, *super().get_urls()]

    def compare_view(self, request, object_id):
        return history.compare_view(self, request, object_id)


class EntryAdmin(HistoryMixin):
    """The language-neutral row: one click to edit or create each language version."""

    change_list_template = "admin/publishing/change_list.html"
    version_model = None  # set by subclasses
    list_display = ["key", "language_versions"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["key", "versions__title"]
    autocomplete_fields = ["author"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    review_fields = {"review_days"}  # what a version's next review depends on (publishing.review)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and self.review_fields & set(form.changed_data):
            services.reschedule_reviews(obj.versions.all())

    @admin.display(description=_("language versions"))
    def language_versions(self, obj):
        versions = list(obj.versions.all())
        links = []
        for code, version in each_language(versions):
            if version is not None:
                url = change_url(version)
                label = f"✎ {code.upper()} · {version.get_status_display()}"
            else:
                url = reverse(f"admin:{url_name(self.version_model, 'add')}")
                url += f"?{self.version_model.entry_field}={obj.pk}&language={code}"
                other = next((v.language for v in versions), "")
                url += f"&translated_from={other}" if other else ""
                label = f"＋ {code.upper()} · {_('create')}"
            links.append((url, label, Language(code).label))
        return format_html_join(
            " ", '<a href="{}" title="{}" class="button">{}</a>', ((u, n, lbl) for u, lbl, n in links)
        )


@admin.action(description=_("Publish the selected versions (now, or on their scheduled date)"))
def publish(modeladmin, request, queryset):
    # Saved one by one so that derived fields and publication dates are set; you are the reviewer.
    done = each_version(queryset.exclude(status=Status.PUBLISHED), lambda v: services.publish(v, request.user))
    say = ngettext("%(count)d version published.", "%(count)d versions published.", done)
    modeladmin.message_user(request, say % {"count": done})


@admin.action(description=_("Mark reviewed today (records you as the reviewer)"))
def mark_reviewed(modeladmin, request, queryset):
    done = each_version(queryset, lambda v: services.mark_reviewed(v, request.user))
    say = ngettext("%(count)d version reviewed.", "%(count)d versions reviewed.", done)
    modeladmin.message_user(request, say % {"count": done})


def each_version(versions, step) -> int:
    """Apply a write-path step to each version, one by one; how many there were."""
    versions = list(versions)
    for version in versions:
        step(version)
    return len(versions)


@admin.action(description=_("Send to review"))
def send_to_review(modeladmin, request, queryset):
    each_version(queryset.filter(status=Status.DRAFT), lambda v: services.set_status(v, Status.IN_REVIEW))


@admin.action(description=_("Unpublish (back to draft)"))
def unpublish(modeladmin, request, queryset):
    each_version(queryset.exclude(status=Status.DRAFT), lambda v: services.set_status(v, Status.DRAFT))


class VersionForm(forms.ModelForm):
    sync_translation = forms.BooleanField(
        required=False,
        label=_("This translation is up to date with its source"),
        help_text=_("Tick after bringing the text in line with the language version it was translated from."),
    )


class PreviewWidget(AdminMarkdownxWidget):
    """markdownx's editor whose live preview renders in the version's language, French
    typography included: it posts to the preview address with `?language=`."""

    def __init__(self, attrs=None, *, language: str):
        super().__init__(attrs)
        self.language = language

    def add_markdownx_attrs(self, attrs):
        attrs = super().add_markdownx_attrs(attrs)
        attrs["data-markdownx-urls-path"] += "?" + urlencode({"language": self.language})
        return attrs


def preview_in(form_class, language: str):
    """Every Markdown field of the form previews in `language`."""
    for field in form_class.base_fields.values():
        if isinstance(field.widget, MarkdownxWidget):
            field.widget = PreviewWidget(field.widget.attrs, language=language)
    return form_class


class VersionAdmin(HistoryMixin, EditorialChecksMixin, MarkdownxModelAdmin):
    """A language version: every word, its slug, its workflow state, its history."""

    form = VersionForm
    list_filter = ["language", "status", WorkflowFilter, TranslationFilter, ReviewFilter]
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, mark_reviewed, send_to_review, unpublish]
    save_on_top = True
    readonly_fields = [
        "reviewed_by", "reviewed_at", "next_review", "translation_state", "link_suggestion_list", "deprecated_use_list"
    ]  # fmt: skip
    change_list_template = "admin/publishing/change_list.html"
    workflow_fieldset = (
        _("Workflow"),
        {"fields": ["status", "published_at", "reviewed_by", "reviewed_at", "next_review", "updated_at"]},
    )
    translation_fieldset = (
        _("Translation"),
        {"fields": ["translated_from", "translation_state", "sync_translation"]},
    )

    def reversion_register(self, model, **kwargs):
        # django-reversion registers the version when the admin is registered, following the
        # child models its inlines edit, so that a revision holds them; derived fields stay out.
        if model is self.model:
            kwargs["exclude"] = HISTORY_EXCLUDE
        super().reversion_register(model, **kwargs)

    def preview_language(self, request, obj) -> str:
        """The version's language; on the add page the one its link asks for, else French."""
        if obj is not None:
            return obj.language
        asked = request.GET.get("language")
        return asked if asked in Language.values else Language.FR

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return preview_in(form, self.preview_language(request, obj))

    def get_formsets_with_inlines(self, request, obj=None):
        language = self.preview_language(request, obj)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            preview_in(formset.form, language)
            yield formset, inline

    def save_model(self, request, obj, form, change):
        if form.has_changed():
            obj.updated_at = timezone.now()
        became_published = "status" in form.changed_data and obj.status == Status.PUBLISHED
        if became_published or (obj.status == Status.PUBLISHED and not obj.reviewed_at):
            workflow.record_review(obj, request.user)
        if form.cleaned_data.get("sync_translation") or (obj.translated_from and obj.source_revision is None):
            workflow.sync_with_source(obj)
        if not obj.translated_from:
            obj.source_revision = None
        # The row is saved with its inlines, through the write path, in save_related.

    def save_related(self, request, form, formsets, change):
        version = form.instance

        def write_inlines(_version):
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        services.save_version(
            version=version,
            inlines=[write_inlines],
            words_changed=bool(set(form.changed_data) - WORKFLOW_FIELDS) or any(fs.has_changed() for fs in formsets),
        )
        self.editorial_action(request, version)

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            label = _("Scheduled: %(date)s") % {"date": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")}
            return format_html('<strong class="status status-scheduled">{}</strong>', label)
        return format_html('<strong class="status status-{}">{}</strong>', obj.status, obj.get_status_display())

    @admin.display(description=_("translation status"))
    def translation_state(self, obj):
        if not obj.pk or not obj.translated_from:
            return _("Not a translation (or its source is not recorded).")
        siblings = type(obj).objects.filter(**{obj.entry_field: obj.entry}).only("language", "revision", "slug")
        source = obj.translation_source(list(siblings))
        if source is None:
            return _("The source language version does not exist.")
        if obj.is_outdated(source):
            url = change_url(source)
            return format_html(
                '<strong class="status status-outdated">{}</strong> <a href="{}">{}</a>',
                _("Outdated: the source changed since (revision %(now)s, translated from %(then)s).")
                % {"now": source.revision, "then": obj.source_revision},
                url,
                _("open the source"),
            )
        return _("Up to date with the source (revision %(revision)s).") % {"revision": source.revision}
