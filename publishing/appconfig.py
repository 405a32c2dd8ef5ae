"""The base class of an app that holds one kind of entry (publishing.kinds)."""

from django.apps import AppConfig
from django.db.models.signals import post_delete

from . import kinds


class KindAppConfig(AppConfig):
    """The AppConfig of an app that holds one kind of entry: it registers the kind once its
    models are loaded. `kind_models` names the entry, version and former-slug models.

    Subclass it as `appconfig.KindAppConfig`: a second AppConfig class among the names of an
    app's apps.py would stop Django from picking the app's own one."""

    kind = ""
    kind_models: tuple[str, str, str] = ("", "", "")

    def ready(self):
        from . import links  # it imports models, which are loaded only now (Django's ready())

        entry, version, former_slug = (self.get_model(name) for name in self.kind_models)
        kinds.register(kinds.Kind(self.kind, entry=entry, version=version, former_slug=former_slug))
        # The link table has no foreign keys to follow: keep it in step with this kind's deletes.
        post_delete.connect(links.version_deleted, sender=version, dispatch_uid=f"links-{self.kind}-version")
        post_delete.connect(links.entry_deleted, sender=entry, dispatch_uid=f"links-{self.kind}-entry")
