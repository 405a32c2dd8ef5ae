"""Response headers and request facts the security settings rely on.

Django 5.2 sets X-Content-Type-Options, Referrer-Policy and X-Frame-Options itself
(SecurityMiddleware, XFrameOptionsMiddleware); django-csp sets the Content Security Policy and
django-permissions-policy the Permissions-Policy header (settings.PERMISSIONS_POLICY). What is
left is here: the client address and the lockout page for django-axes.
"""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str | None:
    """The reader's address for django-axes' lockouts.

    Behind our proxy (settings.BEHIND_PROXY) REMOTE_ADDR is the proxy's own address, which
    would lock every editor out together; the proxy appends the address it saw to
    X-Forwarded-For, so the right-most entry is the one to trust (left ones are client-sent).
    """
    address = request.META.get("REMOTE_ADDR")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            address = forwarded
    try:
        return str(ipaddress.ip_address(address or ""))
    except ValueError:
        return None


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' refusal once a username + address pair is locked: 429, in the admin's language."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else 0,
    }
    return render(request, "admin/lockout.html", context, status=429)
