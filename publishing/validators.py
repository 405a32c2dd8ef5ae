"""What counts as a link editors may store: a path on this site or an http(s) address.

Browsers do not read a URL as it is written (https://url.spec.whatwg.org/#url-parsing): they
drop ASCII tabs and newlines anywhere, strip leading spaces and control characters, and read
"\\" as "/" in http(s) URLs. So "/\\host", "\\/host", "/\\\\host" and "/<tab>/host" all mean
"//host", another site, although they start like a path. One predicate says so for every
field that holds a link: the Markdown sanitizer, internal link resolving, `cta_url` and the
`safe_url` template filter (issue 16).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_DROPPED_BY_BROWSERS = str.maketrans("", "", "\t\n\r")
_STRIPPED_BY_BROWSERS = "".join(chr(code) for code in range(0x21))
SLASHES = "/\\"


def is_network_path(value: str) -> bool:
    """A reference a browser follows to another host: "//host" in any spelling it accepts."""
    form = value.translate(_DROPPED_BY_BROWSERS).strip(_STRIPPED_BY_BROWSERS)
    return len(form) >= 2 and form[0] in SLASHES and form[1] in SLASHES


def is_site_path(value: str) -> bool:
    """A path on this site: one leading "/", then no slash or backslash, no control character
    or space anywhere (a browser would drop or reinterpret them)."""
    return (
        value.startswith("/")
        and not is_network_path(value)
        and not any(ord(char) < 0x21 or ord(char) == 0x7F for char in value)
    )


def validate_link(value: str):
    """A call-to-action link: a path on this site ("/fr/carrieres/…") or an http(s) URL."""
    if not value or is_site_path(value):
        return
    try:
        if value.startswith(tuple(SLASHES)):
            raise ValidationError("not a site path")
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a path on this site starting with “/” or an http(s) address."), code="invalid"
        ) from None
