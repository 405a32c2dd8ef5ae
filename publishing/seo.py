"""Structured data (JSON-LD) and the page metadata search engines and link previews read.

Only what the page itself shows is claimed: a salary figure is marked up as an Occupation
only where the band is verified and fresh (careers.structured_data).
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import sources

# Escape what could end the <script> element or open a comment, as Django's json_script
# does (https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
OG_LOCALES = {"fr": "fr_FR", "en": "en_US"}


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 — escaped above


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def breadcrumb_list(request, crumbs: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(request, url)}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def faq_page(faqs) -> dict | None:
    faqs = list(faqs)
    if not faqs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer_html},
            }
            for faq in faqs
        ],
    }


def article(request, version, *, author, description: str, about: dict | None = None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": version.title[:110],
        "description": description,
        "inLanguage": version.language,
        "mainEntityOfPage": absolute(request, version.get_absolute_url()),
        "author": {"@type": "Person", "name": author.name},
        "datePublished": (version.published_at or version.updated_at).isoformat(),
        "dateModified": version.updated_at.isoformat(),
        "license": settings.CONTENT_LICENCE["url"],
    }
    if about:
        data["about"] = about
    cited = [source.json_ld() for source in sources.listed(version)]
    if cited:
        data["citation"] = cited
    return data


def scripts(*blocks) -> list[SafeString]:
    return [json_ld_script(block) for block in blocks if block]


def entry_scripts(request, version, *, section: str, section_url: str, about=None, extra=()) -> list[SafeString]:
    """An entry page's JSON-LD: the article (about `about`), its FAQs, the breadcrumb
    home → section → entry, and any `extra` block (a role's estimated salaries)."""
    crumbs = [(_("Home"), reverse("home")), (section, section_url), (version.label, version.get_absolute_url())]
    return scripts(
        article(request, version, author=version.entry.author, description=version.description, about=about),
        faq_page(version.faqs.all()),
        breadcrumb_list(request, crumbs),
        *extra,
    )
