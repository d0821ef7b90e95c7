"""Checking the fields of one row: staff number, name, department, grade, job
series, e-mail address and employment status, against lookups loaded once from
the database (``_Lookups``: departments, profiles and logins, a query each).

Owns the row error codes, their messages (``ERROR_MESSAGES``) and ``RowError``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from lms.app_settings import app_settings
from lms.models import Department, EmploymentStatus, Grade, StaffProfile
from lms.models.organisation import EMPLOYMENT_STATUS_OFFICIAL_NAMES, DepartmentKind

from .read import COLUMNS

STATUS_BY_OFFICIAL_NAME = {v: k for k, v in EMPLOYMENT_STATUS_OFFICIAL_NAMES.items()}

# --- Errors -----------------------------------------------------------------
STAFF_NUMBER_MISSING = "staff_number_missing"
STAFF_NUMBER_INVALID = "staff_number_invalid"
STAFF_NUMBER_DUPLICATE = "staff_number_duplicate"
ACCOUNT_CONFLICT = "account_conflict"
NAME_MISSING = "name_missing"
TOO_LONG = "too_long"
DEPARTMENT_MISSING = "department_missing"
DEPARTMENT_UNKNOWN = "department_unknown"
DEPARTMENT_INACTIVE = "department_inactive"
DEPARTMENT_AMBIGUOUS = "department_ambiguous"
GRADE_MISSING = "grade_missing"
GRADE_UNKNOWN = "grade_unknown"
EMAIL_MISSING = "email_missing"
EMAIL_INVALID = "email_invalid"
EMAIL_DUPLICATE = "email_duplicate"
EMAIL_TAKEN = "email_taken"
STATUS_MISSING = "status_missing"
STATUS_UNKNOWN = "status_unknown"

ERROR_MESSAGES = {
    STAFF_NUMBER_MISSING: _("The staff number is missing."),
    STAFF_NUMBER_INVALID: _(
        "“%(value)s” is not a staff number in the HR system's format."
    ),
    STAFF_NUMBER_DUPLICATE: _(
        "Staff number %(value)s is on row %(first)s and again on row %(row)s; "
        "row %(row)s is skipped."
    ),
    ACCOUNT_CONFLICT: _(
        "The login name %(value)s belongs to an account without a staff profile."
    ),
    NAME_MISSING: _("The name is missing."),
    TOO_LONG: _("“%(value)s” is longer than %(max)s characters."),
    DEPARTMENT_MISSING: _("The department is missing."),
    DEPARTMENT_UNKNOWN: _("No department is called “%(value)s”."),
    DEPARTMENT_INACTIVE: _("The department “%(value)s” is no longer active."),
    DEPARTMENT_AMBIGUOUS: _(
        "“%(value)s” matches more than one department (%(matches)s): "
        "write the division and the team."
    ),
    GRADE_MISSING: _("The grade is missing."),
    GRADE_UNKNOWN: _("Unknown grade “%(value)s” (write it as in “7급 주사보”)."),
    EMAIL_MISSING: _("The e-mail address is missing."),
    EMAIL_INVALID: _("“%(value)s” is not a valid e-mail address."),
    EMAIL_DUPLICATE: _("The e-mail address %(value)s is also on row %(first)s."),
    EMAIL_TAKEN: _(
        "The e-mail address %(value)s is already used by another account (%(other)s)."
    ),
    STATUS_MISSING: _("The employment status is missing."),
    STATUS_UNKNOWN: _("Unknown employment status “%(value)s” (재직, 휴직 or 퇴직)."),
}


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number
    column: str  # the file's header, e.g. "이메일"
    code: str
    params: dict = field(default_factory=dict, compare=False)

    @property
    def message(self) -> str:
        return str(ERROR_MESSAGES[self.code]) % {"row": self.row, **self.params}


# --- Lookups (loaded once) ----------------------------------------------------


def _match_key(text: str) -> str:
    return "".join(text.split())


class _Lookups:
    """Departments, profiles and logins, each in one query."""

    def __init__(self):
        departments = list(Department.objects.order_by("path"))
        by_path = {d.path: d for d in departments}
        self.department_names: dict[int, str] = {}
        self.by_full_name: dict[str, list[Department]] = defaultdict(list)
        self.by_name: dict[str, list[Department]] = defaultdict(list)
        for d in departments:
            full = d.name
            parent = by_path.get(d.path[: -Department.steplen])
            if d.kind == DepartmentKind.TEAM and parent is not None:
                full = f"{parent.name} {d.name}"
            self.department_names[d.pk] = full
            self.by_full_name[_match_key(full)].append(d)
            self.by_name[_match_key(d.name)].append(d)
        self.profiles = {
            p.staff_number: p for p in StaffProfile.objects.select_related("user")
        }
        User = get_user_model()
        self.users_by_name: dict[str, int] = {}
        self.users_by_email: dict[str, set[int]] = defaultdict(set)
        self.user_labels: dict[int, str] = {}
        for pk, username, email in User.objects.values_list("pk", "username", "email"):
            self.users_by_name[username] = pk
            self.user_labels[pk] = username
            if email:
                self.users_by_email[email.lower()].add(pk)
        self.profiles_by_user = {p.user_id: p for p in self.profiles.values()}
        for p in self.profiles.values():
            self.user_labels[p.user_id] = f"{p.name} {p.staff_number}"

    def department(self, text: str) -> tuple[Department | None, str | None, dict]:
        key = _match_key(text)
        matches = self.by_full_name.get(key) or self.by_name.get(key) or []
        active = [d for d in matches if d.active]
        if len(active) == 1:
            return active[0], None, {}
        if len(active) > 1:
            names = ", ".join(
                f"{self.department_names[d.pk]} ({d.code})" for d in active
            )
            return None, DEPARTMENT_AMBIGUOUS, {"matches": names}
        return None, (DEPARTMENT_INACTIVE if matches else DEPARTMENT_UNKNOWN), {}


# --- Checking one row ---------------------------------------------------------


def _error(row: int, key: str, code: str, **params) -> RowError:
    return RowError(row=row, column=COLUMNS[key], code=code, params=params)


def _row_values(
    number: int, record: dict[str, str], lookups: _Lookups, errors: list[RowError]
) -> dict[str, Any]:
    """The row's model values; problems are appended to ``errors``."""

    def fail(key):
        return lambda code, **params: errors.append(_error(number, key, code, **params))

    return {
        "staff_number": _staff_number_value(
            record["staff_number"], lookups, fail("staff_number")
        ),
        "name": _text_value(record["name"], fail("name"), missing=NAME_MISSING),
        "job_series": _text_value(record["job_series"], fail("job_series")),
        "department": _department_value(
            record["department"], lookups, fail("department")
        ),
        "grade": _grade_value(record["grade"], fail("grade")),
        "email": _email_value(record["email"], fail("email")),
        "employment_status": _status_value(record["status"], fail("status")),
    }


