"""Who may do what, by one written rule for every app.

- ``RefusingPermissionPolicy``: admin permission policies for records that only
  services write.
- ``owned_or_permitted``: the owner-or-permission visibility rule behind each
  ``<thing>_visible_to(user)`` selector.
- ``permission_require``: the check every state-changing service makes first.
- ``PermissionMenuItem``: an admin menu item shown only with its permissions.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy

SYSTEM_WRITTEN = frozenset({"add", "change", "delete"})


class RefusingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions minus the actions in ``refused``, for everyone
    (superusers too): records that only services write, such as certificates,
    claims and the export log."""

    def __init__(self, model, *, refused: frozenset[str] = SYSTEM_WRITTEN):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.refused)


# --- The two rules every app applies -----------------------------------------------

NOT_PERMITTED = _("You do not have permission to do this.")


def owned_or_permitted(queryset: QuerySet, *, user, owner: str, permission: str):
    """Owner-or-permission visibility, the rule behind every
    ``<thing>_visible_to(user)`` selector: with ``permission`` (HR, auditors)
    the user sees every row, otherwise only rows whose ``owner`` field is the
    user; an anonymous user sees none."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.has_perm(permission):
        return queryset
    return queryset.filter(**{owner: user})


def permission_require(actor, permission: str) -> None:
    """The first line of every service that changes state on someone else's
    behalf (decide a claim, revoke a certificate, review a qualification):
    the actor must hold ``permission``, whichever view or command called."""
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(NOT_PERMITTED)


class PermissionMenuItem(MenuItem):
    """An admin menu item shown only to users who hold all of ``permissions``
    (the view behind it checks them again)."""

    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return request.user.has_perms(self.permissions)
