"""Hostile content for the XSS tests: every text field of every model holds an attack vector,
and the list of pages where that text is shown.

Rows are created through the ORM without form validation, as a careless import or a future
field would write them: what must hold is that the pages render the text inert anyway.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings

from careers.models import CareerVersion, OccupationCode
from encyclopedia.models import TermAlias, TermVersion

from .factories import make_author, make_band, make_career, make_category, make_term
from .xss_vectors import VECTORS


@dataclass
class HostileSite:
    term_versions: list = field(default_factory=list)
    career_versions: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    bands: list = field(default_factory=list)


def hostile_designations(vector: str, index: int) -> list[dict]:
    """A preferred name whose record's address is the hostile text, and the hostile text as a
    deprecated designation: the card shows both, and the change form lists each use of it."""
    return [
        {"term": f"alias {index}", "status": "preferred", "authority": "franceterme", "url": vector[:500]},
        {"term": vector[:200], "status": "deprecated", "authority": "gdt", "region": "CA-QC"},
    ]


def make_hostile_term(index: int, vector: str):
    author = make_author(key=f"hostile-author-{index}", name=vector[:120], bio_fr=vector, bio_en=vector, photo=vector)
    category = make_category(key=f"hostile-category-{index}", name_fr=vector[:120], name_en=vector[:120])
    term = make_term(
        key=f"hostile-term-{index}", languages=["fr"], category=category, author=author,
        slug=f"terme-hostile-{index}", name=f"{vector} xss"[:120], title=vector, lede=f"{vector} xss",
        definition=f"xss {vector}[^hostile]", analogy=vector, market=vector,
        designations=hostile_designations(vector, index), cta_title=vector, cta_text=vector, cta_url=vector,
        sources=[hostile_source(vector)],
    )  # fmt: skip
    version = term.versions.get()
    version.tags.add(vector[:100])
    version.takeaways.update(text=vector)
    overwrite(version.faqs.all(), vector, "question", "answer")
    return term, version


def hostile_source(vector: str) -> dict:
    """A source whose every text is the vector, its address too (written around validation)."""
    return {
        "key": "hostile", "kind": "article", "title": vector[:500], "author": vector[:200],
        "url": vector[:500], "locator": vector[:100],
    }  # fmt: skip


def overwrite(rows, vector: str, *fields: str) -> None:
    """Each row's `fields` set to the vector and saved one by one: save() renders what it derives."""
    for row in rows:
        for name in fields:
            setattr(row, name, vector)
        row.save()


def make_hostile_career(index: int, vector: str, author):
    career = make_career(
        key=f"hostile-career-{index}", languages=["fr"], author=author,
        slug=f"metier-hostile-{index}", title=vector, summary=f"{vector} xss"[:300],
        overview=f"xss {vector}[^hostile]", sources=[hostile_source(vector)],
    )  # fmt: skip
    version = career.versions.get()
    overwrite(version.phases.all(), vector, "title", "description")
    version.portfolio_ideas.update(text=vector)
    overwrite(version.faqs.all(), vector, "question", "answer")
    version.tags.add(f"{vector[:90]} career")
    band = make_band(
        career, source_name=vector, source_url=vector, verified_on=None, area=vector[:120], dataset=vector[:200],
        licence=vector[:120], occupation=vector[:20], reference_period=vector[:60], statistic="p10-p90", median=140000,
    )  # fmt: skip
    OccupationCode.objects.create(
        career=career, classification="soc-2018", code=vector[:12], title=vector[:200], match="exact", url=vector[:300]
    )
    return career, version, band


def build_hostile_site() -> HostileSite:
    site = HostileSite()
    for index, vector in enumerate(VECTORS):
        term, term_version = make_hostile_term(index, vector)
        career, career_version, band = make_hostile_career(index, vector, term.author)
        term.related_careers.add(career)
        term_version.refresh_reading_time()
        career_version.phases.first().terms.add(term)
        site.term_versions.append(TermVersion.objects.get(pk=term_version.pk))
        site.career_versions.append(CareerVersion.objects.get(pk=career_version.pk))
        site.categories.append(term.category)
        site.authors.append(term.author)
        site.bands.append(band)
    return site


