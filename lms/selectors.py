"""Reads for the organisation, scoped to what the asking user may see."""

from lms.models import Department, StaffProfile


def staff_profile_for_user(*, user) -> StaffProfile | None:
    return StaffProfile.objects.select_related("department").filter(user=user).first()


def department_subtree_for_head(*, user) -> list[Department]:
    """The departments a department head watches: their own unit and all below it."""
    profile = staff_profile_for_user(user=user)
    if profile is None:
        return []
    return list(profile.department.subtree())
