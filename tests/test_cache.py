"""The anonymous page cache (website.pagecache): hits, invalidation, privacy, 304, page weight.

Every cache test runs twice: on Django's local memory cache (the default) and on a real
Redis (production's REDIS_URL), the private one tests/services.py starts for the session.
"""

import datetime
import gzip
import re
import time

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from careers.models import SalaryBand
from publishing.models import Status
from website import pagecache

from .cachepages import page, rendered, stored
from .factories import make_career, make_term, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    """A term in both languages with a related term, a related career with a salary band."""
    career = make_career(bands=[{"low": 115000, "high": 165000}])
    term = make_term(related=1)
    term.related_careers.add(career)
    related = term.related_terms.get()
    return {"term": term, "related": related, "career": career, "urls": term_urls(term)}


def term_urls(term):
    return [version.get_absolute_url() for version in term.versions.order_by("-language")]


def test_a_hit_costs_no_query_and_serves_the_same_page(client, page_cache, scene, django_assert_num_queries):
    url = scene["urls"][0]
    first = client.get(url)
    assert first.status_code == 200 and rendered(first)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert not rendered(second)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Cache-Control"] == f"public, max-age={pagecache.PUBLIC_MAX_AGE}"


def test_every_public_page_type_is_served_from_the_cache(client, page_cache, scene, django_assert_num_queries):
    version = scene["career"].versions.get(language="en")
    for url in ["/fr/", "/en/encyclopedia/", "/fr/carrieres/", version.get_absolute_url(), "/en/encyclopedia/?page=1"]:
        client.get(url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200, url


def set_in_both_languages(entry, field: str, text: str) -> list[str]:
    """`text` with its `{language}` filled in, saved in each version; the French one first."""
    for version in entry.versions.all():
        setattr(version, field, text.format(language=version.language))
        version.save()
    return [text.format(language=code) for code in ("fr", "en")]


def rename_related_term(scene):
    return set_in_both_languages(scene["related"], "name", "Renamed {language}")


def edit_the_term_itself(scene):
    return set_in_both_languages(scene["term"], "lede", "Fresh lede {language}.")


def rename_author(scene):
    author = scene["term"].author
    author.name = "Grace Hopper"
    author.save()
    return ["Grace Hopper", "Grace Hopper"]


def rename_category(scene):
    category = scene["term"].category
    category.name_fr, category.name_en = "Catégorie neuve", "Brand new category"
    category.save()
    return ["Catégorie neuve", "Brand new category"]


def change_salary_band(scene):
    band = SalaryBand.objects.get(career=scene["career"])
    band.low = 87000
    band.save()
    # The whole formatted range: a bare "99" could be anywhere in a page (a slug, a date).
    return ["87\xa0k\xa0$US – 165\xa0k\xa0$US", "$87K–$165K"]


def add_a_tag(scene):
    for version in scene["term"].versions.all():
        version.tags.add(f"fresh-tag-{version.language}")
    return ["fresh-tag-fr", "fresh-tag-en"]


@pytest.mark.parametrize(
    "change", [rename_related_term, edit_the_term_itself, rename_author, rename_category, change_salary_band, add_a_tag]
)
def test_a_change_refreshes_the_pages_that_show_it_in_both_languages(client, page_cache, scene, change):
    before = [page(client, url) for url in scene["urls"]]
    expected = change(scene)
    for url, old, text in zip(scene["urls"], before, expected, strict=True):
        assert text not in old
        assert text in page(client, url), (url, text)


def test_deleting_a_related_entry_removes_it_from_both_languages(client, page_cache, scene):
    names = [v.name for v in scene["related"].versions.order_by("-language")]
    before = [page(client, url) for url in scene["urls"]]
    assert all(name in html for name, html in zip(names, before, strict=True))
    scene["related"].delete()
    for url, name in zip(scene["urls"], names, strict=True):
        assert name not in page(client, url)


def test_deleting_an_entry_makes_its_pages_404_at_once(client, page_cache, scene):
    urls = scene["urls"]
    for url in urls:
        page(client, url)
    scene["term"].delete()
    assert [client.get(url).status_code for url in urls] == [404, 404]


def test_unpublishing_removes_the_page_and_the_index_entry(client, page_cache, scene):
    version = scene["term"].versions.get(language="en")
    assert version.name in page(client, "/en/encyclopedia/")
    page(client, version.get_absolute_url())
    version.status = Status.DRAFT
    version.save()
    assert client.get(version.get_absolute_url()).status_code == 404
    assert version.name not in page(client, "/en/encyclopedia/")


def test_staff_are_never_served_from_the_cache_nor_fill_it(client, page_cache, scene):
    url = scene["urls"][1]
    staff = make_user(staff=True)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response.context is not None  # rendered for them, not read from the cache
    client.logout()
    client.cookies.clear()
    assert rendered(client.get(url)), "the staff visit must not have filled the public cache"
    client.force_login(staff)
    response = client.get(url)
    assert rendered(response) and response["Cache-Control"] == "private, no-store"


def test_drafts_are_never_cached(client, page_cache):
    draft = make_term(status=Status.DRAFT, languages=("en",))
    url = draft.versions.get().get_absolute_url()
    client.force_login(make_user(staff=True))
    preview = client.get(url)
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    client.logout()
    client.cookies.clear()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_private_response_is_not_stored_even_without_a_session(rf, page_cache, scene):
    """Belt and braces: a view that marks its response private is never stored."""
    request = rf.get(scene["urls"][0])
    middleware = pagecache.PageCacheMiddleware(lambda request: pagecache.mark_private(pagecache.HttpResponse(b"x")))
    middleware(request)
    assert cache.get(pagecache.page_key(request)) is None


def test_search_results_bypass_the_cache(client, page_cache, scene):
    """Unknown parameters no longer do: tests/test_cache_bypass.py."""
    for url in ["/en/search/?q=term", "/fr/recherche/?q=term"]:
        client.get(url)
        assert rendered(client.get(url)), url


def test_conditional_get_answers_304_without_rendering(client, page_cache, scene, django_assert_num_queries):
    url = scene["urls"][0]
    etag = client.get(url)["ETag"]
    for header in [etag, f"W/{etag}", f'"other", {etag}']:
        with django_assert_num_queries(0):
            response = client.get(url, headers={"if-none-match": header})
        assert response.status_code == 304, header
        assert response["ETag"] == etag
        assert response.content == b""
    response = client.get(url, headers={"if-none-match": '"something-else"'})
    assert response.status_code == 200


def test_conditional_get_after_a_change_gets_the_new_page(client, page_cache, scene):
    url = scene["urls"][1]
    etag = client.get(url)["ETag"]
    edit_the_term_itself(scene)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Fresh lede en." in response.content.decode()
    assert response["ETag"] != etag
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_head_is_served_from_the_cache_without_a_body(client, page_cache, scene, django_assert_num_queries):
    url = scene["urls"][0]
    length = len(client.get(url).content)
    with django_assert_num_queries(0):
        response = client.head(url)
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Length"] == str(length)


def test_a_cache_flush_or_lost_generation_never_serves_stale_pages(client, page_cache, scene):
    url = stored(client, scene["urls"][0])
    cache.delete(pagecache.GENERATION_KEY)
    edit_the_term_itself(scene)
    assert "Fresh lede fr." in page(client, url)


def test_another_process_change_shows_within_the_generation_check(client, page_cache, scene, monkeypatch):
    """Another worker bumps the shared generation: this process sees it on its next check."""
    url = stored(client, scene["urls"][0])
    TermVersion = type(scene["term"].versions.first())
    TermVersion.objects.filter(term=scene["term"], language="fr").update(lede="Changed elsewhere.")
    cache.incr(pagecache.GENERATION_KEY)  # what the other process's signal did
    # Within the window (held open: a busy machine may take longer than 0.5 s to get here).
    monkeypatch.setattr(pagecache.Local, "checked", pagecache.time.monotonic() + 60)
    assert "Changed elsewhere." not in page(client, url)  # still the old page
    monkeypatch.setattr(pagecache.Local, "checked", pagecache.time.monotonic() - pagecache.GENERATION_CHECK)
    assert "Changed elsewhere." in page(client, url)


def test_a_page_is_not_served_past_its_lifetime(client, page_cache, scene, monkeypatch):
    url = stored(client, scene["urls"][1])
    later = pagecache.time.time() + pagecache.page_lifetime() + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    assert rendered(client.get(url))


def test_a_cached_index_shows_a_scheduled_term_when_its_date_arrives(client, page_cache, scene):
    """Scheduled publishing changes pages on a clock, not on a save: the cache must not hide it."""
    version = scene["term"].versions.get(language="fr")
    version.published_at = timezone.now() + datetime.timedelta(seconds=2)
    version.save()
    with translation.override("fr"):
        index = reverse("encyclopedia:index")
    assert version.name not in page(client, index)
    assert 0 <= pagecache.page_lifetime() <= 2
    time.sleep(max(0.0, (version.published_at - timezone.now()).total_seconds()) + 0.2)
    assert version.name in page(client, index)


def test_page_lifetime_bounds_the_public_max_age():
    # Nothing scheduled: the server keeps pages longer than browsers may.
    assert pagecache.page_lifetime() > pagecache.PUBLIC_MAX_AGE
    assert pagecache.public_max_age(pagecache.page_lifetime()) == pagecache.PUBLIC_MAX_AGE
    assert pagecache.public_max_age(3) == 3
    assert pagecache.public_max_age(-5) == 0


# Page weight (performance issue: "Lean pages").
ASSET = re.compile(r"<(?:link|script)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"[^>]*>", re.IGNORECASE)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_assets(html: str) -> list[str]:
    """Stylesheets and scripts the page loads (not hreflang/canonical/feed links)."""
    urls = []
    for tag in re.findall(r"<link\b[^>]*>|<script\b[^>]*>", html, re.IGNORECASE):
        match = ASSET.match(tag)
        if match and (tag.lower().startswith("<script") or 'rel="stylesheet"' in tag or 'rel="icon"' in tag):
            urls.append(match.group(1))
    return urls


def test_the_reference_term_page_is_lean(client, corpus):
    response = client.get("/fr/encyclopedie/gestion-projet-ia/")
    html = response.content.decode()
    assets = page_assets(html)
    assert any(url.endswith(".css") for url in assets)
    for url in assets:
        assert url.startswith("/static/"), f"third-party or unexpected asset: {url}"
    total = gzip_size(response.content)
    for url in assets:
        if url.endswith((".css", ".js")):
            path = finders.find(url.removeprefix("/static/"))
            assert path, url
            with open(path, "rb") as file:
                total += gzip_size(file.read())
    assert total <= 35 * 1024, f"{total} bytes compressed"
    # That every script is external and deferred: test_reading_experience, on every page type.
