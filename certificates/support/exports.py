"""The budget-claim roster (경비 지원 대상자 명단) that HR attaches to the
budget claim under Art. 15④: a summary per Art. 15② category and the detail
as a Korean administrative document. Streamed (write-only workbook, rows
read with an iterator) with a fixed number of queries."""

from collections.abc import Callable

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from certificates.support.models import (
    RESERVING_STATES,
    Budget,
    ClaimStatus,
    ExpenseClaim,
    SupportCategory,
)
from lms.excel import (
    DOCUMENT_HEADER_ROW,
    TextMemo,
    body_cell,
    cell_date,
    cell_header,
    cell_number,
    cell_text,
    cell_title,
    document_date,
    document_head,
    sheet_print_setup,
    text_plain,
)
from lms.masking import name_mask, staff_number_mask
from lms.models import Grade, LmsSettings
from lms.rosters import Roster, RosterFilters
from lms.selectors import department_full_names

DETAIL_HEADERS = [
    "연번",
    "소속",
    "직급",
    "성명",
    "직원번호",
    "구분",
    "교육·자격명",
    "시행기관",
    "취득(이수)일",
    "신청액",
    "지급액",
    "증빙",
    "비고",
]
DETAIL_WIDTHS = [6, 24, 12, 10, 12, 7, 30, 20, 13, 12, 12, 14, 16]
SUMMARY_HEADERS = ["구분", "건수", "신청액", "승인액", "지급액", "예산액", "잔액"]
SUMMARY_WIDTHS = [44, 8, 14, 14, 14, 14, 14]
STATUS_NOTE = {
    ClaimStatus.APPROVED: "승인(지급 전)",
    ClaimStatus.PAYMENT_REQUESTED: "지급 요청",
    ClaimStatus.PAID: "",
}
PROGRESS_EVERY = 1000


def _claims(filters: RosterFilters):
    qs = ExpenseClaim.objects.filter(
        fiscal_year=filters.year, status__in=RESERVING_STATES
    )
    if filters.category is not None:
        qs = qs.filter(category__number=filters.category)
    if filters.department is not None:
        qs = qs.filter(department__path__startswith=filters.department.path)
    return qs


def claims_roster_count(filters: RosterFilters) -> int:
    return _claims(filters).count()


def _settings() -> LmsSettings:
    return LmsSettings.current()


