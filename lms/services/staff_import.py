"""Staff import from the HR system's export (직원번호, 성명, 소속, 직급, 직렬, 이메일, 재직상태).

``staff_import_plan`` reads the workbook and compares it with the database
without writing anything: creates, updates (field by field), unchanged rows,
staff missing from the file, and row errors (row, column, message).
``staff_import_apply`` writes a plan in one transaction. Rows with errors are
skipped and the valid ones applied (what HR expects of a monthly export);
``strict`` applies nothing when any row fails. Staff missing from the file are
set to retired only with ``deactivate_missing`` (the file must be a full
export), never when the file has no rows, and never a superuser.

Lookups are loaded up front (a fixed number of queries whatever the file's
size) and writes are done in bulk: the same steps as ``staff_create`` /
``staff_update`` (login without a usable password, learner group, allauth
address, profile, one ``lms_staff_activated`` call for everyone entering
service), which stay the path for the admin's one-person forms.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Department, EmploymentStatus, Grade, StaffProfile
from lms.models.organisation import EMPLOYMENT_STATUS_OFFICIAL_NAMES, DepartmentKind
from lms.roles import LEARNER
from lms.services.staff import _staff_activated

# The HR export's headers (matched ignoring whitespace), by field.
COLUMNS = {
    "staff_number": "직원번호",
    "name": "성명",
    "department": "소속",
    "grade": "직급",
    "job_series": "직렬",
    "email": "이메일",
    "status": "재직상태",
}
ACCOUNT = "계정"  # label of a change to the login only (kept in step with the profile)
HEADER_SEARCH_ROWS = 10  # an export may start with a title row or two
MAX_ROWS = 50_000
PROGRESS_EVERY = 1_000
BATCH = 500

STATUS_BY_OFFICIAL_NAME = {v: k for k, v in EMPLOYMENT_STATUS_OFFICIAL_NAMES.items()}

# --- Errors -----------------------------------------------------------------
FILE_UNREADABLE = _("The file cannot be read as an Excel workbook (.xlsx).")
FILE_NO_HEADER = _(
    "No header row was found: the first rows must name the columns %(columns)s."
)
FILE_MISSING_COLUMNS = _("The header row lacks the columns %(columns)s.")
FILE_TOO_MANY_ROWS = _("The file has more than %(max)s rows.")

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


class StaffImportFileError(Exception):
    """The file is not an .xlsx workbook or has no usable header row."""

    def __init__(self, message, **params):
        self.template, self.params = message, params
        super().__init__(str(message) % params if params else str(message))

    @property
    def message(self) -> str:
        # Rendered in the language active when read (admin user or command).
        return str(self.template) % self.params if self.params else str(self.template)


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number
    column: str  # the file's header, e.g. "이메일"
    code: str
    params: dict = field(default_factory=dict, compare=False)

    @property
    def message(self) -> str:
        return str(ERROR_MESSAGES[self.code]) % {"row": self.row, **self.params}


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
    """In service or on leave in the database, absent from the file."""

    profile: StaffProfile
    department_name: str

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
            return self.missing
        return []

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
            h.update(f"m{m.profile.pk}:{m.profile.employment_status}\n".encode())
        for e in self.errors:
            h.update(f"e{e.row}:{e.column}:{e.code}\n".encode())
        return h.hexdigest()[:32]


@dataclass
class ImportResult:
    applied: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    skipped_rows: int = 0


Progress = Callable[[str, int], None]

# --- Reading ----------------------------------------------------------------


def workbook_rows(source: str | Path | IO[bytes]) -> Iterator[tuple]:
    """The first sheet's rows as value tuples (read-only: memory stays flat)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as error:  # zip, XML or format errors: all "not an .xlsx"
        raise StaffImportFileError(FILE_UNREADABLE) from error
    try:
        yield from sheet.iter_rows(values_only=True)
    except Exception as error:
        raise StaffImportFileError(FILE_UNREADABLE) from error
    finally:
        book.close()


def cell_text(value: Any) -> str:
    """A cell as the HR system meant it: 20190123 (number) → "20190123"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = " ".join(str(value).split())
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def _header_key(value: Any) -> str:
    return "".join(cell_text(value).split()).strip("*")


def _find_header(rows: Iterator[tuple]) -> tuple[int, dict[str, int]]:
    """The header row's number and each field's column index."""
    wanted = {header: key for key, header in COLUMNS.items()}
    best: tuple[int, dict[str, int]] | None = None
    for number, values in enumerate(rows, start=1):
        found = {}
        for index, value in enumerate(values or ()):
            key = wanted.get(_header_key(value))
            if key and key not in found:
                found[key] = index
        if found and (best is None or len(found) > len(best[1])):
            best = (number, found)
        if len(found) == len(COLUMNS):
            return number, found
        if number >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        raise StaffImportFileError(FILE_NO_HEADER, columns=", ".join(COLUMNS.values()))
    missing = [h for k, h in COLUMNS.items() if k not in best[1]]
    raise StaffImportFileError(FILE_MISSING_COLUMNS, columns=", ".join(missing))


def _records(
    rows: Iterable[Sequence], progress: Progress | None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {field: text}) for each non-empty data row."""
    it = iter(rows)
    header_row, columns = _find_header(it)
    count = 0
    for number, values in enumerate(it, start=header_row + 1):
        values = values or ()
        record = {
            key: cell_text(values[i]) if i < len(values) else ""
            for key, i in columns.items()
        }
        if not any(record.values()):
            continue
        count += 1
        if count > MAX_ROWS:
            raise StaffImportFileError(FILE_TOO_MANY_ROWS, max=MAX_ROWS)
        if progress and count % PROGRESS_EVERY == 0:
            progress("read", count)
        yield number, record


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


