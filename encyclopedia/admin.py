from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing import services
from publishing.admin import EntryAdmin, VersionAdmin, child_inline

from .models import Category, Takeaway, Term, TermDesignation, TermFAQ, TermSource, TermVersion


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "key", "review_days"]
    search_fields = ["key", "name_fr", "name_en"]
    prepopulated_fields = {"slug_fr": ["name_fr"], "slug_en": ["name_en"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "review_days" in form.changed_data:
            services.reschedule_reviews(TermVersion.objects.filter(term__category=obj).for_review())


@admin.register(Term)
class TermAdmin(EntryAdmin):
    version_model = TermVersion
    list_display = ["key", "category", "language_versions"]
    list_filter = ["category", *EntryAdmin.list_filter]
    list_select_related = ["category"]
    autocomplete_fields = ["author", "category", "related_terms", "related_careers"]
    fields = ["key", "category", "author", "review_days", "related_terms", "related_careers"]
    review_fields = {"review_days", "category"}


@admin.register(TermVersion)
class TermVersionAdmin(VersionAdmin):
    list_display = ["name", "title", "language", "status_badge", "term", "updated_at", "next_review"]
    list_filter = [*VersionAdmin.list_filter, "term__category"]
    list_select_related = ["term"]
    search_fields = ["name", "title", "slug", "aliases", "term__key"]
    autocomplete_fields = ["term"]
    inlines = [child_inline(TermDesignation), child_inline(Takeaway), child_inline(TermFAQ), child_inline(TermSource)]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["term", "language"]}),
        VersionAdmin.workflow_fieldset,
        (_("Title"), {"fields": ["name", "slug", "title", "lede", "tags"]}),
        (_("Body (Markdown)"), {"fields": ["definition", "analogy", "market"]}),
        VersionAdmin.suggestions_fieldset,
        VersionAdmin.terminology_fieldset,
        (_("Call to action"), {"fields": ["cta_title", "cta_text", "cta_url"]}),
        VersionAdmin.translation_fieldset,
    ]
