"""Atom feeds of new and updated entries, one per language (Django's syndication framework)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from publishing import kinds, pagetags
from publishing.alternates import reverse_in

FEED_LENGTH = 30


class LatestEntriesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return translation.get_language()

    def title(self, language):
        return _("%(site)s: new and updated entries") % {"site": settings.SITE_NAME}

    def subtitle(self, language):
        return _("Terms and career guides, newest changes first.")

    def link(self, language):
        return reverse_in(language, "home")

    def items(self, language):
        from careers.models import CareerVersion
        from encyclopedia.models import TermVersion

        for kind in kinds.all_kinds():
            pagetags.lists(kind.name, language)
        terms = TermVersion.objects.published().in_language(language).select_related("term__author")
        careers = CareerVersion.objects.published().in_language(language).select_related("career__author")
        latest = list(terms.order_by("-updated_at")[:FEED_LENGTH]) + list(careers.order_by("-updated_at")[:FEED_LENGTH])
        return sorted(latest, key=lambda version: version.updated_at, reverse=True)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "lede", None) or item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        entry = getattr(item, "term", None) or item.career
        return entry.author.name
