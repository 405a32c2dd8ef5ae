"""What several test modules share: the page types, the corpus additions, the query budgets.

Test modules import from here (and from factories.py), never from one another.
"""

from pathlib import Path

from django.conf import settings

from encyclopedia.models import TermVersion

# Every public page type, in both languages, on the corpus of content/. The disambiguation page
# needs an alias shared by two terms, which `add_shared_alias` adds (the corpus has none).
PAGES = {
    "home": {"fr": "/fr/", "en": "/en/"},
    "index": {"fr": "/fr/encyclopedie/", "en": "/en/encyclopedia/"},
    "letter": {"fr": "/fr/encyclopedie/?letter=D", "en": "/en/encyclopedia/?letter=D"},
    "category": {"fr": "/fr/encyclopedie/categorie/donnees/", "en": "/en/encyclopedia/category/data/"},
    "tag": {"fr": "/fr/encyclopedie/etiquette/production/", "en": "/en/encyclopedia/tag/production/"},
    "term": {"fr": "/fr/encyclopedie/gestion-projet-ia/", "en": "/en/encyclopedia/ai-project-management/"},
    "disambiguation": {"fr": "/fr/encyclopedie/pmo-ia/", "en": "/en/encyclopedia/ai-pmo/"},
    "careers": {"fr": "/fr/carrieres/", "en": "/en/careers/"},
    "career": {"fr": "/fr/carrieres/chef-de-projet-ia/", "en": "/en/careers/ai-project-manager/"},
    "search": {"fr": "/fr/recherche/?q=donn%C3%A9es", "en": "/en/search/?q=data"},
    "search-none": {"fr": "/fr/recherche/?q=zzqxj", "en": "/en/search/?q=zzqxj"},
    "404": {"fr": "/fr/encyclopedie/inexistant/", "en": "/en/encyclopedia/missing/"},
}
SHARED_ALIAS = {"fr": "PMO IA", "en": "AI PMO"}
SHARED_BY = ["ai-project-management", "ai-product-owner"]


# Browser screenshots, for a person to look at (ignored by git).
SHOTS = Path(settings.BASE_DIR) / "screenshots"
# axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def describe(violations) -> list[str]:
    """axe-core's violations, one line each, for an assertion message."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]} "
        f"{v['nodes'][0].get('failureSummary', '')[:300]}"
        for v in violations
    ]


def expected_status(name: str) -> int:
    return 404 if name == "404" else 200


def add_shared_alias() -> None:
    """One alias shared by two terms of the corpus, for the disambiguation page."""
    for version in TermVersion.objects.filter(term__key__in=SHARED_BY):
        version.aliases = f"{version.aliases}\n{SHARED_ALIAS[version.language]}".strip()
        version.save()


# Query budgets: what one page view costs whatever the number of related rows (STYLE.md: a
# test pins the count). One place, so that a change to a view changes one number.
TERM_PAGE_QUERIES = 10  # the version and its blocks, related terms and roles with their salary
# bands, "referenced in" (terms, careers)
TERM_PAGE_QUERIES_WITHOUT_ROLES = TERM_PAGE_QUERIES - 1  # no related role: no salary band query
CAREER_PAGE_QUERIES = 12  # 10, plus "referenced in" (terms, careers)
INDEX_PAGE_QUERIES = 5
CATEGORY_PAGE_QUERIES = 6
SEARCH_PAGE_MAX_QUERIES = 7
