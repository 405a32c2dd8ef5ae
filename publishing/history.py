"""History of language versions (django-reversion): the list, a diff between two versions,
and a snapshot of the current state before any restore, so that a restore loses nothing.

The diff is ours: each version becomes a list of (field, text) — inlines included — and
difflib compares them line by line; the template escapes every line."""

import difflib
from dataclasses import dataclass, field

import reversion
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.managers import TaggableManager

# Fields a reader of the diff does not need: derived HTML, internals.
HIDDEN = {
    "search_vector", "link_suggestions", "revision", "reading_minutes", "sort_name", "initial", "position",
    "number", "citations",  # a source's, derived from the texts (publishing.sources)
}  # fmt: skip


@dataclass
class FieldDiff:
    label: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # ("same" | "removed" | "added", text)


def shown_fields(model, parent=None):
    # Tags (django-taggit) are not kept by django-reversion: they are left out of the diff.
    fields = [
        *model._meta.concrete_fields,
        *(f for f in model._meta.many_to_many if not isinstance(f, TaggableManager)),
    ]
    return [
        f for f in fields
        if f.name not in HIDDEN and not f.name.endswith("_html") and not f.primary_key
        and (parent is None or f.related_model is not parent)
    ]  # fmt: skip


def as_text(field, value) -> str:
    """A stored value as a reader knows it: related rows by name, not by id."""
    if value is None:
        return ""
    if field.is_relation:
        ids = list(value) if isinstance(value, (list, tuple, set)) else [value]
        return "\n".join(sorted(str(row) for row in field.related_model._default_manager.filter(pk__in=ids)))
    return str(value)


def document(version: Version) -> list[tuple[str, str]]:
    """(label, text) of a stored version: its own fields, then its inlines by position."""
    model = version._model
    data = version.field_dict
    rows = [(str(f.verbose_name), as_text(f, data.get(f.attname))) for f in shown_fields(model)]
    children = []
    for child in version.revision.version_set.exclude(pk=version.pk):
        child_model = child._model
        parent = next(
            (f for f in child_model._meta.concrete_fields if f.is_relation and f.related_model is model), None
        )
        if parent is None or str(child.field_dict.get(parent.attname)) != str(version.object_id):
            continue
        child_data = child.field_dict
        text = "\n".join(as_text(f, child_data.get(f.attname)) for f in shown_fields(child_model, parent=model))
        children.append((str(child_model._meta.verbose_name), child_data.get("position", 0), child.object_id, text))
    counts: dict[str, int] = {}
    for label, _position, _pk, text in sorted(children, key=lambda c: (c[0], c[1], int(c[2]))):
        counts[label] = counts.get(label, 0) + 1
        rows.append((f"{label} ({counts[label]})", text))
    return rows


def diff(older: list[tuple[str, str]], newer: list[tuple[str, str]]) -> list[FieldDiff]:
    """The fields that differ, each as lines kept, removed and added."""
    before, after = dict(older), dict(newer)
    labels = [label for label, _text in newer] + [label for label, _text in older if label not in after]
    changes = []
    for label in labels:
        a, b = before.get(label, ""), after.get(label, "")
        if a == b:
            continue
        change = FieldDiff(label)
        for line in difflib.ndiff(a.splitlines(), b.splitlines()):
            code, text = line[:2], line[2:]
            if code in ("  ", "- ", "+ "):
                change.lines.append(({"  ": "same", "- ": "removed", "+ ": "added"}[code], text))
        changes.append(change)
    return changes


def revisions_of(model, object_id) -> list[Version]:
    """The object's history records (django-reversion calls each a Version), newest first."""
    return list(Version.objects.get_for_object_reference(model, unquote(object_id)).select_related("revision__user"))


def snapshot_before_restore(model_admin, request, object_id):
    """Record the current state (with its inlines) as a revision before it is replaced."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_change_permission(request, obj):
        return None
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(_("State before a restore (kept so that nothing is lost)"))
        reversion.add_to_revision(obj)
    return obj


def pick(revisions: list[Version], value, default):
    if value in (None, ""):
        return default
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        raise Http404(_("No such revision.")) from None
    found = next((v for v in revisions if v.pk == wanted), None)
    if found is None:
        raise Http404(_("No such revision."))
    return found


def compare_view(model_admin, request, object_id):
    """Staff with the right to see the object: the differences between two of its versions."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(_("No such object."))
    if not model_admin.has_view_or_change_permission(request, obj):
        raise PermissionDenied
    revisions = revisions_of(model_admin.model, object_id)  # newest first
    newer = pick(revisions, request.GET.get("to"), revisions[0] if revisions else None)
    older = pick(revisions, request.GET.get("from"), revisions[1] if len(revisions) > 1 else None)
    changes = diff(document(older), document(newer)) if older and newer else []
    meta = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": meta,
        "object": obj,
        "title": _("Compare revisions of %(name)s") % {"name": obj},
        "revisions": revisions,
        "older": older,
        "newer": newer,
        "changes": changes,
    }
    return render(request, "admin/publishing/compare.html", context)
