"""The admin's editorial report: it spans every kind of entry, so it lives on the top floor."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from publishing import kinds
from publishing.admin import change_url

from . import reports


def report_permissions() -> list[str]:
    """Seeing every kind's language versions."""
    return [f"{kind.version._meta.app_label}.view_{kind.version._meta.model_name}" for kind in kinds.all_kinds()]


def editorial_report(request):
    """Versions due for review, outdated and missing translations, broken links, citation
    errors, deprecated designations in use, orphans and thinly related entries."""
    if not request.user.has_perms(report_permissions()):
        raise PermissionDenied
    unsourced, uncited = reports.citation_problems()
    context = {
        **admin.site.each_context(request),
        "title": _("Editorial report"),
        "due": [(v, change_url(v)) for v in reports.due_for_review()],
        "outdated": [(v, change_url(v)) for v in reports.outdated_translations()],
        "missing": [(row, change_url(row.entry)) for row in reports.missing_translations()],
        "broken": [(row, change_url(row.source)) for row in reports.broken_links()],
        "unsourced": [(row, change_url(row.source)) for row in unsourced],
        "uncited": [(row, change_url(row.source)) for row in uncited],
        "deprecated": [(version, use, change_url(version)) for version, use in reports.deprecated_uses()],
        "orphans": [(row, change_url(row.entry)) for row in reports.orphans()],
        "thin": [(row, change_url(row.entry)) for row in reports.thinly_related()],
        "min_related": reports.MIN_RELATED,
    }
    return render(request, "admin/publishing/report.html", context)
