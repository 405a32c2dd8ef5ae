"""`{{ version.title|typo }}`: a plain field as a page in its language shows it.

French text gets its French spacing (publishing.typography); other languages pass through.
The language is the page's (the active one) unless given: `{{ faq.question|typo:version.language }}`.
"""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from publishing.typography import french_html, french_text

register = template.Library()


@register.filter(is_safe=True)
def typo(value, language=None):
    """Escaped text, spaced for French. Plain text is spaced first, then escaped (spacing
    escaped text would read `&amp;` as a word and a `;`); text already safe (HTML) is spaced
    in its text nodes only."""
    if value is None or value == "":
        return value
    if (language or translation.get_language() or "")[:2] != "fr":
        return conditional_escape(value)
    if isinstance(value, SafeData):
        return mark_safe(french_html(str(value)))
    return mark_safe(conditional_escape(french_text(str(value))))
