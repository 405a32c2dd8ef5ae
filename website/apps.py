from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class WebsiteConfig(AppConfig):
    """The top floor: what spans every kind of entry (search, feeds, sitemaps, the loader,
    reports, the page cache). Its `ready()` wires the write path's signals to the search
    index and the page cache; the apps below know nothing of either."""

    name = "website"

    def ready(self):
        from publishing import kinds, services

        from . import pagesignals, search
        from .opendata import store

        services.version_saved.connect(search.version_saved, dispatch_uid="search-index")
        for kind in kinds.all_kinds():
            post_delete.connect(search.version_deleted, sender=kind.version, dispatch_uid=f"search-{kind.name}")
        # The page cache refreshes the pages a change shows on (publishing.changes): the
        # write path's one signal, and any content row saved, deleted or related elsewhere.
        services.version_saved.connect(pagesignals.version_saved, dispatch_uid="pagecache-version")
        services.content_changed.connect(pagesignals.content_changed, dispatch_uid="pagecache-content")
        for model in pagesignals.content_models():
            uid = f"pagecache-{model._meta.label}"
            post_save.connect(pagesignals.row_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(pagesignals.row_deleted, sender=model, dispatch_uid=uid)
            m2m_changed.connect(pagesignals.relation_changed, sender=model, dispatch_uid=uid)
        # The bulk downloads are rebuilt after any content change (website.opendata.store).
        services.content_changed.connect(store.content_changed, dispatch_uid="downloads-content")
        for model in pagesignals.content_models():
            uid = f"downloads-{model._meta.label}"
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(store.content_changed, sender=model, dispatch_uid=uid, weak=False)
