from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import links

        # The kinds register after this app is ready: the receiver asks the registry when called.
        post_delete.connect(links.row_deleted, dispatch_uid="publishing-links")