def _staff_number_value(text: str, lookups: _Lookups, fail) -> str:
    if not text:
        fail(STAFF_NUMBER_MISSING)
        return ""
    if len(text) > 20 or not re.match(app_settings.STAFF_NUMBER_PATTERN, text):
        fail(STAFF_NUMBER_INVALID, value=text)
        return ""
    user_pk = lookups.users_by_name.get(text)
    profile = lookups.profiles.get(text)
    if user_pk is not None and (profile is None or profile.user_id != user_pk):
        fail(ACCOUNT_CONFLICT, value=text)
    return text


def _text_value(text: str, fail, *, missing: str | None = None, limit=50) -> str:
    if missing and not text:
        fail(missing)
    elif len(text) > limit:
        fail(TOO_LONG, value=text[:limit] + "…", max=limit)
    return text


def _department_value(text: str, lookups: _Lookups, fail) -> Department | None:
    if not text:
        fail(DEPARTMENT_MISSING)
        return None
    department, code, params = lookups.department(text)
    if code:
        fail(code, value=text, **params)
    return department


def _grade_value(text: str, fail) -> str | None:
    if not text:
        fail(GRADE_MISSING)
        return None
    grade = Grade.from_official_name(text)
    if grade is None:
        fail(GRADE_UNKNOWN, value=text)
    return grade


def _status_value(text: str, fail) -> str | None:
    if not text:
        fail(STATUS_MISSING)
        return None
    status = STATUS_BY_OFFICIAL_NAME.get(text.replace(" ", ""))
    if status is None and text in EmploymentStatus.values:
        status = text
    if status is None:
        fail(STATUS_UNKNOWN, value=text)
    return status


def _email_value(text: str, fail) -> str:
    email = text.strip().lower()
    if not email:
        fail(EMAIL_MISSING)
        return ""
    try:
        validate_email(email)
    except ValidationError:
        fail(EMAIL_INVALID, value=text)
        return ""
    if len(email) > 254:
        fail(TOO_LONG, value=email[:50] + "…", max=254)
    return email
