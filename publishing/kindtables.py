"""The tables every kind has, declared once: its versions' FAQs and sources, and its entries'
former slugs. The base reads them by their related names (`version.faqs`, `version.sources`,
`entry.former_slugs`: the loader, the citation numbering, the 301s), so a kind gets them
from here rather than writing the same three models again."""

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
