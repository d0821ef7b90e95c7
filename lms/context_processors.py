from django.conf import settings

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
    }
