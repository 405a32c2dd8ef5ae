"""Nobody can walk past the page cache (issue 16), and each page names what it shows.

Query parameters that do not change a page (utm_*, fbclid, gclid, anything unknown, values a
view ignores) and session cookies that are not a valid staff session are served from the
cache; pages carry the entries they show in `Cache-Tag` / `Surrogate-Key`.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from encyclopedia.models import TermVersion
from website import pagecache, sharedcache, staffsession

from .factories import make_career, make_term, make_term_version, make_user

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def page_cache(settings):
    settings.CACHES = LOCMEM
    settings.PAGE_CACHE = True
    for forget in (cache.clear, pagecache.forget_local, staffsession.forget, sharedcache.reset):
        forget()
    yield
    for forget in (cache.clear, pagecache.forget_local, staffsession.forget):
        forget()


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(captured)


@pytest.fixture
def term_url(db):
    return make_term(languages=("en",)).versions.get().get_absolute_url()


TRACKING = ["?utm_source=x&utm_medium=social", "?fbclid=abc", "?gclid=1&utm_campaign=y", "?junk=1", "?q=x&page=7"]


@pytest.mark.parametrize("query", TRACKING)
def test_parameters_that_do_not_change_a_page_are_served_from_its_cache(client, page_cache, term_url, query):
    clean, queries = get(client, term_url)
    assert queries > 0
    tracked, queries = get(client, term_url + query)
    if queries:  # `page=` is unknown to a term page until it has been rendered once with it
        assert query.endswith("page=7")
        tracked, queries = get(client, term_url + query.replace("7", "8"))
    assert queries == 0
    assert tracked.content == clean.content


def test_a_first_visit_by_a_shared_link_fills_the_cache_of_the_clean_address(client, page_cache, term_url):
    tracked, _queries = get(client, term_url + "?utm_source=newsletter&fbclid=xyz")
    assert b"newsletter" not in tracked.content and b"fbclid" not in tracked.content
    clean, queries = get(client, term_url)
    assert queries == 0 and clean.content == tracked.content


@pytest.fixture
def index(db):
    """Two terms under two letters: `?letter=` really changes the index."""
    for name in ("Alpha model", "Beta model"):
        term = make_term(languages=())
        make_term_version(term, "en", name=name)
    return "/en/encyclopedia/"


def test_the_parameters_an_index_uses_still_make_their_own_pages(client, page_cache, index):
    whole, _ = get(client, index)
    only_b, _ = get(client, index + "?letter=B")
    assert b"Alpha model" in whole.content and b"Alpha model" not in only_b.content
    assert b"Beta model" in only_b.content
    again, queries = get(client, index + "?utm_source=x&letter=B")
    assert queries == 0 and again.content == only_b.content


@pytest.mark.parametrize("query", ["?letter=zz", "?page=abc", "?page=1", "?page=0", "?untranslated=yes"])
def test_values_a_view_ignores_are_the_bare_page(client, page_cache, index, query):
    whole, _ = get(client, index)
    same, queries = get(client, index + query)
    assert queries == 0 and same.content == whole.content


@pytest.mark.parametrize(
    "query", ["?page=" + "9" * 5000, "?page=%C2%B2", "?letter=%FF", "?page=2&page=3", "?page=-1", "?%00=1", "?page"]
)
def test_hostile_query_strings_get_a_page_a_404_or_the_clean_address(client, page_cache, index, term_url, query):
    for url in (index, term_url):
        response = client.get(url + query)
        assert response.status_code in (200, 301, 404), url + query
        if response.status_code == 301:
            assert client.get(response["Location"]).status_code in (200, 404)


@pytest.mark.parametrize(
    ("query", "clean"),
    [("?PAGE=2", ""), ("?page=2&page=3", "?page=3"), ("?pag%65=2", "?page=2"), ("?page=%32", "?page=2"),
     ("?Letter=m&utm_source=x", "")],
)  # fmt: skip
def test_arguments_a_proxy_would_read_otherwise_redirect_to_the_clean_address(client, page_cache, index, query, clean):
    """nginx keys pages on `$arg_page` (any case, first occurrence, undecoded): where Django
    would read another value, a 301 keeps a proxy from storing one page under another's key."""
    response = client.get(index + query)
    assert response.status_code == 301
    assert response["Location"] == index + clean


@pytest.mark.parametrize("query", ["?page=1", "?utm_source=news&fbclid=abc", "?letter=m", "?PAGE_SIZE=9", "?pages=2"])
def test_arguments_a_proxy_reads_the_same_way_are_served(client, page_cache, index, query):
    assert client.get(index + query).status_code == 200


