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


def department_full_names() -> dict[int, str]:
    """Every department's document name ("정보통신과 정보정책팀"), in one query,
    for exports that would otherwise ask for each row's parent."""
    departments = list(Department.objects.only("id", "path", "depth", "name", "kind"))
    by_path = {d.path: d for d in departments}
    names = {}
    for d in departments:
        parent = by_path.get(d.path[: -Department.steplen]) if d.depth > 1 else None
        team = d.kind == "team" and parent is not None
        names[d.pk] = f"{parent.name} {d.name}" if team else d.name
    return names
