"""Which query parameters may change a cacheable page, and which ones its view read (issue 16).

The page cache (website.pagecache) keys pages on what is left here and gives the view a
request carrying nothing else.
"""

from urllib.parse import unquote

from django.http import QueryDict

from careers.pace import pace_of
from careers.plan import start_date
from publishing.alternates import UNTRANSLATED_PARAM
from publishing.listing import LETTERS, OTHER

# Query parameters that may change a cacheable page (index paging and letters, the
# untranslated notice, a roadmap's pace and a study plan's start date), each with the one
# spelling of each value that changes it.
#
# Any other parameter (utm_*, fbclid, gclid, junk) is ignored rather than answered with a 301
# to the clean URL: most readers arrive by a shared link carrying them, and a redirect would
# cost each of them a round trip (and strip what the access log records) to reach a page
# they can be given at once. The parameters are removed from the request before the view
# sees it, so the stored page cannot depend on (or echo) them, and the canonical link names
# the clean address for search engines. A value a view would ignore ("page=abc", "letter=zz")
# is dropped the same way, so made-up values cannot make pages either.
CACHEABLE_PARAMS = frozenset({"page", "letter", UNTRANSLATED_PARAM, "start", "pace"})
LETTER_VALUES = frozenset([*LETTERS, OTHER])


def clean_query(params) -> dict[str, str]:
    """The parameters that may change a page, in one spelling each; everything else goes."""
    query = {}
    page = params.get("page", "")
    if page.isascii() and page.isdigit() and len(page) <= 9 and int(page) > 1:
        query["page"] = str(int(page))
    if params.get("letter") in LETTER_VALUES:
        query["letter"] = params["letter"]
    if params.get(UNTRANSLATED_PARAM) == "1":
        query[UNTRANSLATED_PARAM] = "1"
    if start_date(params.get("start")):
        query["start"] = params["start"]
    if pace_of(params.get("pace")):
        query["pace"] = params["pace"]
    return query


def proxy_key_is_exact(raw_query: str) -> bool:
    """Whether a reverse proxy that keys pages on the raw `page`, `letter` and `untranslated`
    arguments (deploy/nginx.conf: nginx matches `$arg_page` without regard to case, takes
    the first occurrence and does not decode it) sees the same values as this page cache.

    When it would not (`?PAGE=2`, `?page=2&page=3`, `?pag%65=2`, `?page=%32`), the page
    is answered with a 301 to its clean address instead, so no proxy can store one page
    under another page's key."""
    seen = set()
    for pair in raw_query.split("&"):
        name, _equals, value = pair.partition("=")
        folded = name.lower()
        if folded not in CACHEABLE_PARAMS and not ("%" in name and unquote(folded).lower() in CACHEABLE_PARAMS):
            continue
        if name != folded or "%" in name or folded in seen or "%" in value or "+" in value:
            return False
        seen.add(folded)
    return True


class RecordedQuery(QueryDict):
    """`request.GET` that notes the parameters the view reads (all, when it iterates), so
    that a page that reads none (a term page asked with `?page=7`) is stored once, under
    its bare address, and any value of an unread parameter is then served from it."""

    def __init__(self, query_string: str, encoding: str | None = None):
        self.reads = set()
        super().__init__(query_string, encoding=encoding)
        self.reads.clear()  # what building it touched

    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.reads.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.reads.add(key)
        return super().__contains__(key)

    def lists(self):
        self.reads.update(CACHEABLE_PARAMS)
        return super().lists()

    def __iter__(self):
        self.reads.update(CACHEABLE_PARAMS)
        return super().__iter__()

    def copy(self):
        self.reads.update(CACHEABLE_PARAMS)
        return QueryDict(self.urlencode(), mutable=True, encoding=self.encoding)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()
