"""Permission policies shared by the admin areas of every app."""

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
