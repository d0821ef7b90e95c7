import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from lms.excel import cell_date, cell_number, cell_text

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " =1+1",
]


def _round_trip(values):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    ws.append([cell_text(ws, v) for v in values])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return list(load_workbook(buffer)["t"].iter_rows())[0]


def test_formula_payloads_stay_text_and_are_quote_prefixed():
    cells = _round_trip(PAYLOADS)
    for payload, cell in zip(PAYLOADS, cells, strict=True):
        assert cell.data_type == "s", payload
        # The text is kept (without lxml a carriage return reads back as a line feed).
        assert cell.value in (payload, payload.replace("\r", "\n"))
        assert cell.quotePrefix, payload


def test_ordinary_text_is_not_prefixed():
    (cell,) = _round_trip(["홍길동"])
    assert cell.value == "홍길동" and cell.data_type == "s" and not cell.quotePrefix


@given(st.text(max_size=40))
def test_no_text_ever_becomes_a_formula(text):
    (cell,) = _round_trip([text])
    assert cell.data_type != "f"
    assert not isinstance(cell.value, (int, float))


def test_numbers_and_dates_stay_typed():
    import datetime

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    ws.append([cell_number(ws, 1_234_000), cell_date(ws, datetime.date(2026, 9, 16))])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    money, day = list(load_workbook(buffer)["t"].iter_rows())[0]
    assert money.value == 1_234_000 and money.number_format == "#,##0"
    assert day.is_date and day.value.date() == datetime.date(2026, 9, 16)


@given(st.text(max_size=40))
def test_the_fast_path_never_writes_a_formula_either(text):
    from lms.excel import text_plain

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    ws.append(["first", text_plain(ws, text)])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    row = next(load_workbook(buffer)["t"].iter_rows())
    assert all(cell.data_type != "f" for cell in row)


def test_the_fast_path_guards_every_payload():
    from lms.excel import text_plain

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    for payload in PAYLOADS:
        assert not isinstance(text_plain(ws, payload), str), payload
    assert text_plain(ws, "홍길동") == "홍길동"


def test_remembered_text_and_reused_cells_stay_right_row_after_row():
    """TextMemo hands out one guarded cell per payload and body_cell reuses one
    styled cell per column: each streamed row still reads back as its own,
    and every payload stays text."""
    from lms.excel import TextMemo, body_cell, cell_number

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("t")
    memo, money = TextMemo(ws), cell_number(ws, 0)
    for amount, payload in enumerate(PAYLOADS * 2, start=1):
        ws.append([memo(payload), memo(payload), body_cell(money, amount * 1000)])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    rows = list(load_workbook(buffer)["t"].iter_rows())
    assert len(rows) == 2 * len(PAYLOADS)
    for amount, row in enumerate(rows, start=1):
        assert row[0].data_type == row[1].data_type == "s"
        assert row[0].value == row[1].value
        assert row[2].value == amount * 1000 and row[2].number_format == "#,##0"
