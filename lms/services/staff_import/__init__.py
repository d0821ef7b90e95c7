"""Staff import from the HR system's export (직원번호, 성명, 소속, 직급, 직렬, 이메일, 재직상태).

An import is a dry run followed, once someone has looked at it, by an apply
(the admin's upload page and the ``import_staff`` command both work this way).
It goes through four steps, one module each; each imports only the ones above
it (read ← fields ← plan ← apply):

1. ``read``: open the workbook (``.xlsx``, first sheet, streamed read-only so
   memory stays flat), find the header row among the first rows, and yield each
   non-empty data row as ``{field: text}``. A file that cannot be read or has
   no usable header raises ``StaffImportFileError``.
2. ``fields``: check each field of a row on its own (staff number, name,
   department, grade, job series, e-mail address, employment status) against
   lookups loaded up front: a fixed number of queries whatever the file's size.
   A problem becomes a ``RowError`` (row, column, message).
3. ``plan``: ``staff_import_plan`` adds the checks across rows (a staff number
   or e-mail address given twice, an address taken by another login) and
   compares the valid rows with the database, writing nothing: creates, updates
   (field by field), unchanged rows, staff missing from the file, and errors.
4. ``apply``: ``staff_import_apply`` writes a plan in one transaction. Rows
   with errors are skipped and the valid ones applied (what HR expects of a
   monthly export); ``strict`` applies nothing when any row fails. Staff missing
   from the file are set to retired only with ``deactivate_missing`` (the file
   must be a full export), never when the file has no rows, and never a
   superuser.

Writes are done in bulk: the same steps as ``staff_create`` / ``staff_update``
(login without a usable password, learner group, allauth address, profile, one
``lms_staff_activated`` call for everyone entering service), which stay the
path for the admin's one-person forms.

Import the public names from here (``from lms.services.staff_import import
staff_import_plan``), not from the modules.
"""

from .apply import BATCH, ImportResult, staff_import_apply
from .fields import (
    ACCOUNT_CONFLICT,
    DEPARTMENT_AMBIGUOUS,
    DEPARTMENT_INACTIVE,
    DEPARTMENT_MISSING,
    DEPARTMENT_UNKNOWN,
    EMAIL_DUPLICATE,
    EMAIL_INVALID,
    EMAIL_MISSING,
    EMAIL_TAKEN,
    ERROR_MESSAGES,
    GRADE_MISSING,
    GRADE_UNKNOWN,
    NAME_MISSING,
    STAFF_NUMBER_DUPLICATE,
    STAFF_NUMBER_INVALID,
    STAFF_NUMBER_MISSING,
    STATUS_BY_OFFICIAL_NAME,
    STATUS_MISSING,
    STATUS_UNKNOWN,
    TOO_LONG,
    RowError,
)
from .plan import (
    ACCOUNT,
    KEPT_IMPORTER,
    KEPT_LAST_HR,
    FieldChange,
    ImportPlan,
    MissingStaff,
    StaffRow,
    StaffUpdate,
    staff_import_plan,
)
from .read import (
    COLUMNS,
    FILE_MISSING_COLUMNS,
    FILE_NO_HEADER,
    FILE_TOO_MANY_ROWS,
    FILE_UNREADABLE,
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    PROGRESS_EVERY,
    Progress,
    StaffImportFileError,
    cell_text,
    workbook_rows,
)

__all__ = [
    "KEPT_IMPORTER",
    "KEPT_LAST_HR",
    "ACCOUNT",
    "ACCOUNT_CONFLICT",
    "BATCH",
    "COLUMNS",
    "DEPARTMENT_AMBIGUOUS",
    "DEPARTMENT_INACTIVE",
    "DEPARTMENT_MISSING",
    "DEPARTMENT_UNKNOWN",
    "EMAIL_DUPLICATE",
    "EMAIL_INVALID",
    "EMAIL_MISSING",
    "EMAIL_TAKEN",
    "ERROR_MESSAGES",
    "FILE_MISSING_COLUMNS",
    "FILE_NO_HEADER",
    "FILE_TOO_MANY_ROWS",
    "FILE_UNREADABLE",
    "GRADE_MISSING",
    "GRADE_UNKNOWN",
    "HEADER_SEARCH_ROWS",
    "MAX_ROWS",
    "NAME_MISSING",
    "PROGRESS_EVERY",
    "STAFF_NUMBER_DUPLICATE",
    "STAFF_NUMBER_INVALID",
    "STAFF_NUMBER_MISSING",
    "STATUS_BY_OFFICIAL_NAME",
    "STATUS_MISSING",
    "STATUS_UNKNOWN",
    "TOO_LONG",
    "FieldChange",
    "ImportPlan",
    "ImportResult",
    "MissingStaff",
    "Progress",
    "RowError",
    "StaffImportFileError",
    "StaffRow",
    "StaffUpdate",
    "cell_text",
    "staff_import_apply",
    "staff_import_plan",
    "workbook_rows",
]