def alias_redirects() -> dict[str, str]:
    """The alias addresses that name one term, each with the term page it answers 301 with.

    The page they lead to is in `public_pages` already; sweeping them again would render the
    same page twice. The aliases several terms share are disambiguation pages, in `public_pages`.
    """
    versions = defaultdict(set)
    for slug, version in TermAlias.objects.filter(language="fr").values_list("slug", "version"):
        versions[slug].add(version)
    targets = {version.pk: version.get_absolute_url() for version in TermVersion.objects.filter(language="fr")}
    return {f"/fr/encyclopedie/{slug}/": targets[ids.pop()] for slug, ids in versions.items() if len(ids) == 1}


def public_pages(site: HostileSite) -> list[str]:
    """Every public page that shows the hostile text (the alias redirects aside)."""
    pages = ["/fr/", "/fr/encyclopedie/", "/fr/carrieres/", "/fr/recherche/?q=xss", "/fr/recherche/?q=xss&page=2"]
    pages += [version.get_absolute_url() for version in site.term_versions + site.career_versions]
    pages += [category.url("fr") for category in site.categories]
    pages += sorted({f"/fr/encyclopedie/etiquette/{tag.slug}/" for v in site.term_versions for tag in v.tags.all()})
    aliases = {f"/fr/encyclopedie/{slug}/" for slug in TermAlias.objects.values_list("slug", flat=True)}
    pages += sorted(aliases - alias_redirects().keys())
    pages += [f"/fr/recherche/?q={quote(vector)}" for vector in VECTORS]
    pages += [f"/fr/encyclopedie/{quote(vector, safe='')}/" for vector in VECTORS[:20]]  # 404 pages
    return pages


def browser_pages(site: HostileSite) -> list[str]:
    """For Chromium, which is slower: the pages where the hostile text passes through our
    sanitizer or our markup — every entry page (every field: Markdown, designations,
    sources, bands, category, tags, author), the listings, the two pages of results for
    "xss" (every hostile entry's snippet) — and a third of the searches for each vector (the
    query highlighted in the snippets). The pages that show it only as escaped text (category,
    tag and alias names, a 404's path) are left to the HTML test, which parses every page:
    escaped text cannot become markup in a browser.
    """
    pages = public_pages(site)
    entries = {version.get_absolute_url() for version in site.term_versions + site.career_versions}
    essential = [url for url in pages if url in entries or "?q=xss" in url or url.count("/") <= 3]
    searches = [url for url in pages if url not in essential and "/recherche/" in url]
    return essential + searches[::3]


def feeds() -> list[str]:
    return ["/fr/atom.xml", "/sitemap.xml"]


def admin_pages(site: HostileSite) -> list[str]:
    """The admin pages an editor opens on hostile content: lists, change forms, history."""
    admin = f"/{settings.ADMIN_PATH}"
    pages = [
        admin,
        *(f"{admin}{model}/" for model in (
            "encyclopedia/term", "encyclopedia/termversion", "encyclopedia/category", "careers/career",
            "careers/careerversion", "careers/salaryband", "careers/occupationcode", "publishing/author", "taggit/tag",
        )),
        f"{admin}encyclopedia/termversion/?q=xss",
    ]  # fmt: skip
    for term_version, career_version in zip(site.term_versions, site.career_versions, strict=True):
        pages.append(f"{admin}encyclopedia/termversion/{term_version.pk}/change/")
        pages.append(f"{admin}careers/careerversion/{career_version.pk}/change/")
    # The entry forms show related names (term, author, category, band source) of ten each.
    for term_version, career_version in zip(site.term_versions[:10], site.career_versions[:10], strict=True):
        pages.append(f"{admin}encyclopedia/term/{term_version.term_id}/change/")
        pages.append(f"{admin}careers/career/{career_version.career_id}/change/")
        pages.append(f"{admin}encyclopedia/termversion/{term_version.pk}/history/")
    pages += [f"{admin}publishing/author/{author.pk}/change/" for author in site.authors[:10]]
    pages += [f"{admin}encyclopedia/category/{category.pk}/change/" for category in site.categories[:10]]
    return pages
