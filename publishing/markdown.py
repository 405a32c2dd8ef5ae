"""The one Markdown renderer: used when an entry is saved and by the admin preview.

Python-Markdown turns the editor's text into HTML, then nh3 (ammonia) keeps only an
allow-list of tags, attributes and URL schemes, so no text an editor types can run script
on a page. https://nh3.readthedocs.io/

Internal links (`[text](term:key)`, `[text](career:key)` or a site path such as
`/fr/encyclopedie/<slug>/`) are resolved while rendering by the resolver the caller passes
(publishing.links: the target's address in the text's own language); an unresolved one
loses its `href` and is reported.

Citation markers (`[^ai-act]`) become numbered superscript links to the page's "Sources"
section when the caller passes a counter over the version's sources (publishing.sources);
a marker naming no source stays plain text and is counted as unknown.

French text gets its French spacing after sanitizing (publishing.typography: text nodes
only, never code or attributes); the Markdown source is never rewritten.
"""

import re
import threading
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .typography import html_for_language
from .validators import is_network_path

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "id"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists", "abbr"]
# Column alignment as the `align` attribute: a `style` attribute would be stripped by nh3 (and
# refused by the Content Security Policy).
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


@dataclass(frozen=True)
class FoundLink:
    """An internal link met while rendering: as written, its text, and what it resolved to."""

    href: str
    text: str
    kind: str = ""  # "term" / "career" when resolved to an entry
    entry_id: int | None = None
    url: str = ""


# href → the link it resolves to, or None when it is no internal link (an external address).
Resolver = Callable[[str], FoundLink | None]


@dataclass
class Call:
    """What one conversion is given: the resolver, where found links go, the citation counter.

    The converter is built once per thread (`converter`), its extensions registered once; each
    call sets these and clears them after (Python-Markdown's `Markdown.__init__` was a third of
    the time of a render)."""

    resolve: Resolver | None = None
    found: list | None = None
    citations: "Citations | None" = None
    busy: bool = False


class InternalLinks(Treeprocessor):
    """Rewrites internal links to the address the resolver gives; runs after inline patterns."""

    def __init__(self, md, call: Call):
        super().__init__(md)
        self.call = call

    def run(self, root):
        if self.call.resolve is None:
            return
        for element in root.iter("a"):
            href = element.get("href", "")
            target = self.call.resolve(href)
            if target is None:
                continue
            text = "".join(element.itertext()).strip()
            self.call.found.append(FoundLink(href, text[:300], target.kind, target.entry_id, target.url))
            if target.url:
                element.set("href", target.url)
            else:
                del element.attrib["href"]


class InternalLinksExtension(Extension):
    def __init__(self, call: Call):
        super().__init__()
        self.call = call

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(InternalLinks(md, self.call), "internal_links", 8)


def keep_paths_on_site(_element: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an `href`: "/\\host" or "\\/host" is a link to another site that a
    reader (and our link report) would take for a page of this one: it loses its address.
    An `id` is kept only as a citation's own (`cite-<key>-<n>`): no other anchor of the page
    can be shadowed from the text."""
    if attribute == "href" and is_network_path(value):
        return None
    if attribute == "id" and not CITATION_ID.fullmatch(value):
        return None
    return value


MARKER_HINT = "[^"  # a text without it cites nothing: no need to render it to know
# `[^key]`, the key as a source's (a slug); `\[^key]` stays text (the escape runs first).
CITATION_MARKER = r"\[\^([A-Za-z0-9][A-Za-z0-9_-]*)\]"
CITATION_ID = re.compile(r"cite-[A-Za-z0-9_-]+-[0-9]+")


@dataclass
class Citations:
    """A counter over one version's sources, shared by its texts rendered in page order: a
    source is numbered at its first citation; each citation gets its own anchor
    (`cite-<key>-<n>`) for the source's "back to text" links."""

    keys: set[str]
    label: str = ""  # the text being rendered ("definition", "FAQ 2"), for the report
    numbers: dict[str, int] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (label, key)

    def cite(self, key: str) -> tuple[int, str] | None:
        if key not in self.keys:
            self.unknown.append((self.label, key))
            return None
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        self.counts[key] += 1
        return number, f"cite-{key}-{self.counts[key]}"


class CitationMarker(InlineProcessor):
    def __init__(self, call: Call):
        super().__init__(CITATION_MARKER)
        self.call = call

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        if self.call.citations is None:
            return None, None, None  # no counter: the marker stays as typed
        key = m.group(1)
        cited = self.call.citations.cite(key)
        if cited is None:
            return None, None, None  # no such source: the marker stays as typed
        number, anchor = cited
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a", {"href": f"#source-{key}", "id": anchor})
        link.text = str(number)
        return sup, m.start(0), m.end(0)


class CitationsExtension(Extension):
    def __init__(self, call: Call):
        super().__init__()
        self.call = call

    def extendMarkdown(self, md):  # noqa: N802
        # After code spans (190) and escapes (180), before references (170) and links.
        md.inlinePatterns.register(CitationMarker(self.call), "citation", 175)


_converters = threading.local()


def converter() -> tuple[markdown.Markdown, Call]:
    """This thread's converter and the slot its extensions read; a fresh pair when the thread's
    own is in use (a resolver that renders, say)."""
    pair = getattr(_converters, "pair", None)
    if pair is not None and not pair[1].busy:
        return pair
    call = Call()
    extensions = [*EXTENSIONS, InternalLinksExtension(call), CitationsExtension(call)]
    md = markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS, output_format="html")
    if pair is None:
        _converters.pair = (md, call)
    return md, call


def render(
    text: str, resolve: Resolver | None = None, *, language: str = "", citations: Citations | None = None
) -> tuple[str, list[FoundLink]]:
    """Markdown → (sanitized HTML, internal links met); links resolve only with a resolver,
    citation markers are numbered only with a counter; a text in French is spaced the French way."""
    found: list[FoundLink] = []
    if not text or not text.strip():
        return "", found
    md, call = converter()
    call.resolve, call.found, call.citations, call.busy = resolve, found, citations, True
    try:
        html = md.reset().convert(text)
    finally:
        call.resolve, call.found, call.citations, call.busy = None, None, None, False
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_paths_on_site,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    ).strip()
    return html_for_language(clean, language), found


def render_markdown(text: str, *, language: str = "fr") -> str:
    """Markdown source → sanitized HTML, safe to mark as safe in a template (internal links
    are left as written: publishing.targets.render_markdown resolves them). French unless
    told: the admin preview of a text whose language it cannot tell."""
    return render(text, language=language)[0]


def render_preview(text: str, *, language: str) -> str:
    """The admin's live preview: as `render_markdown`, every citation marker numbered (the
    sources being edited are not posted with the text; the checks say which are missing)."""
    keys = {match.group(1) for match in re.finditer(CITATION_MARKER, text or "")}
    return render(text, language=language, citations=Citations(keys))[0]


def count_words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts if text)
