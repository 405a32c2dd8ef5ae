"""Sources: the references a language version cites (issue 17, README "Sources").

Each version has its own ordered list (a concrete `Source` per kind, like the FAQs). Its
Markdown cites them with footnote-style markers, `[^ai-act]`; the write path renders each
text of the version that may cite, in page order, with one counter over its sources
(`number_citations`, after the inlines; before it, such texts are left unrendered:
publishing.targets.render_markdown), so a source is numbered at its first citation and
each citation has its own anchor for the source's "back to text" links. Python-Markdown's
`footnotes` extension does not fit: it wants the note's text in the same Markdown text, where
ours are rows shared by every field, FAQ and phase of the version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .children import Record
from .choices import vocabulary
from .markdown import MARKER_HINT, Citations, render
from .targets import render_markdown

SourceKind = vocabulary(
    "SourceKind",
    {
        "law": _("law or regulation"),
        "standard": _("standard"),
        "paper": _("paper"),
        "official": _("official page"),
        "book": _("book"),
        "article": _("article"),
        "dataset": _("dataset"),
    },
)

# Kinds whose author is a body (a legislator, a standards body, a ministry), not a person.
ORGANISATION_KINDS = {SourceKind.LAW, SourceKind.STANDARD, SourceKind.OFFICIAL}


class Source(Record):
    """One reference of a language version, cited in its texts as `[^key]`."""

    key = models.SlugField(_("key"), max_length=100, help_text=_("What the text cites: [^key] (e.g. “ai-act”)."))
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=500)  # an act's full official title is long
    author = models.CharField(_("author or publisher"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)  # http(s) only (URLValidator)
    accessed = models.DateField(_("accessed on"), null=True, blank=True)
    locator = models.CharField(
        _("locator"), max_length=100, blank=True, help_text=_("An article, section or page (e.g. “Art. 99”).")
    )
    # Derived by the write path (number_citations): its number on the page (first citation
    # order; none when uncited) and how many times the texts cite it.
    number = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    citations = models.PositiveSmallIntegerField(default=0, editable=False)

    label_field = "title"

    class Meta(Record.Meta):
        abstract = True
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="%(app_label)s_%(class)s_unique_key")]

    @property
    def anchor(self) -> str:
        return f"source-{self.key}"

    @property
    def citation_anchors(self) -> list[str]:
        """The ids of its citations in the text, in order: one "back to text" link each."""
        return [f"cite-{self.key}-{n}" for n in range(1, self.citations + 1)]

    def json_ld(self) -> dict:
        """schema.org `CreativeWork` for the article's `citation` list."""
        data = {"@type": "CreativeWork", "name": self.title}
        if self.author:
            data["author"] = {
                "@type": "Organization" if self.kind in ORGANISATION_KINDS else "Person",
                "name": self.author,
            }
        if self.date:
            data["datePublished"] = self.date.isoformat()
        if self.link:
            data["url"] = self.link
        return data


def version_sources(version) -> list:
    """The version's sources as rows fresh from the database (a prefetched list may predate
    the inlines just written)."""
    manager = version.sources
    return list(manager.model.objects.filter(**{manager.field.name: version}))


def texts_in_page_order(version, *, fresh: bool):
    """(label, Markdown text, row, html field name) of each text that may cite a source:
    the version's own fields, then its children (phases, FAQs), as the page shows them;
    `fresh`: children read again from the database, not from a prefetched list."""
    for name in version.markdown_fields:
        yield name, getattr(version, name), version, f"{name}_html"
    for related_name, label, field_name in version.markdown_children:
        manager = getattr(version, related_name)
        children = manager.model.objects.filter(**{manager.field.name: version}) if fresh else manager.all()
        for index, child in enumerate(children, start=1):
            yield f"{label} {index}", getattr(child, field_name), child, f"{field_name}_html"


def number_citations(version) -> Citations | None:
    """Write-path step (publishing.services, after the inlines): render the texts that cite
    with the version's sources, in page order, number the sources, store both (the write left
    these texts unrendered until now). A text without a marker renders the same either way:
    it is left as saved. A version that cites nothing and has no source costs the reads only
    (its sources, its children)."""
    sources = version_sources(version)
    texts = list(texts_in_page_order(version, fresh=True))
    if not sources and not any(MARKER_HINT in (text or "") for _label, text, _row, _html in texts):
        return None
    citations = Citations({source.key for source in sources})
    own = {}
    for label, text, row, html_name in texts:
        if MARKER_HINT not in (text or ""):
            continue
        citations.label = label
        html = render_markdown(text, language=version.language, citations=citations)
        if html == getattr(row, html_name):
            continue
        setattr(row, html_name, html)
        if row is version:
            own[html_name] = html
        else:
            type(row).objects.filter(pk=row.pk).update(**{html_name: html})
    if own:
        type(version).objects.filter(pk=version.pk).update(**own)
    for source in sources:
        numbered = (citations.numbers.get(source.key), citations.counts[source.key])
        if (source.number, source.citations) != numbered:
            source.number, source.citations = numbered
            type(source).objects.filter(pk=source.pk).update(number=source.number, citations=source.citations)
    return citations


def check(version) -> Citations:
    """The version's markers and sources as the editorial checks see them: its texts rendered
    without resolving links (no query but the children), by the same renderer as the page."""
    citations = Citations({source.key for source in version.sources.all()})
    for label, text, _row, _html in texts_in_page_order(version, fresh=False):
        if MARKER_HINT in (text or ""):
            citations.label = label
            render(text, citations=citations)
    return citations


def uncited(version, citations: Citations) -> list:
    return [source for source in version.sources.all() if source.key not in citations.numbers]


def listed(version) -> list:
    """The page's "Sources" list: by number (first citation), then any never cited."""
    return sorted(version.sources.all(), key=lambda s: (s.number is None, s.number or 0, s.position, s.pk))
