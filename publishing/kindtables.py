"""The tables every kind has, declared once: its versions' FAQs and sources (the base reads
them as `version.faqs` and `version.sources`: the loader, the citation numbering, the entry
page) and its entries' former slugs (`entry.former_slugs`, the 301s), rather than the same
three models written again in each app."""

from django.db import models

from .children import FAQ
from .models import FormerSlug
from .sources import Source


def kind_tables(entry: type[models.Model], version: type[models.Model]) -> tuple[type, type, type]:
    """`<Entry>FAQ`, `<Entry>Source` and `<Entry>FormerSlug`, concrete models of the entry's
    app (declared in its models module, as if written there)."""

    def table(base: type[models.Model], parent: type[models.Model], field: str, related_name: str) -> type:
        foreign_key = models.ForeignKey(parent, on_delete=models.CASCADE, related_name=related_name)
        attributes = {"__module__": entry.__module__, field: foreign_key}
        return type(f"{entry.__name__}{base.__name__}", (base,), attributes)

    return (
        table(FAQ, version, "version", "faqs"),
        table(Source, version, "version", "sources"),
        table(FormerSlug, entry, version.entry_field, "former_slugs"),
    )


def version_constraints(entry_field: str) -> list[models.UniqueConstraint]:
    """What every kind's versions hold to: one per entry and language, and a slug no other
    version of the kind has in that language (the page's address)."""
    return [
        models.UniqueConstraint(fields=[entry_field, "language"], name=f"{entry_field}_version_one_per_language"),
        models.UniqueConstraint(fields=["language", "slug"], name=f"{entry_field}_version_unique_slug"),
    ]
