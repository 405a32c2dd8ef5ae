"""The one Markdown renderer: used when an entry is saved and by the admin preview.

Python-Markdown turns the editor's text into HTML, then nh3 (ammonia) keeps only an
allow-list of tags, attributes and URL schemes, so no text an editor types can run script
on a page. https://nh3.readthedocs.io/

Internal links (`[text](term:key)`, `[text](career:key)` or a site path such as
`/fr/encyclopedie/<slug>/`) are resolved while rendering by the resolver the caller passes
(publishing.links: the target's address in the text's own language); an unresolved one
loses its `href` and is reported.

French text gets its French spacing after sanitizing (publishing.typography: text nodes
only, never code or attributes); the Markdown source is never rewritten.
"""

from collections.abc import Callable
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .typography import html_for_language
from .validators import is_network_path

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "hr", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
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


class InternalLinks(Treeprocessor):
    """Rewrites internal links to the address the resolver gives; runs after inline patterns."""

    def __init__(self, md, resolve: Resolver, found: list):
        super().__init__(md)
        self.resolve = resolve
        self.found = found

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href", "")
            target = self.resolve(href)
            if target is None:
                continue
            text = "".join(element.itertext()).strip()
            self.found.append(FoundLink(href, text[:300], target.kind, target.entry_id, target.url))
            if target.url:
                element.set("href", target.url)
            else:
                del element.attrib["href"]


class InternalLinksExtension(Extension):
    def __init__(self, resolve: Resolver, found: list):
        super().__init__()
        self.resolve = resolve
        self.found = found

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(InternalLinks(md, self.resolve, self.found), "internal_links", 8)


def keep_paths_on_site(_element: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an `href`: "/\\host" or "\\/host" is a link to another site that a
    reader (and our link report) would take for a page of this one: it loses its address."""
    if attribute == "href" and is_network_path(value):
        return None
    return value


def render(text: str, resolve: Resolver | None = None, *, language: str = "") -> tuple[str, list[FoundLink]]:
    """Markdown → (sanitized HTML, internal links met); links resolve only with a resolver;
    a text in French is spaced the French way."""
    found: list[FoundLink] = []
    if not text or not text.strip():
        return "", found
    extensions = list(EXTENSIONS)
    if resolve is not None:
        extensions.append(InternalLinksExtension(resolve, found))
    html = markdown.markdown(text, extensions=extensions, extension_configs=EXTENSION_CONFIGS, output_format="html")
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


def count_words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts if text)
