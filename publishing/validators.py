from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _


def validate_link(value: str):
    """A call-to-action link: a path on this site ("/fr/carrieres/…") or an http(s) URL."""
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a path on this site starting with “/” or an http(s) address."), code="invalid"
        ) from None
