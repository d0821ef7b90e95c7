from django.conf import settings
from wagtail import hooks

from lms.roles import user_role_keys


def site_chrome(request) -> dict:
    """What the page frame needs: the user's roles for the navigation."""
    user = getattr(request, "user", None)
    roles = user_role_keys(user) if user is not None else set()
    return {
        "lms_roles": roles,
        "lms_admin_access": bool(
            user
            and user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
        ),
        "lms_languages": settings.LANGUAGES,
        "lms_nav_items": lambda: _nav_items(request),
    }


def _nav_items(request) -> list[tuple[str, str]]:
    """Links the apps built on the core add to the site menu (hook
    ``lms_site_nav_items``: a function of the request returning (label, url) pairs)."""
    return [item for fn in hooks.get_hooks("lms_site_nav_items") for item in fn(request)]
