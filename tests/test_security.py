"""Headers, error pages, admin login rate limiting and who may open which admin route."""

import pytest
import reversion
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from careers.models import CareerVersion, OccupationCode, SalaryBand
from encyclopedia.models import TermVersion
from publishing.security import client_ip

from .factories import editors_group, make_band, make_career, make_term, make_user
from .support import manage

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
PREVIEW = f"{ADMIN}markdown-preview/"
LOGIN = f"{ADMIN}login/"
PASSWORD = "correct horse battery staple"  # tests/factories.make_user


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize("url", ["/fr/", "/en/encyclopedia/missing/", ADMIN, LOGIN, "/sitemap.xml"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_permissions_policy_turns_off_every_listed_feature(client):
    header = client.get("/fr/")["Permissions-Policy"]
    policy = dict(item.split("=", 1) for item in header.split(", "))
    assert policy == dict.fromkeys(settings.PERMISSIONS_POLICY, "()")


def test_https_settings_follow_the_production_switch():
    """check --deploy (tests/test_settings.py) covers production; here: what the switch turns on."""
    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = manage(
        "shell", "--no-imports", "-c", script, DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="gneurone.example"
    )  # fmt: skip
    assert result.stdout.split() == ["True", "31536000", "True", "True"], result.stderr


# ---------------------------------------------------------------- error pages


@pytest.mark.parametrize(
    ("path", "language", "text"),
    [("/fr/encyclopedie/", "fr", "Requête incorrecte"), ("/en/encyclopedia/", "en", "Bad request")],
)
def test_400_page_for_a_disallowed_host_speaks_the_page_language(client, path, language, text):
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}">' in html and text in html
    assert "evil.example" not in html and "DisallowedHost" not in html and "Traceback" not in html


def test_csrf_failure_is_a_clear_403_in_the_page_language():
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user(editor=True))
    response = strict.post(PREVIEW, {"content": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Form expired" in html and "Reload the page" in html
    assert "CSRF" not in html and "Referer" not in html  # no detail on why
    french = strict.post(PREVIEW, {"content": "x"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Formulaire expiré" in french


def test_403_page_speaks_the_page_language(rf):
    from website.views import permission_denied

    for path, expected in (("/fr/x/", "Accès refusé"), ("/en/x/", "Access denied")):
        response = permission_denied(rf.get(path))
        assert response.status_code == 403 and expected in response.content.decode()


# ---------------------------------------------------------------- markdownx routes


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor", "superuser"])
@pytest.mark.parametrize("url", ["/markdownx/upload/", "/markdownx/markdownify/", f"{ADMIN}markdown-upload-disabled/"])
def test_markdownx_upload_and_own_preview_are_404_for_everyone(client, who, url):
    login(client, who)
    assert client.post(url, {"content": "x"}).status_code == 404
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------- login rate limiting


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": ADMIN}, **extra)


def test_sixth_login_attempt_is_refused_even_with_the_right_password(client):
    editor = make_user(editor=True, username="editor")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "editor", "wrong")
        assert response.status_code == 200 and "errornote" in response.content.decode()
    response = attempt(client, "editor", "wrong", HTTP_ACCEPT_LANGUAGE="en")  # the fifth: locks
    assert response.status_code == 429
    response = attempt(client, "editor", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")  # the sixth
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html and "even with the right password" in html
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302  # still not logged in

    french = attempt(Client(), "editor", PASSWORD, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 429 and "Trop de connexions échouées" in french.content.decode()
    # The lock is per username and address: the same editor from elsewhere can still log in.
    elsewhere = attempt(Client(REMOTE_ADDR="192.0.2.7"), "editor", PASSWORD)
    assert elsewhere.status_code == 302 and elsewhere["Location"] == ADMIN
    assert AccessAttempt.objects.filter(username=editor.username, ip_address="127.0.0.1").exists()


def test_a_successful_login_resets_the_failure_count(client):
    make_user(editor=True, username="editor")
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "editor", "wrong")
        assert attempt(client, "editor", PASSWORD).status_code == 302
        client.logout()


def test_client_address_behind_the_proxy_is_the_proxy_appended_one(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.9"  # the left entry was sent by the client
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not an address")) is None


# ---------------------------------------------------------------- permission matrix

USERS = ["anonymous", "reader", "editor", "superuser"]
# What the Editors group manages (website/migrations/0001_editors_group.py); everything
# else registered in the admin (accounts, groups, login records) is for superusers only.
CONTENT_APPS = {"encyclopedia", "careers", "publishing", "taggit"}
RESTRICTED_APPS = {"auth", "axes"}


def login(client, who):
    if who != "anonymous":
        client.force_login(
            make_user(username=who, editor=who == "editor", superuser=who == "superuser")
        )  # fmt: skip


def sample_objects() -> dict:
    """One row of each model registered in the admin, to open its change/delete/history pages."""
    term = make_term(languages=["fr"])
    career = make_career(languages=["fr"])
    band = make_band(career)
    term.versions.get().tags.add("securite")
    AccessLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="test")
    AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", user_agent="t", failures_since_start=1)
    from axes.models import AccessFailureLog

    AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1", user_agent="t", locked_out=False)
    objects = {
        "auth.Group": editors_group(), "auth.User": make_user(username="someone"),
        "taggit.Tag": Tag.objects.get(), "publishing.Author": term.author, "encyclopedia.Category": term.category,
        "encyclopedia.Term": term, "encyclopedia.TermVersion": TermVersion.objects.get(term=term),
        "careers.Career": career, "careers.CareerVersion": CareerVersion.objects.get(career=career),
        "careers.SalaryBand": SalaryBand.objects.get(pk=band.pk), "axes.AccessAttempt": AccessAttempt.objects.get(),
        "careers.OccupationCode": OccupationCode.objects.create(
            career=career, classification="soc-2018", code="15-2051", title="Data Scientists", match="exact"
        ),
        "axes.AccessLog": AccessLog.objects.get(), "axes.AccessFailureLog": AccessFailureLog.objects.get(),
    }  # fmt: skip
    with reversion.create_revision():  # the history routes need one recorded version of each
        for obj in objects.values():
            if reversion.is_registered(type(obj)):
                reversion.add_to_revision(obj)
    return objects


def admin_routes(objects) -> list[tuple[str, str, str]]:
    """(app label, url name, url) for the admin index and every route of every registered model."""
    routes = [
        ("admin", "index", ADMIN),
        ("admin", "app_list", f"{ADMIN}encyclopedia/"),
        ("admin", "editorial_report", reverse("editorial_report")),
    ]
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        obj = objects[label]
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue  # the model's catch-all redirect
            routes.append(
                (model._meta.app_label, pattern.name, reverse(f"admin:{pattern.name}", args=args_for(pattern, obj)))
            )
    return routes


def args_for(pattern, obj) -> list:
    """django-reversion's routes take a recorded version of the object (sample_objects records one)."""
    if pattern.name.endswith(("_recover", "_revision")):
        version = Version.objects.get_for_object(obj).first()
        return [version.pk] if pattern.name.endswith("_recover") else [obj.pk, version.pk]
    return [obj.pk] if "object_id" in str(pattern.pattern) or "id>" in str(pattern.pattern) else []


def expected_status(who: str, app: str, name: str, model_admin_refuses_add: bool) -> int:
    if who in ("anonymous", "reader"):
        return 302  # to the login page
    if name.endswith("_add") and model_admin_refuses_add:
        return 403  # login records are written by django-axes only
    if who == "superuser" or app in CONTENT_APPS or app == "admin":
        return 200
    return 403


def test_every_registered_model_is_classified():
    apps = {model._meta.app_label for model in admin.site._registry}
    assert apps == CONTENT_APPS | RESTRICTED_APPS


@pytest.mark.parametrize("who", USERS)
def test_admin_permission_matrix(client, who):
    objects = sample_objects()
    login(client, who)
    refuses_add = {"axes"}  # django-axes' admin never offers to add login records
    mismatches = []
    for app, name, url in admin_routes(objects):
        expected = expected_status(who, app, name, app in refuses_add)
        response = client.get(url)
        if response.status_code != expected:
            mismatches.append((url, response.status_code, expected))
        if who in ("anonymous", "reader"):
            assert response["Location"].startswith(LOGIN), url
    assert mismatches == []
    assert len(admin_routes(objects)) >= 60


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 403), ("reader", 403), ("editor", 200), ("superuser", 200)]
)
def test_preview_permission_matrix(client, who, expected):
    login(client, who)
    response = client.post(PREVIEW, {"content": "**x**"})
    assert response.status_code == expected
    if expected == 200:
        assert response.content.decode() == "<p><strong>x</strong></p>"
    assert client.get(PREVIEW).status_code == 405  # POST only
