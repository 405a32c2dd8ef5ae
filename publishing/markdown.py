"""The one Markdown renderer: used when an entry is saved and by the admin preview.

Python-Markdown turns the editor's text into HTML, then nh3 (ammonia) keeps only an
allow-list of tags, attributes and URL schemes, so no text an editor types can run script
on a page. https://nh3.readthedocs.io/
"""

import markdown
import nh3

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


def render_markdown(text: str) -> str:
    """Markdown source → sanitized HTML, safe to mark as safe in a template."""
    if not text or not text.strip():
        return ""
    html = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    ).strip()


def count_words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts if text)
