"""The one place that writes Excel cells for exports.

Workbooks are written in openpyxl's write-only (streaming) mode. Text that
came from users goes through ``cell_text`` so that no spreadsheet program
treats it as a formula: it is stored as a string *and* marked with Excel's
quote prefix (the apostrophe a person types), so it stays text even when
someone edits the cell. Numbers and dates stay typed.
"""

import datetime
import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MONEY_FORMAT = "#,##0"
DATE_FORMAT = "yyyy. m. d."
HOURS_FORMAT = "0.0"

# =, +, -, @, tab, CR (and LF), and their full-width forms, after any spaces.
FORMULA_TRIGGERS = re.compile(r"^[\s\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def text_clean(value) -> str:
    """Text without the control characters that XML (and so .xlsx) cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


class _SheetCell(Cell):
    """A write-only cell with a cheap ``repr``. ``append`` tells a cell from a
    value by trying to convert it and catching the error, whose message
    formats the cell's repr (sheet title and coordinate): with three styled
    cells per row that formatting alone cost more than the cells' styles."""

    __slots__ = ()

    def __repr__(self):
        return "<SheetCell>"


def _styled(ws, value, key: tuple, apply) -> WriteOnlyCell:
    """A cell whose style is built once per sheet and then shared: setting
    fonts and borders cell by cell costs more than writing the data."""
    cache = ws.__dict__.setdefault("_lms_styles", {})
    cell = _SheetCell(worksheet=ws, column=1, row=1, value=value)
    style = cache.get(key)
    if style is None:
        apply(cell)
        cache[key] = cell._style
    else:
        cell._style = style  # write-only cells are never changed after this
    return cell


def cell_text(ws, value, *, bold: bool = False, border: bool = True) -> WriteOnlyCell:
    """A text cell that can never become a formula."""
    text = text_clean(value)
    prefixed = bool(FORMULA_TRIGGERS.match(text))

    def apply(cell):
        if prefixed:
            cell.quotePrefix = True
        if bold:
            cell.font = BOLD
        if border:
            cell.border = BORDER

    cell = _styled(ws, text, ("text", prefixed, bold, border), apply)
    cell.data_type = "s"  # openpyxl would make "=..." a formula
    return cell


# Either a character XML cannot hold or a leading formula trigger: one search
# tells the (rare) text that needs work from the (usual) text that does not.
_NEEDS_CARE = re.compile(
    r"[\000-\010\013\014\016-\037]|^[\s\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]"
)


def text_plain(ws, value):
    """Body text on the fast path: a plain string when it is harmless (openpyxl
    writes it as text), a guarded text cell only when it looks like a formula.
    Styling every cell of a 100,000-row roster would double its cost; body
    cells get no border and the sheet prints its grid lines instead."""
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else str(value)
    if _NEEDS_CARE.search(text) is None:
        return text
    text = text_clean(text)
    if FORMULA_TRIGGERS.match(text):
        return cell_text(ws, text, border=False)
    return text or None


class TextMemo:
    """``text_plain`` remembered per value, for the columns of a streamed body
    that repeat a few values over many rows (departments, grades, course
    titles, providers): the guard runs once per distinct value, not per row.

    A guarded cell handed out twice is safe to share: a write-only sheet
    writes each row while it is appended, before the next row is built."""

    def __init__(self, ws, limit: int = 10_000):
        self.ws, self.limit, self.seen = ws, limit, {}

    def __call__(self, value):
        try:
            return self.seen[value]
        except KeyError:
            text = text_plain(self.ws, value)
            if len(self.seen) < self.limit:
                self.seen[value] = text
            return text


def body_cell(cell: WriteOnlyCell, value) -> WriteOnlyCell:
    """Reuse one styled cell (from ``cell_number`` or ``cell_date``) for the
    same column of every body row. A write-only sheet writes each row while it
    is appended, so the cell is free again for the next row: a roster of
    100,000 rows then builds three styled cells, not 300,000."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    cell.value = value
    return cell


def csv_text_safe(value: str) -> str:
    """Text for a CSV cell that spreadsheet programs open as text, never as a
    formula: the same triggers, neutralised with a leading apostrophe."""
    if value and FORMULA_TRIGGERS.match(value):
        return "'" + value
    return value


def cell_number(ws, value, *, number_format: str = MONEY_FORMAT, bold=False):
    def apply(cell):
        cell.number_format = number_format
        cell.border = BORDER
        if bold:
            cell.font = BOLD

    return _styled(ws, value, ("number", number_format, bold), apply)


def cell_date(ws, value: datetime.date | datetime.datetime | None):
    if isinstance(value, datetime.datetime):
        value = value.date()

    def apply(cell):
        cell.number_format = DATE_FORMAT
        cell.border = BORDER

    return _styled(ws, value, ("date",), apply)


def cell_formula(ws, formula: str, *, number_format: str = MONEY_FORMAT, bold=True):
    """A formula the product writes itself (totals); never user text."""

    def apply(cell):
        cell.number_format = number_format
        cell.border = BORDER
        if bold:
            cell.font = BOLD

    return _styled(ws, formula, ("formula", number_format, bold), apply)


def cell_header(ws, value: str) -> WriteOnlyCell:
    def apply(cell):
        cell.font = BOLD
        cell.border = BORDER
        cell.fill = HEADER_FILL
        cell.alignment = CENTER

    cell = _styled(ws, text_clean(value), ("header",), apply)
    cell.data_type = "s"
    return cell


def cell_title(ws, value: str) -> WriteOnlyCell:
    cell = _styled(
        ws, text_clean(value), ("title",), lambda c: setattr(c, "font", TITLE_FONT)
    )
    cell.data_type = "s"
    return cell


def sheet_print_setup(ws, *, header_row: int | None, widths: list[int]) -> None:
    """A4 landscape, fit to the page width, header row repeated on every
    page, page numbers in the footer. Must run before the first row."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "&P / &N"
    ws.print_options.gridLines = True
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


# The head of a roster laid out as a Korean administrative document takes the
# first three rows; the column headers follow in this one.
DOCUMENT_HEADER_ROW = 4
SIGN_OFF = ("담당", "팀장", "과장")


def document_head(
    ws,
    *,
    title: str,
    columns: int,
    day: datetime.date,
    details: tuple[str, ...] = (),
    unit: str | None = None,
) -> None:
    """The head of a Korean administrative document, in three rows: the title
    over two rows on the left and the sign-off box (결재란: 담당 / 팀장 / 과장
    over empty bordered boxes for the stamps) in the last three of
    ``columns``; then the creation date with ``details`` and, in the last
    column, the ``unit`` (e.g. "(단위: 원)"). Every roster that is filed or
    signed uses it, so they all look the same."""
    if columns < len(SIGN_OFF) + 2:
        raise ValueError("A document needs room for its title and sign-off box.")
    ws.merged_cells.add(f"A1:{get_column_letter(columns - len(SIGN_OFF) - 1)}2")
    gap = [None] * (columns - len(SIGN_OFF) - 1)
    ws.append(
        [cell_title(ws, title)] + gap + [cell_header(ws, label) for label in SIGN_OFF]
    )
    ws.append([None, *gap] + [cell_text(ws, "") for _ in SIGN_OFF])
    note = " · ".join((f"작성일: {document_date(day)}", *details))
    row = [cell_text(ws, note, border=False)]
    if unit:
        row += [None] * (columns - 2) + [cell_text(ws, unit, border=False)]
    ws.append(row)


def document_date(day: datetime.date) -> str:
    """2026. 9. 16.(수) — the date as Korean documents write it."""
    weekday = "월화수목금토일"[day.weekday()]
    return f"{day.year}. {day.month}. {day.day}.({weekday})"
