from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from encyclopedia.models import Term
from publishing import services
from publishing.admin import HTTPS_URLS, EntryAdmin, RecordInline, VersionAdmin, child_inline
from publishing.adminfilters import method_filter

from .models import (
    Career,
    CareerFAQ,
    CareerSource,
    CareerVersion,
    OccupationCode,
    PortfolioIdea,
    RoadmapPhase,
    SalaryBand,
)

# A band's figures and where they come from, as both the inline and the list show them.
BAND_FIGURES = ["region", "area", "currency", "statistic", "low", "median", "high", "source_name"]


class SalaryBandInline(admin.StackedInline):
    model = SalaryBand
    extra = 0
    fields = [
        ("position", "region", "area", "currency"),
        ("statistic", "period", "pay_concept"),
        ("low", "p25", "median", "p75", "high"),
        "flags",
        ("source_name", "occupation", "importer"),
        "source_url",
        ("dataset", "reference_year", "reference_period"),
        ("licence", "retrieved_on", "verified_on"),
    ]
    readonly_fields = ["importer"]
    formfield_overrides = HTTPS_URLS


class OccupationCodeInline(RecordInline):
    """The crosswalk: where official classifications file the role."""

    model = OccupationCode
    fields = ["position", "classification", "code", "title", "match", "url", "verified_on"]


class TermLinkInline(admin.TabularInline):
    """The term ↔ role edges, editable from the career too (one table, Term.related_careers)."""

    model = Term.related_careers.through
    extra = 0
    autocomplete_fields = ["term"]
    verbose_name = _("term linked to this role")
    verbose_name_plural = _("terms linked to this role")


@admin.register(Career)
class CareerAdmin(EntryAdmin):
    version_model = CareerVersion
    autocomplete_fields = ["author", "related_careers"]
    fields = ["key", "author", "review_days", "weekly_hours", "related_careers"]
    inlines = [OccupationCodeInline, SalaryBandInline, TermLinkInline]


class PhaseInline(admin.StackedInline):
    model = RoadmapPhase
    extra = 0
    fields = ["position", "title", ("week_start", "week_end"), "description", "terms"]
    autocomplete_fields = ["terms"]


@admin.register(CareerVersion)
class CareerVersionAdmin(VersionAdmin):
    list_display = ["title", "language", "status_badge", "career", "updated_at", "next_review"]
    search_fields = ["title", "slug", "summary", "career__key"]
    autocomplete_fields = ["career"]
    list_select_related = ["career"]
    inlines = [PhaseInline, child_inline(PortfolioIdea), child_inline(CareerFAQ), child_inline(CareerSource)]
    fieldsets = [
        (None, {"fields": ["career", "language"]}),
        VersionAdmin.workflow_fieldset,
        (_("Title"), {"fields": ["title", "slug", "summary", "tags"]}),
        (_("Body (Markdown)"), {"fields": ["overview"]}),
        VersionAdmin.suggestions_fieldset,
        VersionAdmin.terminology_fieldset,
        VersionAdmin.translation_fieldset,
    ]


VerificationFilter = method_filter(
    _("verification"),
    "verification",
    {
        "to_verify": (_("to be verified (never verified or stale)"), "to_verify"),
        "stale": (_("stale (verified more than 12 months ago)"), "stale"),
        "fresh": (_("verified in the last 12 months"), "fresh"),
    },
)


@admin.register(SalaryBand)
class SalaryBandAdmin(admin.ModelAdmin):
    list_display = ["career", *BAND_FIGURES, "reference_year", "verified_on", "verified_by", "fresh"]
    list_filter = [VerificationFilter, "importer", "region", "reference_year"]
    list_select_related = ["career", "verified_by"]
    search_fields = ["career__key", "source_name", "region"]
    autocomplete_fields = ["career"]
    readonly_fields = ["verified_by", "importer"]
    formfield_overrides = HTTPS_URLS
    actions = ["mark_verified_today"]

    @admin.display(boolean=True, description=_("fresh"))
    def fresh(self, obj):
        return obj.is_fresh()

    @admin.action(description=_("Mark verified today (records you as the verifier)"))
    def mark_verified_today(self, request, queryset):
        count = queryset.update(verified_on=timezone.localdate(), verified_by=request.user)
        # update() sends no model signal; the pages show the verification state.
        services.content_changed.send(sender=SalaryBand)
        self.message_user(
            request,
            ngettext("%(count)d band marked verified.", "%(count)d bands marked verified.", count) % {"count": count},
            messages.SUCCESS,
        )


CodeVerificationFilter = method_filter(
    _("verification"), "checked", {"no": (_("to be verified"), "to_verify"), "yes": (_("checked"), "checked")}
)


@admin.register(OccupationCode)
class OccupationCodeAdmin(admin.ModelAdmin):
    list_display = ["career", "classification", "code", "title", "match", "verified_on"]
    list_filter = [CodeVerificationFilter, "classification", "match"]
    list_select_related = ["career"]
    search_fields = ["career__key", "code", "title"]
    autocomplete_fields = ["career"]
    formfield_overrides = HTTPS_URLS
