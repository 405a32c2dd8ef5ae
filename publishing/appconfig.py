"""The base class of an app that holds one kind of entry (publishing.kinds)."""

from django.apps import AppConfig
from django.db.models.signals import post_delete

from . import kinds


class KindAppConfig(AppConfig):
    """The AppConfig of an app that holds one kind of entry: it registers the kind once its
    models are loaded. `entry_model` names the entry model (`Term`); the kind is its name in
    lower case (`term`), its versions and former slugs are `<Entry>Version` and
    `<Entry>FormerSlug`, the names every kind's models go by. Its URL names are in the app's
    namespace: `<kind>` for an entry's page, `index` for the kind's index.

    Subclass it as `appconfig.KindAppConfig`: a second AppConfig class among the names of an
    app's apps.py would stop Django from picking the app's own one."""

    entry_model = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "name" not in vars(cls):  # the app is the package of its apps.py
            cls.name = cls.__module__.rpartition(".")[0]

    def ready(self):
        from . import links  # it imports models, which are loaded only now (Django's ready())

        kind = self.entry_model.lower()
        entry, version, former_slug = (self.get_model(self.entry_model + end) for end in ("", "Version", "FormerSlug"))
        kinds.register(kinds.Kind(
            kind, entry=entry, version=version, former_slug=former_slug,
            detail_view=f"{self.label}:{kind}", index_view=f"{self.label}:index",
        ))  # fmt: skip
        # The link table has no foreign keys to follow: keep it in step with this kind's deletes.
        post_delete.connect(links.version_deleted, sender=version, dispatch_uid=f"links-{kind}-version")
        post_delete.connect(links.entry_deleted, sender=entry, dispatch_uid=f"links-{kind}-entry")
