"""What several test modules share: the page types, the corpus additions, the query budgets.

Test modules import from here (and from factories.py), never from one another.
"""

import base64
import io
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from careers.models import CareerVersion
from encyclopedia.models import Category, TermVersion
from publishing.services import save_version

# Every public page type, in both languages (tests/pages.toml: data, not code).
PAGES = tomllib.loads((Path(__file__).with_name("pages.toml")).read_text(encoding="utf-8"))
SHARED_ALIAS = {"fr": "PMO IA", "en": "AI PMO"}
SHARED_BY = ["ai-project-management", "ai-product-owner"]


# Browser screenshots, for a person to look at (ignored by git): taken by `make screenshots`
# (SCREENSHOTS=1); in the suite, drawing 100 whole pages to PNG took two thirds of the
# page-type sweep (17 of 25 s) and asserted nothing.
SHOTS = Path(settings.BASE_DIR) / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
PAGE_SIZE = "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def screenshot(page, name: str) -> None:
    """What the viewport shows, as a PNG in screenshots/ (with SCREENSHOTS=1)."""
    if TAKE_SCREENSHOTS:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / name)


def full_page_screenshot(page, name: str) -> None:
    """The whole page as a PNG in screenshots/. Chromium's own capture with `optimizeForSpeed`
    (a faster PNG encoder) takes half the time of Playwright's `screenshot(full_page=True)`,
    for files a little larger: the browser suite takes about a hundred."""
    if not TAKE_SCREENSHOTS:
        return
    width, height = page.evaluate(PAGE_SIZE)
    session = page.context.new_cdp_session(page)
    whole = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    options = {"format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True, "clip": whole}
    shot = session.send("Page.captureScreenshot", options)
    session.detach()
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / name).write_bytes(base64.b64decode(shot["data"]))


# The security issue's policy: no inline script or style anywhere (browser tests send it).
STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"


# axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# The dark scheme changes only the colours (custom properties of static/css/site.css): the
# rules that read colours are run again in it, not the structure rules, whose answer is the same.
AXE_COLOUR_OPTIONS = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}


