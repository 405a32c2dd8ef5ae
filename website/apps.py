from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class WebsiteConfig(AppConfig):
    """The top floor: what spans every kind of entry (search, feeds, sitemaps, the loader,
    reports, the page cache). Its `ready()` wires the write path's signals to the search
    index and the page cache; the apps below know nothing of either."""

    name = "website"

    def ready(self):
        from publishing import kinds, services

        from . import pagecache, search

        services.version_saved.connect(search.version_saved, dispatch_uid="search-index")
        for kind in kinds.all_kinds():
            post_delete.connect(search.version_deleted, sender=kind.version, dispatch_uid=f"search-{kind.name}")
        # Any content row saved or deleted, any relation changed: every cached page refreshes.
        services.content_changed.connect(pagecache.content_changed, dispatch_uid="pagecache-content")
        for model in pagecache.content_models():
            for signal in (post_save, post_delete):
                signal.connect(pagecache.content_changed, sender=model, dispatch_uid=f"pagecache-{model._meta.label}")
            m2m_changed.connect(pagecache.content_changed, sender=model, dispatch_uid=f"pagecache-{model._meta.label}")
