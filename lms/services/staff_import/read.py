"""Reading the HR export: the first sheet of the workbook (streamed read-only, so
memory stays flat), the header row among the first rows, and each non-empty data
row as ``(row number, {field: text})``.

Owns the file's layout (``COLUMNS``, the row limits), the file-level error
(``StaffImportFileError`` and its messages) and the ``Progress`` callback type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

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
HEADER_SEARCH_ROWS = 10  # an export may start with a title row or two
MAX_ROWS = 50_000
PROGRESS_EVERY = 1_000

# --- Errors -----------------------------------------------------------------
FILE_UNREADABLE = _("The file cannot be read as an Excel workbook (.xlsx).")
FILE_NO_HEADER = _(
    "No header row was found: the first rows must name the columns %(columns)s."
)
FILE_MISSING_COLUMNS = _("The header row lacks the columns %(columns)s.")
FILE_TOO_MANY_ROWS = _("The file has more than %(max)s rows.")


class StaffImportFileError(Exception):
    """The file is not an .xlsx workbook or has no usable header row."""

    def __init__(self, message, **params):
        self.template, self.params = message, params
        super().__init__(str(message) % params if params else str(message))

    @property
    def message(self) -> str:
        # Rendered in the language active when read (admin user or command).
        return str(self.template) % self.params if self.params else str(self.template)


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
