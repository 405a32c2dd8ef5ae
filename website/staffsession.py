"""Is this session cookie a signed-in staff member's? Asked by the page cache (issue 16).

A session cookie used to send every request past the cache, so a made-up `sessionid` was
enough to make the site render each page again. Only a valid staff session bypasses it now;
any other cookie (forged, expired, a signed-out visitor's) is served the anonymous page.

Cheap by construction: a value that is not shaped like Django's session keys is refused
without any lookup; otherwise one session store lookup (plus the user's row when the session
names one), and the answer is remembered by this process for MEMORY seconds, so a cookie
sent again and again costs one lookup per MEMORY seconds. Requests without a cookie never
come here. Read only: unlike `django.contrib.auth.get_user`, nothing is flushed or
rotated; the real request, if it bypasses, goes through the authentication middleware.
"""

import importlib
import re
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.db import DatabaseError
from django.utils.crypto import constant_time_compare

# `SessionBase._get_new_session_key`: 32 characters, lowercase letters and digits.
SESSION_KEY_SHAPE = re.compile(r"[a-z0-9]{32}")
MEMORY = 30.0
REMEMBERED = 10_000


class Remembered:
    verdicts: dict = {}  # cookie value → (is staff, until)


def forget() -> None:
    Remembered.verdicts = {}


def is_staff_session(cookie: str) -> bool:
    now = time.monotonic()
    known = Remembered.verdicts.get(cookie)
    if known is not None and known[1] > now:
        return known[0]
    try:
        verdict = bool(SESSION_KEY_SHAPE.fullmatch(cookie)) and staff_in_store(cookie)
    except DatabaseError:
        return False  # the database is away: a stored page is all anyone can be given
    verdicts = Remembered.verdicts
    if len(verdicts) >= REMEMBERED:
        verdicts.clear()  # cookies made up by the thousand: start again rather than grow
    verdicts[cookie] = (verdict, now + MEMORY)
    return verdict


def staff_in_store(key: str) -> bool:
    """The session exists, names an active staff user through a configured backend, and its
    hash still matches the user's (a changed password ends every session)."""
    session = importlib.import_module(settings.SESSION_ENGINE).SessionStore(key)
    try:
        user_id, backend_path = session[SESSION_KEY], session[BACKEND_SESSION_KEY]
    except KeyError:
        return False
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return False
    user = load_backend(backend_path).get_user(user_id)
    if user is None or not (user.is_active and user.is_staff):
        return False
    session_hash = session.get(HASH_SESSION_KEY) or ""
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    return any(constant_time_compare(session_hash, expected) for expected in hashes)


# A cookie that says "a staff member may be signed in here", for the reverse proxy only:
# deploy/nginx.conf passes requests carrying it past its cache (and limits their rate per
# client), and serves every other request, a made-up `sessionid` included, from its cache.
# It grants nothing: Django still checks the session itself (`is_staff_session`).
STAFF_HINT_COOKIE = "gneurone_staff"


class StaffHintMiddleware:
    """Set the hint when a staff member is signed in, remove it when they are not (after
    sign-out, an expired session, a forged hint). Place after AuthenticationMiddleware.
    Requests with neither a session nor the hint are not looked at (no session lookup)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        hinted = STAFF_HINT_COOKIE in request.COOKIES
        if not hinted and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        user = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated and user.is_staff
        if staff and not hinted:
            response.set_cookie(
                STAFF_HINT_COOKIE, "1", max_age=settings.SESSION_COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE,
                httponly=True, samesite="Lax",
            )  # fmt: skip
        elif hinted and not staff:
            response.delete_cookie(STAFF_HINT_COOKIE, samesite="Lax")
        return response