def claims_roster_write(
    out,
    *,
    filters: RosterFilters,
    masked: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the workbook to ``out``; returns the number of detail rows."""
    wb = Workbook(write_only=True)
    site = _settings()
    today = timezone.localdate()
    _summary_sheet(wb, filters=filters, site=site, today=today)
    rows = _detail_sheet(
        wb, filters=filters, site=site, today=today, masked=masked, progress=progress
    )
    wb.save(out)
    return rows


def _summary_sheet(wb, *, filters, site, today) -> None:
    ws = wb.create_sheet("요약")
    sheet_print_setup(ws, header_row=5, widths=SUMMARY_WIDTHS)
    ws.merged_cells.add("A1:G1")
    ws.append(
        [cell_title(ws, f"{filters.year}년 {site.programme_name} 경비 지원 현황")]
    )
    ws.append(
        [
            cell_text(
                ws,
                f"근거: 「{site.ordinance_name}」 제15조제4항 · 작성일: {document_date(today)}",
                border=False,
            )
        ]
    )
    ws.append([None] * 6 + [cell_text(ws, "(단위: 원)", border=False)])
    ws.append([])
    ws.append([cell_header(ws, h) for h in SUMMARY_HEADERS])

    claims = _claims(filters)
    per_category = {
        row["category"]: row
        for row in claims.values("category").annotate(
            count=Count("pk"),
            requested=Sum("amount_requested"),
            approved=Sum("amount_approved"),
            paid=Sum("amount_approved", filter=Q(status=ClaimStatus.PAID)),
        )
    }
    budgets = Budget.objects.filter(fiscal_year=filters.year)
    if filters.department is not None:
        budgets = budgets.filter(
            Q(department__isnull=True)
            | Q(department__path__startswith=filters.department.path)
        )
    money = {
        row["category"]: row
        for row in budgets.values("category").annotate(
            allocated=Sum("allocated"), reserved=Sum("approved")
        )
    }
    categories = SupportCategory.objects.order_by("number")
    if filters.category is not None:
        categories = categories.filter(number=filters.category)
    totals = [0] * 6
    for category in categories:
        row = per_category.get(category.pk, {})
        budget = money.get(category.pk, {})
        values = [
            row.get("count") or 0,
            row.get("requested") or 0,
            row.get("approved") or 0,
            row.get("paid") or 0,
            budget.get("allocated") or 0,
            (budget.get("allocated") or 0) - (budget.get("reserved") or 0),
        ]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        ws.append(
            [cell_text(ws, str(category))]
            + [cell_number(ws, values[0], number_format="#,##0")]
            + [cell_number(ws, v) for v in values[1:]]
        )
    ws.append(
        [cell_text(ws, "합계", bold=True)]
        + [cell_number(ws, v, bold=True) for v in totals]
    )


def _detail_sheet(wb, *, filters, site, today, masked, progress) -> int:
    ws = wb.create_sheet("명단")
    sheet_print_setup(ws, header_row=DOCUMENT_HEADER_ROW, widths=DETAIL_WIDTHS)
    document_head(
        ws,
        title=f"{filters.year}년 {site.programme_name} 경비 지원 대상자 명단",
        columns=len(DETAIL_HEADERS),
        day=today,
        details=(f"작성부서: {site.contact}",) if site.contact else (),
        unit="(단위: 원)",
    )
    ws.append([cell_header(ws, h) for h in DETAIL_HEADERS])

    claims = (
        _claims(filters)
        .order_by("department__path", "claimant__staff_profile__staff_number", "pk")
        .values_list(*DETAIL_FIELDS)
    )
    detail_row = _DetailRow(ws, departments=department_full_names(), masked=masked)
    requested_total = approved_total = rows = 0
    for values in claims.iterator(chunk_size=2000):
        rows += 1
        ws.append(detail_row(rows, values))
        requested_total += values[-3]
        approved_total += values[-2] or 0
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
    total_row = DOCUMENT_HEADER_ROW + 1 + rows
    ws.merged_cells.add(f"A{total_row}:I{total_row}")
    ws.append(
        [cell_text(ws, "합계", bold=True)]
        + [cell_text(ws, "") for _ in range(8)]
        + [
            cell_number(ws, requested_total, bold=True),
            cell_number(ws, approved_total, bold=True),
            cell_text(ws, ""),
            cell_text(ws, f"{rows}건"),
        ]
    )
    return rows


# One query of plain values (in this order, unpacked in _DetailRow): building
# model instances for every row would cost more than writing the workbook.
DETAIL_FIELDS = (
    "department_id",
    "claimant__username",
    "claimant__staff_profile__name",
    "claimant__staff_profile__staff_number",
    "claimant__staff_profile__grade",
    "certificate_id",
    "certificate__course_title",
    "certificate__provider",
    "certificate__completed_on",
    "qualification__qualification__name",
    "qualification__qualification__issuer",
    "qualification__acquired_on",
    "amount_requested",
    "amount_approved",
    "status",
)


class _DetailRow:
    """One detail row from one tuple of ``DETAIL_FIELDS``. The money and date
    cells are styled once and reused row after row (``body_cell``); columns
    that repeat a few values are guarded once per value (``TextMemo``)."""

    def __init__(self, ws, *, departments: dict, masked: bool):
        self.ws, self.masked = ws, masked
        self.departments = {k: text_plain(ws, v) for k, v in departments.items()}
        self.memo = TextMemo(ws)
        self.day = cell_date(ws, None)
        self.requested = cell_number(ws, 0)
        self.paid = cell_number(ws, 0)

    def __call__(self, number: int, values: tuple) -> list:
        (
            department_id,
            username,
            name,
            staff_number,
            grade,
            certificate_id,
            course_title,
            course_provider,
            completed_on,
            qualification_name,
            qualification_issuer,
            acquired_on,
            requested,
            approved,
            status,
        ) = values
        name, staff_number = name or username, staff_number or ""
        if certificate_id:
            kind, title, provider = "교육", course_title, course_provider
            day, evidence = completed_on, "수료증·영수증"
        else:
            kind, title, provider = "자격", qualification_name, qualification_issuer
            day, evidence = acquired_on, "합격증·영수증"
        if self.masked:
            name, staff_number = name_mask(name), staff_number_mask(staff_number)
        memo, ws = self.memo, self.ws
        return [
            number,
            self.departments.get(department_id),
            memo(Grade.official_name(grade)) if grade else None,
            text_plain(ws, name),
            text_plain(ws, staff_number),
            kind,
            memo(title),
            memo(provider),
            body_cell(self.day, day),
            body_cell(self.requested, requested),
            # 지급액 is what was paid: an approval not yet paid shows 0, as the
            # summary does (the note says where it stands).
            body_cell(self.paid, (approved or 0) if status == ClaimStatus.PAID else 0),
            evidence,
            STATUS_NOTE.get(status) or None,
        ]


def claims_roster_file_name(year: int) -> str:
    return f"{year}년 AI 역량강화 경비 지원 명단.xlsx"


CLAIMS_ROSTER = Roster(
    key="claims",
    label=_("Budget-claim roster (expense support)"),
    write=claims_roster_write,
    file_name=claims_roster_file_name,
    count=claims_roster_count,
    categories=lambda: [
        (c.number, str(c)) for c in SupportCategory.objects.order_by("number")
    ],
)
