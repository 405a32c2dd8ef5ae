from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import pagecache

        # Any content row saved or deleted, any relation changed: every cached page refreshes.
        for model in pagecache.content_models():
            for signal in (post_save, post_delete):
                signal.connect(pagecache.content_changed, sender=model, dispatch_uid=f"pagecache-{model._meta.label}")
            m2m_changed.connect(pagecache.content_changed, sender=model, dispatch_uid=f"pagecache-{model._meta.label}")
