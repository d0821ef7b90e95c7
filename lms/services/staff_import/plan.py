"""The dry run: ``staff_import_plan`` reads and checks the rows, then compares
the valid ones with the database (creates, field-by-field updates, unchanged
rows, staff missing from the file), writing nothing.

Owns the plan's dataclasses (``ImportPlan``, ``StaffRow``, ``StaffUpdate``,
``FieldChange``, ``MissingStaff``) and the checks across rows (a staff number or
an e-mail address given twice, or an address taken by another login).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lms.models import Department, EmploymentStatus, Grade, StaffProfile
from lms.models.organisation import EMPLOYMENT_STATUS_OFFICIAL_NAMES
from lms.roles import GROUP_NAMES

from .fields import (
    EMAIL_DUPLICATE,
    EMAIL_TAKEN,
    STAFF_NUMBER_DUPLICATE,
    RowError,
    _error,
    _Lookups,
    _row_values,
)
from .read import COLUMNS, Progress, _records, workbook_rows

ACCOUNT = "계정"  # label of a change to the login only (kept in step with the profile)

# Why someone missing from the file is never set to retired by an import.
KEPT_IMPORTER = _("You are applying this import: you are not retired by it.")
KEPT_LAST_HR = _(
    "The last active training officer (HR): someone must be left to run the site."
)


@dataclass
class StaffRow:
    """A valid row of the file."""

    row: int
    staff_number: str
    name: str
    department: Department
    grade: str
    job_series: str
    email: str
    employment_status: str
    department_name: str = ""  # "정보통신과 정보정책팀", without a query per row

    @property
    def is_active_staff(self) -> bool:
        return self.employment_status == EmploymentStatus.ACTIVE

    @property
    def grade_name(self) -> str:
        return Grade.official_name(self.grade)

    @property
    def status_name(self) -> str:
        return EMPLOYMENT_STATUS_OFFICIAL_NAMES[self.employment_status]


@dataclass(frozen=True)
class FieldChange:
    column: str  # the file's header, or ACCOUNT
    old: str
    new: str


@dataclass
class StaffUpdate:
    row: StaffRow
    profile: StaffProfile
    changes: list[FieldChange]


@dataclass
class MissingStaff:
    """In service or on leave in the database, absent from the file.
    ``kept_because`` says why the import will not retire them, if it won't."""

    profile: StaffProfile
    department_name: str
    kept_because: str = ""

    @property
    def staff_number(self) -> str:
        return self.profile.staff_number

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def status_name(self) -> str:
        return EMPLOYMENT_STATUS_OFFICIAL_NAMES[self.profile.employment_status]


@dataclass
class ImportPlan:
    rows_read: int = 0
    creates: list[StaffRow] = field(default_factory=list)
    updates: list[StaffUpdate] = field(default_factory=list)
    unchanged: list[StaffRow] = field(default_factory=list)
    missing: list[MissingStaff] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    deactivate_missing: bool = False
    strict: bool = False

    @property
    def deactivations(self) -> list[MissingStaff]:
        # An empty file is never a full export.
        if self.deactivate_missing and self.rows_read:
            return [m for m in self.missing if not m.kept_because]
        return []

    @property
    def retirable(self) -> list[MissingStaff]:
        """Who would be retired if the box were ticked (whatever it is now)."""
        return [m for m in self.missing if not m.kept_because] if self.rows_read else []

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def will_apply(self) -> bool:
        return not (self.strict and self.errors)

    @property
    def digest(self) -> str:
        """What the plan would do, so that an apply can check it still holds."""
        h = hashlib.sha256()
        for r in self.creates:
            h.update(f"c{r.row}:{r.staff_number}\n".encode())
        for u in self.updates:
            h.update(f"u{u.row.row}:{u.row.staff_number}:{u.changes}\n".encode())
        for m in self.missing:
            h.update(
                f"m{m.profile.pk}:{m.profile.employment_status}:{m.kept_because}\n".encode()
            )
        for e in self.errors:
            h.update(f"e{e.row}:{e.column}:{e.code}\n".encode())
        return h.hexdigest()[:32]


# --- Planning -----------------------------------------------------------------


def staff_import_plan(
    *,
    rows: Iterable[Sequence] | None = None,
    workbook: str | Path | IO[bytes] | None = None,
    deactivate_missing: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    actor=None,
) -> ImportPlan:
    """Compare the HR export (``workbook``, or ``rows`` as a sheet's value
    tuples with the header) with the database. Writes nothing. Of the staff
    missing from the file, the import never retires ``actor`` (the person
    applying it) nor the last active training officers."""
    if (rows is None) == (workbook is None):
        raise TypeError("give rows or workbook")
    source = rows if rows is not None else workbook_rows(workbook)
    plan = ImportPlan(deactivate_missing=deactivate_missing, strict=strict)
    lookups = _Lookups()
    parsed, seen_numbers = _parse(plan, source, lookups, progress)
    _check_emails(parsed, lookups)
    for number, values, state in parsed:
        if state["errors"]:
            plan.errors.extend(state["errors"])
            continue
        name = lookups.department_names[values["department"].pk]
        _classify(plan, StaffRow(row=number, department_name=name, **values), lookups)
    plan.missing = [
        MissingStaff(p, lookups.department_names.get(p.department_id, ""))
        for p in sorted(lookups.profiles.values(), key=lambda p: p.staff_number)
        if p.employment_status != EmploymentStatus.RETIRED
        and p.staff_number not in seen_numbers
        and not p.user.is_superuser
    ]
    _keep_who_runs_the_site(plan.missing, actor=actor)
    plan.errors.sort(key=lambda e: (e.row, list(COLUMNS.values()).index(e.column)))
    return plan


