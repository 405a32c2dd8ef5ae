"""Property-based: whatever a client sends to the public URLs, the answer is never a 5xx.

Hypothesis builds paths, slugs, language prefixes, query strings and headers (garbage
Accept-Language, Host variations within ALLOWED_HOSTS, If-None-Match, cookies…) from the
site's own vocabulary mixed with arbitrary text, against the real corpus. The test client
re-raises any exception a view lets through, so a failure shows its traceback.

Examples per property come from the Hypothesis profile (tests/conftest.py): 200 by default,
`--hypothesis-profile fast` for the inner loop, `--hypothesis-profile hunt` for a long hunt.
"""

from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

# Only status codes are read: templates render as in production (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uninstrumented_templates")]

PREFIXES = ["fr", "en", "", "de", "FR", "en-us", "fr_FR", "xx", "..", "%2e%2e", settings.ADMIN_PATH.strip("/")]
WORDS = [
    "encyclopedie", "encyclopedia", "carrieres", "careers", "recherche", "search", "categorie", "category",
    "etiquette", "tag", "atom.xml", "sitemap.xml", "robots.txt", "gestion-projet-ia", "ai-project-management",
    "chef-de-projet-ia", "ai-project-manager", "mlops", "donnees", "data", "markdown-preview", "login", "jsi18n",
    "static", "favicon.ico", "%ff", "%00", "%c3%28", "%2F", "..", ".", "~", "index.html", "a" * 300,
]  # fmt: skip
# Printable text, control characters, surrogates-free unicode: what a slug or a query may be made of.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
SEGMENT = st.one_of(st.sampled_from(WORDS), ANY_TEXT.map(lambda text: quote(text, safe="")))
PATH = st.builds(
    lambda prefix, segments, slash: "/" + "/".join([prefix, *segments]) + ("/" if slash else ""),
    st.sampled_from(PREFIXES),
    st.lists(SEGMENT, max_size=4),
    st.booleans(),
)
QUERY_KEYS = st.sampled_from(["q", "page", "letter", "type", "category", "language", "next", "p", "o", "x"])
QUERY_VALUES = st.one_of(
    st.sampled_from(["", "-1", "0", "1", "2", "999999999999999999999", "abc", "1e9", "NaN", "term", "career",
                     '"', "-", "*", "c++", "'; DROP TABLE x; --", "%", "\x00", "B", "é", "données"]),
    ANY_TEXT,
)  # fmt: skip
QUERY = st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=4).map(urlencode)
HOSTS = ["testserver", "localhost", "LOCALHOST", "127.0.0.1", "[::1]", "localhost:8000", "127.0.0.1:443"]
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            st.sampled_from(["fr", "en", "*", "en;q=abc", "de-DE,de;q=0.9", ";;;,", "x" * 500, "en-US,en;q=0.9"]),
            HEADER_TEXT,
        ),
        "HTTP_HOST": st.sampled_from(HOSTS),
        "HTTP_IF_NONE_MATCH": st.one_of(st.sampled_from(['"abc"', "*", 'W/"x"', '"', ",,"]), HEADER_TEXT),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(st.sampled_from(["yesterday", "Sat, 29 Feb 2025 00:00:00 GMT"]),
                                            HEADER_TEXT),
        "HTTP_COOKIE": st.one_of(st.sampled_from(["django_language=xx", "sessionid=garbage", "csrftoken=;"]),
                                 HEADER_TEXT),
        "HTTP_X_FORWARDED_PROTO": st.sampled_from(["https", "http", "gopher"]),
        "HTTP_X_FORWARDED_FOR": HEADER_TEXT,
        "HTTP_REFERER": HEADER_TEXT,
        "HTTP_USER_AGENT": HEADER_TEXT,
        "HTTP_ACCEPT": st.sampled_from(["*/*", "application/json", "text/html;q=0", "garbage"]),
    },
)  # fmt: skip

PAGES = [
    "/", "/fr/", "/en/", "/fr/encyclopedie/", "/en/encyclopedia/", "/fr/carrieres/", "/en/careers/",
    "/fr/recherche/", "/en/search/", "/fr/encyclopedie/gestion-projet-ia/", "/en/careers/ai-project-manager/",
    "/fr/encyclopedie/categorie/donnees/", "/fr/atom.xml", "/sitemap.xml", "/robots.txt",
]  # fmt: skip


def assert_no_server_error(response, request):
    assert response.status_code < 500, request


@given(path=PATH, query=QUERY, method=st.sampled_from(["get", "head", "post", "options"]))
@example(path="//encyclopedie//%5B", query="", method="get")  # found once: urlsplit's "invalid IPv6 URL"
def test_arbitrary_paths_never_answer_5xx(corpus, path, query, method):
    client = Client()
    response = getattr(client, method)(f"{path}?{query}" if query else path)
    assert_no_server_error(response, (method, path, query))


@given(page=st.sampled_from(PAGES), query=QUERY)
def test_arbitrary_query_strings_on_every_page_type_never_answer_5xx(corpus, page, query):
    response = Client().get(f"{page}?{query}")
    assert_no_server_error(response, (page, query))


@given(page=st.sampled_from(PAGES), headers=HEADERS)
def test_arbitrary_headers_never_answer_5xx(corpus, page, headers):
    response = Client().get(page, **headers)
    assert_no_server_error(response, (page, headers))


def test_a_host_outside_allowed_hosts_is_a_400_not_a_500(client, corpus):
    assert client.get("/fr/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/fr/", HTTP_HOST="bad host name").status_code == 400