def test_the_staff_hint_cookie_follows_the_staff_session(client, page_cache, term_url):
    """deploy/nginx.conf passes only requests with the hint past its cache: it is set while a
    staff member is signed in and removed otherwise; it grants nothing by itself."""
    hint = staffsession.STAFF_HINT_COOKIE
    client.force_login(make_user(staff=True))
    assert client.get(term_url).cookies[hint].value == "1"
    signed_out = client.post(reverse("admin:logout"))  # the browser still holds the hint
    removed = signed_out.cookies[hint]
    assert removed.value == "" and removed["max-age"] == 0
    client.cookies.clear()
    client.cookies[hint] = "1"  # made up: removed, and no staff view for it
    response = client.get(term_url)
    assert response.cookies[hint].value == "" and "private" not in response.get("Cache-Control", "")
    client.cookies.clear()
    response = client.get(term_url)
    assert hint not in response.cookies, "readers never get one"
    assert response["Cache-Control"].startswith("public")


def test_a_forged_session_cookie_is_served_the_anonymous_page(client, page_cache, term_url):
    clean, _ = get(client, term_url)
    for forged in ["forged", "x" * 32, "0123456789abcdefghijklmnopqrstuv"]:
        client.cookies["sessionid"] = forged
        first, first_queries = get(client, term_url)
        again, queries = get(client, term_url)
        assert first_queries <= 1, "at most one session lookup"
        assert queries == 0, "remembered: no lookup at all"
        assert again.content == clean.content
        assert again["Cache-Control"].startswith("public")


def test_cookies_that_are_not_staff_get_the_public_page_and_fill_the_cache(client, page_cache, term_url):
    client.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"  # forged, on a cold page
    forged, _ = get(client, term_url)
    assert "sessionid" not in forged.cookies or forged.cookies["sessionid"].value == ""
    client.cookies.clear()
    assert get(client, term_url)[1] == 0, "the forged visit filled the cache"
    client.force_login(make_user(staff=False))  # a signed-in reader who is not staff
    response, queries = get(client, term_url)
    assert queries <= 2, "the session and its user, once"
    assert response["Cache-Control"].startswith("public")
    assert get(client, term_url)[1] == 0


def test_a_staff_session_still_bypasses_and_a_stale_one_does_not(client, page_cache, term_url):
    get(client, term_url)
    client.force_login(make_user(staff=True))
    response, queries = get(client, term_url)
    assert queries > 0 and response["Cache-Control"] == "private, no-store"
    cookie = client.cookies["sessionid"].value
    client.logout()  # the session row is gone; a browser that kept the cookie is a reader
    staffsession.forget()
    client.cookies["sessionid"] = cookie
    response, _queries = get(client, term_url)
    assert response["Cache-Control"].startswith("public")


def tags(response) -> set[str]:
    assert set(response["Surrogate-Key"].split(" ")) == set(response["Cache-Tag"].split(","))
    return set(response["Cache-Tag"].split(","))


def test_a_term_page_names_itself_its_related_terms_roles_and_referrers(client, page_cache):
    term = make_term(related=2, languages=("en",))
    career = make_career(languages=("en",))
    term.related_careers.add(career)
    referrer = make_term(languages=("en",), definition=f"See [it](term:{term.key}).")
    url = term.versions.get().get_absolute_url()
    expected = {f"term:{term.key}", f"career:{career.key}", f"term:{referrer.key}"}
    expected |= {f"term:{related.key}" for related in term.related_terms.all()}
    rendered, _ = get(client, url)
    assert expected <= tags(rendered)
    cached, queries = get(client, url)
    assert queries == 0 and tags(cached) == tags(rendered)


def test_an_index_and_a_career_page_name_the_entries_they_list(client, page_cache, index):
    response, _ = get(client, index)
    listed = {f"term:{version.term.key}" for version in TermVersion.objects.filter(language="en")}
    assert len(listed) == 2 and listed <= tags(response)
    career = make_career(languages=("en",))
    term = make_term(languages=("en",))
    career.versions.get().phases.first().terms.add(term)
    response, _ = get(client, career.versions.get().get_absolute_url())
    assert {f"career:{career.key}", f"term:{term.key}"} <= tags(response)


def test_public_pages_do_not_vary_on_cookies(client, page_cache, term_url):
    """`Vary: Cookie` would make nginx and browsers keep one copy per cookie value: a made-up
    cookie would then walk past them. Staff pages stay private."""
    first, _ = get(client, term_url)
    client.cookies["sessionid"] = "k" * 32
    forged, _ = get(client, term_url)
    for response in (first, forged):
        assert "cookie" not in response.get("Vary", "").lower()
        assert response["Cache-Control"].startswith("public")
    client.cookies.clear()
    client.force_login(make_user(staff=True))
    staff = client.get(term_url)
    assert staff["Cache-Control"] == "private, no-store"
