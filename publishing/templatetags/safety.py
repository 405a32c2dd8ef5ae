"""Template filters for values that end up in a URL attribute.

Autoescaping stops a value from breaking out of an attribute, but not a `javascript:` URL
inside it. Models and the loader already validate links; this is the last line, on the page.
"""

from urllib.parse import urlsplit

from django import template

from publishing.validators import is_site_path

register = template.Library()

SAFE_SCHEMES = {"http", "https"}


def is_safe_url(value: str) -> bool:
    """An http(s) URL or a path on this site; anything else (javascript:, data:, //host,
    /\\host) is not (publishing.validators says what a browser makes of a path)."""
    value = (value or "").strip()
    # Browsers drop tabs and newlines inside URLs ("/\t/host" becomes "//host"): refuse them all.
    if not value or any(ord(char) < 0x21 or ord(char) == 0x7F for char in value):
        return False
    if value.startswith(("/", "\\")):
        return is_site_path(value)
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


@register.filter
def safe_url(value):
    """`{{ band.source_url|safe_url }}`: the URL if it is safe to link to, else an empty string."""
    return value if is_safe_url(value) else ""
