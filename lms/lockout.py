"""django-axes hooks: one lockout for the site login and the Wagtail admin login."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def login_identifier(request, credentials) -> str | None:
    """The login as typed, whichever form sent it (allauth's "login" field or
    Django's "username"), lower-cased so that case games do not dodge the count."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username")
    return value.strip().lower() if value else None


def lockout_response(request, credentials=None, *args, **kwargs):
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "lms/locked_out.html",
        {
            "minutes": minutes,
            "message": _(
                "Too many failed login attempts. Try again in %(minutes)s minutes "
                "or reset your password."
            )
            % {"minutes": minutes},
        },
        status=429,
    )
