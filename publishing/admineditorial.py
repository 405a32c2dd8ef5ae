"""What the change form of a version offers the editor from the editorial checks: links to
other entries it mentions (publishing.autolink) and deprecated designations it uses
(publishing.terminology), each with a button; nothing is written until the editor presses
it, and then through the write path (a new revision)."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import autolink, services, terminology

ACTIONS = ("_accept_suggestion", "_replace_deprecated", "_keep_deprecated")


def url_name(model, action: str) -> str:
    """Django's name of an admin page of a model ("encyclopedia_termversion_change")."""
    meta = model._meta
    return f"{meta.app_label}_{meta.model_name}_{action}"


def change_url(obj) -> str:
    return reverse(f"admin:{url_name(obj, 'change')}", args=[obj.pk])


class EditorialChecksMixin:
    suggestions_fieldset = (
        _("Link suggestions"),
        {
            "fields": ["link_suggestion_list"],
            "description": _("Other entries mentioned in the text. Nothing is linked until you accept."),
        },
    )
    terminology_fieldset = (
        _("Terminology"),
        {
            "fields": ["deprecated_use_list", "intentional_uses"],
            "description": _(
                "Designations deprecated in this language that the text uses. Nothing is replaced until you ask; "
                "check the sentence's agreement afterwards."
            ),
        },
    )

    def editorial_action(self, request, version):
        """After the save: the button the editor pressed, if any."""
        if request.POST.get("_accept_suggestion"):
            self.accept_suggestion(request, version, request.POST["_accept_suggestion"])
        elif request.POST.get("_replace_deprecated"):
            self.replace_deprecated(request, version, request.POST["_replace_deprecated"])
        elif request.POST.get("_keep_deprecated"):
            self.keep_deprecated(request, version, request.POST["_keep_deprecated"])

    def accept_suggestion(self, request, version, wanted: str):
        """Write the accepted link into the Markdown and save again (a new revision)."""
        index = next((i for i, s in enumerate(version.link_suggestions) if f"{s['kind']}:{s['key']}" == wanted), None)
        try:
            suggestion = autolink.apply_suggestion(version, -1 if index is None else index)
        except autolink.StaleSuggestion as error:
            self.message_user(request, str(error), messages.WARNING)
            return
        self.save_words(version)
        self.message_user(
            request,
            _("Linked “%(mention)s” to %(label)s.") % {"mention": suggestion.mention, "label": suggestion.label},
            messages.SUCCESS,
        )

    def replace_deprecated(self, request, version, token: str):
        """Write the preferred designation in place of one occurrence, and save."""
        try:
            row, use = terminology.replace(version, token)
        except terminology.StaleUse as error:
            self.message_user(request, str(error), messages.WARNING)
            return
        self.save_words(version, row)
        self.message_user(
            request,
            _("Replaced “%(mention)s” with “%(preferred)s” (%(where)s).")
            % {"mention": use.mention, "preferred": use.replacement, "where": use.where},
            messages.SUCCESS,
        )

    def keep_deprecated(self, request, version, mention: str):
        """The text uses this designation on purpose: the checks no longer report it here."""
        kept = [line for line in version.intentional_uses.splitlines() if line.strip()]
        if mention.strip() and mention.strip() not in kept:
            version.intentional_uses = "\n".join([*kept, mention.strip()])
            services.save_version(version=version)
        self.message_user(request, _("“%(mention)s” is used on purpose here.") % {"mention": mention}, messages.INFO)

    def save_words(self, version, row=None):
        version.updated_at = timezone.now()
        children = [] if row is None or row is version else [lambda _version: row.save()]
        services.save_version(version=version, inlines=children, words_changed=True)

    def response_change(self, request, obj):
        if any(request.POST.get(name) for name in ACTIONS):
            return HttpResponseRedirect(change_url(obj))
        return super().response_change(request, obj)

    @admin.display(description=_("suggestions"))
    def link_suggestion_list(self, obj):
        if not obj.link_suggestions:  # unsaved: none yet (they are found on save)
            return _("No suggestion: no other entry's name is mentioned without a link.")
        rows = (
            (
                s["mention"],
                s["label"],
                obj._meta.get_field(s["field"]).verbose_name,
                f"{s['kind']}:{s['key']}",
                _("Accept"),
            )
            for s in obj.link_suggestions
        )
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>“{}” → {} <small>({})</small> "
                '<button type="submit" class="button" name="_accept_suggestion" value="{}">{}</button></li>',
                rows,
            ),
        )

    @admin.display(description=_("deprecated terms in use"))
    def deprecated_use_list(self, obj):
        found = terminology.uses(obj) if obj.pk else []
        if not found:
            return _("None: the text uses no designation deprecated in its language.")
        rows = (
            (use.mention, use.replacement, use.where, use.token, _("Replace"), use.deprecated, _("Used on purpose"))
            for use in found
        )
        return format_html(
            '<ul class="deprecated-uses">{}</ul>',
            format_html_join(
                "",
                "<li>“{}” → “{}” <small>({})</small> "
                '<button type="submit" class="button" name="_replace_deprecated" value="{}">{}</button> '
                '<button type="submit" class="button" name="_keep_deprecated" value="{}">{}</button></li>',
                rows,
            ),
        )
