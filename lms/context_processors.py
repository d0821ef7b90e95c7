"""``site_chrome``: what every page frame needs (roles, the admin link, languages, the
site menu the apps add to), each worked out only if the template uses it."""

import time

from django.conf import settings
from wagtail import hooks

from lms.roles import user_has_admin_access, user_role_keys


def site_chrome(request) -> dict:
    """What the page frame needs. Values are lazy (callables) so that a page
    pays only for what its template shows."""
    user = getattr(request, "user", None)
    return {
        "lms_roles": lambda: user_role_keys(user) if user is not None else set(),
        "lms_admin_access": lambda: _admin_access_cached(request, user),
        "lms_languages": settings.LANGUAGES,
        "lms_nav_items": lambda: _nav_items(request),
    }


def _nav_items(request) -> list[tuple[str, str]]:
    """Links the apps built on the core add to the site menu (hook
    ``lms_site_nav_items``: a function of the request returning (label, url) pairs)."""
    return [
        item for fn in hooks.get_hooks("lms_site_nav_items") for item in fn(request)
    ]


ADMIN_ACCESS_SESSION_KEY = "lms_admin_access"
ADMIN_ACCESS_RECHECK_SECONDS = 300


def _admin_access_cached(request, user) -> bool:
    """Whether to show the admin link. Kept in the session for a few minutes so
    that ordinary pages do not ask the database each time; the admin itself
    checks the permission on every request."""
    if not getattr(user, "is_authenticated", False):
        return False
    session = getattr(request, "session", None)
    now = int(time.time())
    if session is not None:
        cached = session.get(ADMIN_ACCESS_SESSION_KEY)
        if (
            cached
            and cached[0] == user.pk
            and now - cached[2] < ADMIN_ACCESS_RECHECK_SECONDS
        ):
            return cached[1]
    allowed = user_has_admin_access(user)
    if session is not None:
        session[ADMIN_ACCESS_SESSION_KEY] = (user.pk, allowed, now)
    return allowed