def describe(violations) -> list[str]:
    """axe-core's violations, one line each, for an assertion message."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]} "
        f"{v['nodes'][0].get('failureSummary', '')[:300]}"
        for v in violations
    ]


def load_content(directory=None) -> None:
    call_command("load_content", str(directory or settings.CONTENT_DIR), verbosity=0, stdout=io.StringIO())


def entry_folders(content: Path, kind: str) -> list[Path]:
    """content/terms/* or content/careers/*, in a stable order: tests pick entries by position,
    not by name, so that renaming an entry in content/ breaks no test."""
    return sorted(path for path in (content / kind).iterdir() if (path / "entry.toml").is_file())


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def front_matter_value(path: Path, name: str) -> str:
    """A string field of a Markdown file's TOML front matter, as written."""
    return re.search(rf'^{name} = "([^"]*)"', path.read_text(), re.MULTILINE).group(1)


def assert_in_order(html: str, markers: list[str]) -> None:
    """Each marker appears in the page, after the one before it."""
    position = 0
    for marker in markers:
        found = html.find(marker, position)
        assert found != -1, f"{marker!r} missing" if marker not in html else f"{marker!r} out of order"
        position = found + len(marker)


def entry_page(client, entry, **version) -> str:
    """The HTML of an entry's page: its only version, or the one `version` picks (language=…)."""
    return client.get(entry.versions.get(**version).get_absolute_url()).content.decode()


def assert_entry_pages_cost(client, django_assert_num_queries, queries: int, entries) -> None:
    """Each entry's page (its only version) answers in exactly `queries` queries: a budget that
    does not grow with what the entries hold."""
    for url in [entry.versions.get().get_absolute_url() for entry in entries]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def each_page(client, urls):
    """(url, body) of each page, in the order given; every one must answer 200."""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content


def corpus_urls() -> list[str]:
    """Every entry and listing page of the corpus: the homes, the indexes of both kinds, each
    version's page, each category in each language."""
    urls = ["/fr/", "/en/", "/fr/encyclopedie/", "/en/encyclopedia/", "/fr/carrieres/", "/en/careers/"]
    urls += [v.get_absolute_url() for v in TermVersion.objects.all()]
    urls += [v.get_absolute_url() for v in CareerVersion.objects.all()]
    urls += [c.url(language) for c in Category.objects.all() for language in ("fr", "en")]
    return sorted(urls)


def rendered_pages(client) -> dict[str, bytes]:
    """The HTML a reader gets for each of `corpus_urls()`, without any cache in between."""
    cache.clear()
    return dict(each_page(client, corpus_urls()))


def html_sweep(test):
    """Marks a test that walks many pages and reads only their HTML: `sweep` (left out of
    `make test-fast`), with the templates rendered as in production (the
    `uninstrumented_templates` fixture of conftest.py: no `response.context`)."""
    return pytest.mark.sweep(pytest.mark.usefixtures("uninstrumented_templates")(test))


def expected_status(name: str) -> int:
    return 404 if name == "404" else 200


def add_shared_alias() -> None:
    """One alias shared by two terms of the corpus, for the disambiguation page."""
    for version in TermVersion.objects.filter(term__key__in=SHARED_BY):
        name = SHARED_ALIAS[version.language]
        save_version(version=version, inlines=[lambda v, name=name: v.designations.create(term=name, position=99)])


ADMIN = f"/{settings.ADMIN_PATH}"


def inline_management(prefix: str, total: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip


def split(moment) -> tuple[str, str]:
    if moment is None:
        return "", ""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def change_data(version, **overrides) -> dict:
    """What the admin change form of a term version (without inlines) posts."""
    published = split(version.published_at)
    updated = split(version.updated_at)
    data = {
        "term": version.term_id, "language": version.language, "status": version.status,
        "name": version.name, "slug": version.slug, "title": version.title, "lede": version.lede,
        "tags": "", "definition": version.definition, "analogy": version.analogy,
        "market": version.market, "cta_title": version.cta_title, "cta_text": version.cta_text,
        "cta_url": version.cta_url, "published_at_0": published[0], "published_at_1": published[1],
        "updated_at_0": updated[0], "updated_at_1": updated[1], "translated_from": version.translated_from,
        **inline_management("designations"), **inline_management("takeaways"), **inline_management("faqs"),
        **inline_management("sources"),
    }  # fmt: skip
    return data | overrides


def change_url(version) -> str:
    return f"{ADMIN}encyclopedia/termversion/{version.pk}/change/"


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


# Query budgets: what one page view costs whatever the number of related rows (STYLE.md: a
# test pins the count). One place, so that a change to a view changes one number.
TERM_PAGE_QUERIES = 13  # the version and its blocks (sources, designations), related terms and roles
# with their salary bands, "referenced in" (terms, careers), its versions in the other languages for
# the terminology card (one query more for their designations when there is one: not here)
TERM_PAGE_QUERIES_WITHOUT_ROLES = TERM_PAGE_QUERIES - 1  # no related role: no salary band query
# 12 (the version, its blocks and sources, occupation codes…), "referenced in", the guides to compare with
CAREER_PAGE_QUERIES = 15
INDEX_PAGE_QUERIES = 5
CATEGORY_PAGE_QUERIES = 6
SEARCH_PAGE_MAX_QUERIES = 7


def under_strict_csp(page) -> None:
    """Serve every response to `page` with STRICT_CSP, whatever the site sends."""

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    page.route(re.compile(r".*"), with_csp)


def admin_action(client, changelist: str, action: str, objects):
    """Run an admin action on `objects` from the changelist at `changelist` (a path)."""
    return client.post(changelist, {"action": action, "_selected_action": [obj.pk for obj in objects]})


def resave_child(version, child, **fields):
    """Change one of a version's children and save the version through the write path."""
    for name, value in fields.items():
        setattr(child, name, value)
    return save_version(version=version, inlines=[lambda _version: child.save()])
