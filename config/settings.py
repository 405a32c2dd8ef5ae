"""Settings for every machine, read from the environment.

One file (STYLE.md): what differs between a laptop, CI and production is an environment
variable, documented in the README. Safe by default: DEBUG is off unless asked for, and the
development secret key is refused outside DEBUG and the test run.
"""

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """DATABASE_URL → Django's DATABASES entry, parsed by dj-database-url.

    `postgres://user:password@host:port/name` (psycopg 3) or `sqlite:///path/to/db.sqlite3`
    (relative to the working directory; `sqlite:////absolute/path`).
    """
    try:
        database = dj_database_url.parse(url)
    except dj_database_url.UnknownSchemeError as error:
        raise ImproperlyConfigured(f"DATABASE_URL: {error}") from None
    if database["ENGINE"] != "django.db.backends.sqlite3":
        # Persistent connections with health checks: opening a PostgreSQL connection per
        # request costs more than the page itself (see the performance issue).
        database["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "600"))
        database["CONN_HEALTH_CHECKS"] = True
    return database


TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-key-only-valid-with-debug-or-tests"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
if TESTING:
    ALLOWED_HOSTS += ["testserver"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "markdownx",
    "taggit",
    "axes",
    "reversion",
    "publishing",
    "encyclopedia",
    "careers",
    # The top floor last: it spans every kind and wires the write path's signals.
    "website",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache before sessions, URL resolving and views (README, Performance).
    "website.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells the reverse proxy which requests may be staff's (deploy/nginx.conf).
    "website.staffsession.StaffHintMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login attempt before the model backend does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # LANGUAGE_CODE and LANGUAGES in every template (no `get_current_language` tags).
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "publishing.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Short socket timeouts: a slow Redis must cost a request a fraction of a second, not hang it;
# the page cache then builds pages from the database (website.sharedcache). The page cache is
# the only user of the cache on the request path: sessions are in the database
# (SESSION_ENGINE's default) and django-axes uses its database handler.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    # One process's memory: fine for one worker; several workers share pages and the
    # invalidation generation only through Redis (REDIS_URL).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}

# The JSON API's rate per client address (website.api; django-ninja's "number/period").
API_RATE = os.environ.get("DJANGO_API_RATE", "120/m")

# The anonymous page cache (website.pagecache). Off in the test run, where tests read
# `response.context` and count queries; tests/test_cache.py turns it on.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", not TESTING)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first, English second (ARCHITECTURE.md). The order matters: the first language is
# the default for `/`, for x-default and for unknown prefixes.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; the tests skip collectstatic, so they use the
    # plain storage (bakerydemo's test switch).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# Markdown: one renderer for saving and for the admin preview. markdownx's own URLs are not
# routed; its widget posts to our staff-only preview route instead.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "publishing.markdown.render_markdown"
MARKDOWNX_URLS_PATH = f"/{ADMIN_PATH}markdown-preview/"
MARKDOWNX_UPLOAD_URLS_PATH = f"/{ADMIN_PATH}markdown-upload-disabled/"
MARKDOWNX_EDITOR_RESIZABLE = True

TAGGIT_CASE_INSENSITIVE = True
# Tag pages use the ASCII slug converter: "données" → "donnees".
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

CONTENT_DIR = BASE_DIR / "content"
SITE_NAME = "gneurone"
# The licence of the site's texts: in the footer, the JSON-LD of every entry and every API answer.
CONTENT_LICENCE = {
    "name": os.environ.get("DJANGO_CONTENT_LICENCE_NAME", "CC BY 4.0"),
    "url": os.environ.get("DJANGO_CONTENT_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}
# The bulk downloads (website.opendata): where they are built, and the address their links
# start with (they are built off-request; set it to the public origin in production).
DOWNLOADS_ROOT = Path(os.environ.get("DJANGO_DOWNLOADS_ROOT", BASE_DIR / "var" / "downloads"))
if TESTING:
    DOWNLOADS_ROOT = Path(tempfile.mkdtemp(prefix="gneurone-downloads-"))
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Security. HTTPS-only settings follow DJANGO_HTTPS, on by default outside DEBUG and tests,
# so that `check --deploy` passes with production variables and nothing else.
HTTPS = env_bool("DJANGO_HTTPS", not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "website.views.csrf_failure"

# Content Security Policy (django-csp 4): our own scripts, styles and fonts only; no inline
# script anywhere, no plugins, no framing. JSON-LD blocks are data, not script, so they need
# no exception. Author photos may be https images from elsewhere. The admin works under the
# same policy (a browser test checks its forms and the Markdown preview).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page here uses (https://www.w3.org/TR/permissions-policy/), turned off
# by django-permissions-policy's middleware.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "serial", "usb",
        "browsing-topics",
    )
}  # fmt: skip

# Admin logins (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused — right password or not — for the cool-off time, with a page in
# the admin's language. Behind the proxy, the client address is the proxy's X-Forwarded-For entry.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "publishing.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "publishing.security.client_ip"
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", HTTPS)
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
