"""The registry of entry kinds: what the base knows about the apps, without importing them.

Each app registers its kind from `AppConfig.ready()` (encyclopedia: "term", careers:
"career"); links, auto-link suggestions, the workflow and the top floor (search, sitemaps,
feeds, reports, the loader) ask here instead of naming the apps. Wagtail's ReferenceIndex
keeps a model registry the same way. The kind's `name` is the scheme editors write in
internal links (`[text](term:key)`) and the `kind` of a search result.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Kind:
    name: str
    entry: type[models.Model]  # the language-neutral row (publishing.models.Entry)
    version: type[models.Model]  # one language's words (publishing.models.EntryVersion)
    former_slug: type[models.Model]
    detail_view: str  # URL names: an entry's page ("encyclopedia:term"), the kind's index
    index_view: str

    @property
    def entry_field(self) -> str:
        """The version's foreign key to its entry ("term")."""
        return self.version.entry_field


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    existing = _kinds.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"Another kind is already registered as {kind.name!r}.")
    _kinds[kind.name] = kind


def all_kinds() -> list[Kind]:
    """In registration order (INSTALLED_APPS order): terms first, then careers."""
    return list(_kinds.values())


def names() -> tuple[str, ...]:
    return tuple(_kinds)


def get(name: str) -> Kind:
    return _kinds[name]


def of(obj) -> Kind:
    """The kind of an entry or a version (instance or model)."""
    model = obj if isinstance(obj, type) else type(obj)
    for kind in _kinds.values():
        if issubclass(model, (kind.version, kind.entry)):
            return kind
    raise LookupError(f"{model.__name__} is not a registered kind of entry.")


def registered(model) -> bool:
    """Whether `model` is a registered kind's entry or version model."""
    return any(issubclass(model, (kind.version, kind.entry)) for kind in _kinds.values())


def by_detail_view(view_name: str) -> Kind | None:
    return next((kind for kind in _kinds.values() if kind.detail_view == view_name), None)