# --- Planning -----------------------------------------------------------------


def staff_import_plan(
    *,
    rows: Iterable[Sequence] | None = None,
    workbook: str | Path | IO[bytes] | None = None,
    deactivate_missing: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Compare the HR export (``workbook``, or ``rows`` as a sheet's value
    tuples with the header) with the database. Writes nothing."""
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
    plan.errors.sort(key=lambda e: (e.row, list(COLUMNS.values()).index(e.column)))
    return plan


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
    if len(text) > 20 or not re.match(settings.LMS_STAFF_NUMBER_PATTERN, text):
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


# --- Applying -----------------------------------------------------------------


def staff_import_apply(
    *, plan: ImportPlan, progress: Progress | None = None
) -> ImportResult:
    """Write the plan in one transaction; a strict plan with errors writes nothing."""
    result = ImportResult(
        applied=plan.will_apply,
        unchanged=len(plan.unchanged),
        skipped_rows=plan.error_rows,
    )
    if not plan.will_apply:
        return result
    with transaction.atomic():
        activated = _create(plan.creates, progress)
        activated += _update(plan.updates)
        _deactivate(plan.deactivations)
        if activated:
            _staff_activated(activated)
    result.created = len(plan.creates)
    result.updated = len(plan.updates)
    result.deactivated = len(plan.deactivations)
    return result


def _create(rows: list[StaffRow], progress: Progress | None) -> list:
    """``staff_create`` for many: login, learner group, e-mail address, profile."""
    if not rows:
        return []
    from allauth.account.models import EmailAddress

    User = get_user_model()
    users = []
    for row in rows:
        user = User(
            username=row.staff_number,
            email=row.email,
            is_active=row.employment_status != EmploymentStatus.RETIRED,
        )
        user.set_unusable_password()
        users.append(user)
    for start in range(0, len(users), BATCH):
        User.objects.bulk_create(users[start : start + BATCH])
        if progress:
            progress("write", min(start + BATCH, len(users)))
    if any(u.pk is None for u in users):  # databases that return no keys
        pks = dict(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", "pk"
            )
        )
        for user in users:
            user.pk = pks[user.username]
    group = Group.objects.get_or_create(name=LEARNER.group_name)[0]
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=u.pk, group_id=group.pk) for u in users], batch_size=BATCH
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=BATCH,
    )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user=user,
                staff_number=row.staff_number,
                name=row.name,
                department=row.department,
                grade=row.grade,
                job_series=row.job_series,
                employment_status=row.employment_status,
            )
            for user, row in zip(users, rows, strict=True)
        ],
        batch_size=BATCH,
    )
    return [u for u, row in zip(users, rows, strict=True) if row.is_active_staff]


def _update(updates: list[StaffUpdate]) -> list:
    """``staff_update`` for many; returns the logins entering service."""
    if not updates:
        return []
    from allauth.account.models import EmailAddress

    now = timezone.now()
    activated, profiles, users, new_addresses = [], [], [], []
    for update in updates:
        profile, row, user = update.profile, update.row, update.profile.user
        if row.is_active_staff and not profile.is_active_staff:
            activated.append(user)
        profile.name, profile.department = row.name, row.department
        profile.grade, profile.job_series = row.grade, row.job_series
        profile.employment_status, profile.updated_at = row.employment_status, now
        if user.email != row.email:
            new_addresses.append(user)
        user.username, user.email = row.staff_number, row.email
        user.is_active = row.employment_status != EmploymentStatus.RETIRED
        profiles.append(profile)
        users.append(user)
    StaffProfile.objects.bulk_update(
        profiles,
        [
            "name",
            "department",
            "grade",
            "job_series",
            "employment_status",
            "updated_at",
        ],
        batch_size=BATCH,
    )
    get_user_model().objects.bulk_update(
        users, ["username", "email", "is_active"], batch_size=BATCH
    )
    # Old addresses go first, so that two people may swap addresses.
    ids = [u.pk for u in new_addresses]
    for start in range(0, len(ids), BATCH):
        EmailAddress.objects.filter(user_id__in=ids[start : start + BATCH]).delete()
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in new_addresses
        ],
        batch_size=BATCH,
    )
    return activated


def _deactivate(missing: list[MissingStaff]) -> None:
    now = timezone.now()
    profiles = [m.profile for m in missing]
    for start in range(0, len(profiles), BATCH):
        chunk = profiles[start : start + BATCH]
        StaffProfile.objects.filter(pk__in=[p.pk for p in chunk]).update(
            employment_status=EmploymentStatus.RETIRED, updated_at=now
        )
        get_user_model().objects.filter(pk__in=[p.user_id for p in chunk]).update(
            is_active=False
        )