def _keep_who_runs_the_site(missing: list[MissingStaff], *, actor) -> None:
    """Mark the importer, and the training officers when none would be left
    active, as kept: a full export that forgot them must not lock HR out."""
    actor_id = getattr(actor, "pk", None)
    hr_ids = set(
        get_user_model()
        .objects.filter(groups__name=GROUP_NAMES["hr"], is_active=True)
        .values_list("pk", flat=True)
    )
    leaving = {m.profile.user_id for m in missing} - {actor_id}
    last_hr = bool(hr_ids) and hr_ids <= leaving
    for m in missing:
        if m.profile.user_id == actor_id:
            m.kept_because = str(KEPT_IMPORTER)
        elif last_hr and m.profile.user_id in hr_ids:
            m.kept_because = str(KEPT_LAST_HR)


def _parse(plan: ImportPlan, source, lookups: _Lookups, progress: Progress | None):
    """Each row's values and errors, and the first row of each staff number."""
    parsed: list[tuple[int, dict[str, Any], dict[str, list[RowError]]]] = []
    seen_numbers: dict[str, int] = {}
    for number, record in _records(source, progress):
        plan.rows_read += 1
        errors: list[RowError] = []
        values = _row_values(number, record, lookups, errors)
        staff_number = values["staff_number"]
        if staff_number in seen_numbers:
            first = seen_numbers[staff_number]
            errors.append(
                _error(
                    number,
                    "staff_number",
                    STAFF_NUMBER_DUPLICATE,
                    value=staff_number,
                    first=first,
                )
            )
        elif staff_number:
            seen_numbers[staff_number] = number
        parsed.append((number, values, {"errors": errors}))
    return parsed, seen_numbers


def _check_emails(parsed, lookups: _Lookups) -> None:
    """An address may appear once in the file and must not belong to another
    login, unless that login's own row gives it a new address."""
    new_email = {
        values["staff_number"]: values["email"]
        for _, values, state in parsed
        if not state["errors"]
    }
    first_row: dict[str, int] = {}
    for number, values, state in parsed:
        email = values.get("email")
        if not email:
            continue
        if email in first_row:
            state["errors"].append(
                _error(
                    number,
                    "email",
                    EMAIL_DUPLICATE,
                    value=email,
                    first=first_row[email],
                )
            )
            continue
        first_row[email] = number
        own = lookups.profiles.get(values.get("staff_number") or "")
        for owner in lookups.users_by_email.get(email, ()):
            if own is not None and owner == own.user_id:
                continue
            owner_profile = lookups.profiles_by_user.get(owner)
            moving_away = (
                owner_profile is not None
                and new_email.get(owner_profile.staff_number, email) != email
            )
            if not moving_away:
                state["errors"].append(
                    _error(
                        number,
                        "email",
                        EMAIL_TAKEN,
                        value=email,
                        other=lookups.user_labels[owner],
                    )
                )
                break


def _classify(plan: ImportPlan, row: StaffRow, lookups: _Lookups) -> None:
    profile = lookups.profiles.get(row.staff_number)
    if profile is None:
        plan.creates.append(row)
        return
    changes = _changes(profile, row, lookups)
    if changes:
        plan.updates.append(StaffUpdate(row=row, profile=profile, changes=changes))
    else:
        plan.unchanged.append(row)


def _changes(
    profile: StaffProfile, row: StaffRow, lookups: _Lookups
) -> list[FieldChange]:
    names = lookups.department_names
    status = EMPLOYMENT_STATUS_OFFICIAL_NAMES.get
    pairs = [
        ("name", profile.name, row.name),
        (
            "department",
            names.get(profile.department_id, ""),
            names[row.department.pk],
        ),
        ("grade", Grade.official_name(profile.grade), Grade.official_name(row.grade)),
        ("job_series", profile.job_series, row.job_series),
        ("email", profile.user.email, row.email),
        (
            "status",
            status(profile.employment_status, ""),
            status(row.employment_status, ""),
        ),
    ]
    changes = [
        FieldChange(COLUMNS[key], old, new) for key, old, new in pairs if old != new
    ]
    if profile.department_id != row.department.pk and not any(
        c.column == COLUMNS["department"] for c in changes
    ):  # two departments of the same name
        changes.append(FieldChange(COLUMNS["department"], "", names[row.department.pk]))
    user = profile.user
    in_step = user.username == row.staff_number and user.is_active == (
        row.employment_status != EmploymentStatus.RETIRED
    )
    if not changes and not in_step:
        changes.append(FieldChange(ACCOUNT, "", ""))
    return changes
