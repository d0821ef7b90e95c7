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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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


def cell_text(ws, value, *, bold: bool = False, border: bool = True) -> WriteOnlyCell:
    """A text cell that can never become a formula."""
    text = text_clean(value)
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # openpyxl would make "=..." a formula
    if FORMULA_TRIGGERS.match(text):
        cell.quotePrefix = True
    if bold:
        cell.font = BOLD
    if border:
        cell.border = BORDER
    return cell


def csv_text_safe(value: str) -> str:
    """Text for a CSV cell that spreadsheet programs open as text, never as a
    formula: the same triggers, neutralised with a leading apostrophe."""
    if value and FORMULA_TRIGGERS.match(value):
        return "'" + value
    return value


def cell_number(ws, value, *, number_format: str = MONEY_FORMAT, bold=False):
    cell = WriteOnlyCell(ws, value=None if value is None else value)
    cell.number_format = number_format
    cell.border = BORDER
    if bold:
        cell.font = BOLD
    return cell


def cell_date(ws, value: datetime.date | datetime.datetime | None):
    if isinstance(value, datetime.datetime):
        value = value.date()
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    cell.border = BORDER
    return cell


def cell_formula(ws, formula: str, *, number_format: str = MONEY_FORMAT, bold=True):
    """A formula the product writes itself (totals); never user text."""
    cell = WriteOnlyCell(ws, value=formula)
    cell.number_format = number_format
    cell.border = BORDER
    if bold:
        cell.font = BOLD
    return cell


def cell_header(ws, value: str) -> WriteOnlyCell:
    cell = cell_text(ws, value, bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = CENTER
    return cell


def cell_title(ws, value: str) -> WriteOnlyCell:
    cell = cell_text(ws, value, border=False)
    cell.font = TITLE_FONT
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
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def document_date(day: datetime.date) -> str:
    """2026. 9. 16.(수) — the date as Korean documents write it."""
    weekday = "월화수목금토일"[day.weekday()]
    return f"{day.year}. {day.month}. {day.day}.({weekday})"
