"""Demo organisation: departments, staff and one account per role.

Idempotent: every row is compared before it is written, so a second run
reports everything as unchanged and touches nothing.
"""

import json
from collections import Counter

from django.contrib.auth.models import Group
from django.db import transaction

from lms.app_settings import app_settings
from lms.models import (
    Department,
    EmploymentStatus,
    Grade,
    StaffProfile,
)
from lms.roles import GROUP_NAMES, LEARNER, roles_sync
from lms.services.pages import home_page_ensure, info_pages_ensure
from lms.services.staff import department_save, staff_create, staff_update
from lms.services.staff_import import STATUS_BY_OFFICIAL_NAME

_ROLE_GROUPS = {
    "learner": ("learner",),
    "head": ("learner", "head"),
    "hr": ("learner", "hr"),
    "editor": ("learner", "editor"),
    "auditor": ("learner", "auditor"),
}


def read_fixture(name: str):
    path = app_settings.FIXTURES_DIR / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@transaction.atomic
def load_organisation(*, log) -> Counter:
    counts: Counter = Counter()
    if home_page_ensure():
        counts["home page created"] += 1
    counts["information pages created"] += info_pages_ensure()
    roles_sync()  # after the page tree exists: editors get page permissions on it
    data = read_fixture("organisation.json")
    departments = _load_departments(data["departments"], counts)
    for row in data["staff"]:
        _load_staff(row, departments, counts)
    log(
        "organisation: "
        + ", ".join(f"{key} {value}" for key, value in sorted(counts.items()) if value)
    )
    return counts


def _load_departments(rows, counts: Counter) -> dict[str, Department]:
    by_code = {d.code: d for d in Department.objects.all()}
    for row in rows:
        parent = by_code.get(row["parent"]) if row["parent"] else None
        kind = row.get("kind") or _guess_kind(row["name"])
        department = by_code.get(row["code"])
        if department is None:
            department = department_save(
                department=Department(code=row["code"], name=row["name"], kind=kind),
                parent=parent,
            )
            counts["departments created"] += 1
        else:
            current_parent = department.get_parent()
            same = (
                department.name == row["name"]
                and department.kind == kind
                and (current_parent.code if current_parent else None) == row["parent"]
            )
            if same:
                counts["departments unchanged"] += 1
            else:
                department.name, department.kind = row["name"], kind
                department = department_save(department=department, parent=parent)
                counts["departments updated"] += 1
        by_code[row["code"]] = department
    return by_code


def _guess_kind(name: str) -> str:
    if name.endswith("팀"):
        return "team"
    if name.endswith(("실", "국")):
        return "bureau"
    if name.endswith(("동 행정복지센터", "읍 행정복지센터", "면 행정복지센터")):
        return "local_office"
    if name.endswith(("사업소", "보건소", "센터")):
        return "agency"
    return "division"


def _load_staff(row, departments: dict[str, Department], counts: Counter) -> None:
    grade = Grade.from_official_name(row["grade"])
    if grade is None:
        raise ValueError(f"unknown grade in demo data: {row['grade']}")
    fields = {
        "name": row["name"],
        "department": departments[row["department"]],
        "grade": grade,
        "job_series": row.get("job_series", ""),
        "employment_status": STATUS_BY_OFFICIAL_NAME.get(
            row.get("status", "재직"), EmploymentStatus.ACTIVE
        ),
    }
    profile = (
        StaffProfile.objects.select_related("user", "department")
        .filter(staff_number=row["staff_number"])
        .first()
    )
    if profile is None:
        profile = staff_create(
            staff_number=row["staff_number"], email=row["email"], **fields
        )
        counts["staff created"] += 1
    elif staff_update(profile=profile, email=row["email"], **fields):
        counts["staff updated"] += 1
    else:
        counts["staff unchanged"] += 1
    if row.get("role"):
        _load_role_account(profile, row["role"], counts)


def _load_role_account(profile: StaffProfile, role: str, counts: Counter) -> None:
    user = profile.user
    changed = False
    if not user.check_password(app_settings.DEMO_PASSWORD):
        user.set_password(app_settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        changed = True
    wanted = {GROUP_NAMES[key] for key in _ROLE_GROUPS[role]}
    wanted.add(LEARNER.group_name)
    have = set(user.groups.values_list("name", flat=True))
    missing = wanted - have
    if missing:
        user.groups.add(*Group.objects.filter(name__in=missing))
        changed = True
    counts["role accounts updated" if changed else "role accounts unchanged"] += 1
