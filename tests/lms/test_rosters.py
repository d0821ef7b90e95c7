import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from certificates.support.services import (
    claim_approve,
    claim_mark_paid,
    claim_payment_request,
)
from courses.models import TrainingCycle
from courses.services.cycles import cycle_assign
from lms.models import ExportLog
from lms.rosters import (
    FULL_NEEDS_PERMISSION,
    FULL_NEEDS_REASON,
    RosterError,
    RosterFilters,
    roster_export,
)
from tests.certificates.support.claim_fixtures import (
    YEAR,
    budget,
    policy,
    submitted_claim,
)
from tests.conftest import with_role
from tests.factories import lessons_of, make_course, quiz_of, right_answers

pytestmark = pytest.mark.django_db

INJECTION = '=HYPERLINK("http://example.com","x")'


def _export(key, user=None, **kwargs):
    buffer = io.BytesIO()
    log = roster_export(
        key=key, filters=RosterFilters(year=YEAR), out=buffer, user=user, **kwargs
    )
    buffer.seek(0)
    return load_workbook(buffer), log


def _all_text(wb) -> str:
    return " ".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
    )


@pytest.fixture
def claims(make_staff):
    policy()
    budget(1_000_000, number=1)
    budget(300_000, number=4)
    hr = with_role(make_staff(name="박담당").user, "hr")
    paid = submitted_claim(
        make_staff(name="김민준", staff_number="20190123").user,
        amounts=[("tuition", 180_000)],
    )
    paid = claim_approve(claim=paid, approver=hr, amount=150_000)
    paid = claim_payment_request(claim=paid, actor=hr)
    claim_mark_paid(claim=paid, actor=hr, reference="REF-1")
    approved = submitted_claim(
        make_staff(name=INJECTION, staff_number="20210457").user,
        amounts=[("exam_fee", 50_000)],
        number=4,
    )
    claim_approve(claim=approved, approver=hr)
    submitted_claim(make_staff(name="이대기", staff_number="20230001").user)
    return hr


def test_claims_roster_summary_detail_and_print_setup(claims):
    wb, log = _export("claims")
    summary, detail = wb["요약"], wb["명단"]

    rows = list(summary.iter_rows(min_row=5, values_only=True))
    assert rows[0] == ("구분", "건수", "신청액", "승인액", "지급액", "예산액", "잔액")
    first, fourth, total = rows[1], rows[4], rows[-1]
    assert first[1:] == (1, 180_000, 150_000, 150_000, 1_000_000, 850_000)
    assert fourth[1:] == (1, 50_000, 50_000, 0, 300_000, 250_000)
    assert total[0] == "합계" and total[1:] == (
        2,
        230_000,
        200_000,
        150_000,
        1_300_000,
        1_100_000,
    )

    header = [c.value for c in detail[4]]
    assert header == [
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
    body = list(detail.iter_rows(min_row=5))
    assert len(body) == 3  # two claims (the submitted one is not in) and the totals
    for row in body[:2]:
        assert row[8].is_date and row[8].number_format == "yyyy. m. d."
        assert isinstance(row[9].value, int) and row[9].number_format == "#,##0"
        assert isinstance(row[10].value, int) and row[10].number_format == "#,##0"
    assert body[-1][0].value == "합계"
    assert (body[-1][9].value, body[-1][10].value) == (230_000, 200_000)
    assert [c.value for c in detail[1]][10:] == ["담당", "팀장", "과장"]
    assert detail["M3"].value == "(단위: 원)"
    for ws in (summary, detail):
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.oddFooter.center.text == "&P / &N"
    assert detail.print_title_rows == "$4:$4"
    assert log.row_count == 2 and log.masked and log.roster == "claims"


def test_masked_roster_shows_no_name_or_staff_number_and_no_formula(claims):
    wb, _ = _export("claims")
    text = _all_text(wb)
    for secret in ("김민준", "20190123", "20210457", INJECTION):
        assert secret not in text
    assert "김*준" in text and "20****23" in text
    assert not any(
        c.data_type == "f"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
    )


def test_full_export_needs_permission_and_reason_and_is_logged(claims, make_staff):
    learner = make_staff().user
    with pytest.raises(RosterError) as refused:
        _export("claims", user=learner, masked=False, reason="감사 대응")
    assert str(refused.value) == str(FULL_NEEDS_PERMISSION)
    claims.user_permissions.add(
        Permission.objects.get(
            codename="export_full_roster", content_type__app_label="lms"
        )
    )
    claims.refresh_from_db()
    with pytest.raises(RosterError) as no_reason:
        _export("claims", user=claims, masked=False)
    assert str(no_reason.value) == str(FULL_NEEDS_REASON)
    wb, log = _export("claims", user=claims, masked=False, reason="예산 정산 제출")
    text = _all_text(wb)
    assert "김민준" in text and "20190123" in text
    # A formula-looking name is written as text, never as a formula.
    cell = next(
        c for row in wb["명단"].iter_rows() for c in row if c.value == INJECTION
    )
    assert cell.data_type == "s" and cell.quotePrefix
    assert (log.user, log.masked, log.reason) == (claims, False, "예산 정산 제출")
    assert ExportLog.objects.count() == 1


def test_claims_roster_queries_do_not_grow_with_rows(claims, make_staff):
    _export("claims")  # the first export also creates the site settings row
    with CaptureQueriesContext(connection) as few:
        _export("claims")
    hr = claims
    for _ in range(8):
        claim_approve(claim=submitted_claim(make_staff().user), approver=hr)
    with CaptureQueriesContext(connection) as many:
        _, log = _export("claims")
    assert log.row_count == 10
    assert len(many) == len(few), "\n".join(
        q["sql"][:150] for q in many.captured_queries
    )


def _complete(user, course):
    from courses.services.learning import (
        lesson_complete,
        quiz_attempt_start,
        quiz_attempt_submit,
    )

    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    attempt = quiz_attempt_start(user=user, quiz=quiz_of(course))
    quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz_of(course)))


def test_completion_roster_and_hours_export(make_staff):
    cycle = TrainingCycle.objects.create(year=YEAR, due_on=f"{YEAR}-12-31")
    done = make_staff(name="김이수", staff_number="20200001")
    idle = make_staff(name="박대기", staff_number="20200002")
    cycle_assign(cycle=cycle)
    course = make_course(topics=("14-2-1", "14-2-2"), hours="3")
    _complete(done.user, course)

    wb, log = _export("completions", masked=False, reason="점검", user=None)
    ws = wb.active
    header = [c.value for c in ws[4]]
    assert header[:5] == ["연번", "소속", "직급", "성명", "직원번호"]
    assert header[5].startswith("14-2-1") and header[-2:] == ["상태", "인정시간"]
    rows = {r[3].value: r for r in ws.iter_rows(min_row=5)}
    assert set(rows) == {"김이수", "박대기"} and log.row_count == 2
    mine = rows["김이수"]
    assert mine[5].is_date and mine[6].is_date and mine[7].value == "미이수"
    assert mine[-2].value == "진행 중" and mine[-1].value == 3
    assert rows["박대기"][-2].value == "미이수" and rows["박대기"][-1].value == 0

    wb, log = _export("hours")
    ws = wb.active
    assert [c.value for c in ws[1]] == [
        "직원번호",
        "과정코드",
        "과정명",
        "교육기관",
        "교육시작일",
        "교육종료일",
        "인정시간",
    ]
    (row,) = list(ws.iter_rows(min_row=2))
    assert row[0].value == "20****01" and row[1].value == course.course_code
    assert row[5].is_date and row[6].value == 3
    assert idle.staff_number not in _all_text(wb)


def _document_head(ws) -> dict:
    """The head of a roster as a Korean document, read relative to its last
    column: where the title, the 결재란 and the creation date are."""
    last = ws.max_column
    merged = [str(r) for r in ws.merged_cells.ranges if str(r).startswith("A1:")]
    return {
        "sign_off": [ws.cell(1, c).value for c in range(last - 2, last + 1)],
        "boxes": [
            (ws.cell(2, c).value, ws.cell(2, c).border.top.style)
            for c in range(last - 2, last + 1)
        ],
        "labels_bordered": all(
            ws.cell(1, c).border.left.style == "thin" for c in range(last - 2, last + 1)
        ),
        "title_merge": merged,
        "title_end": merged[0].split(":")[1] if merged else None,
        "dated": str(ws["A3"].value).startswith("작성일: "),
        "print_titles": ws.print_title_rows,
    }


def test_the_completion_roster_has_the_sign_off_box_of_the_claims_roster(
    claims, make_staff
):
    TrainingCycle.objects.create(year=YEAR, due_on=f"{YEAR}-12-31")
    make_staff(name="김이수")
    cycle_assign(cycle=TrainingCycle.objects.get(year=YEAR))
    claims_head = _document_head(_export("claims")[0]["명단"])
    completions = _export("completions")[0].active
    head = _document_head(completions)

    assert head["sign_off"] == claims_head["sign_off"] == ["담당", "팀장", "과장"]
    # Under each label an empty, bordered box for the stamp.
    for boxes in (head["boxes"], claims_head["boxes"]):
        assert [(value or "", style) for value, style in boxes] == [("", "thin")] * 3
    assert head["labels_bordered"] and claims_head["labels_bordered"]
    assert head["dated"] and claims_head["dated"]
    assert "이수 기한: " in completions["A3"].value
    assert head["print_titles"] == claims_head["print_titles"] == "$4:$4"
    # The title spans rows 1-2 and stops one column short of the box.
    n = completions.max_column
    assert head["title_merge"] == [f"A1:{get_column_letter(n - 4)}2"]
    assert claims_head["title_merge"] == ["A1:I2"]
    assert [c.value for c in completions[4]][:2] == ["연번", "소속"]


def test_export_roster_command(claims, tmp_path):
    out = tmp_path / "r.xlsx"
    with pytest.raises(CommandError):
        call_command("export_roster", "--kind", "claims", "--full", "--out", str(out))
    with pytest.raises(CommandError):
        call_command("export_roster", "--kind", "nope", "--out", str(out))
    call_command(
        "export_roster",
        "--year",
        str(YEAR),
        "--kind",
        "claims",
        "--full",
        "--reason",
        "결산",
        "--out",
        str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert "김민준" in _all_text(load_workbook(out))
    log = ExportLog.objects.get()
    assert (log.channel, log.masked, log.reason, log.user) == (
        "command",
        False,
        "결산",
        None,
    )


@pytest.mark.parametrize("key", ["completions", "hours"])
def test_learning_rosters_queries_do_not_grow_with_rows(key, make_staff):
    cycle = TrainingCycle.objects.create(year=YEAR, due_on=f"{YEAR}-12-31")
    course = make_course(topics=("14-2-1",))

    def add_staff(count):
        for _ in range(count):
            staff = make_staff()
            cycle_assign(cycle=cycle, users=[staff.user])
            _complete(staff.user, course)

    add_staff(2)
    _export(key)
    with CaptureQueriesContext(connection) as few:
        _export(key)
    add_staff(8)
    with CaptureQueriesContext(connection) as many:
        _, log = _export(key)
    assert log.row_count == 10
    assert len(many) == len(few)


def test_each_detail_row_carries_its_own_values(claims, make_staff):
    """The money and date cells are reused from row to row while streaming:
    every row must still show its own claim."""
    from django.utils import timezone

    from certificates.models import (
        Qualification,
        QualificationStatus,
        StaffQualification,
    )
    from certificates.support.services import (
        claim_draft_create,
        claim_item_add,
        claim_submit,
        claim_update,
    )
    from tests.certificates.support.claim_fixtures import category, receipt_png

    budget(200_000, number=2)
    holder = make_staff(name="최자격", staff_number="20220077").user
    acquired = timezone.localdate().replace(day=1)  # within the 90-day deadline
    earned = StaffQualification.objects.create(
        user=holder,
        qualification=Qualification.objects.first(),
        acquired_on=acquired,
        certificate_number="Q-77",
        status=QualificationStatus.VERIFIED,
    )
    claim = claim_draft_create(
        claimant=holder, category=category(2), qualification=earned
    )
    claim_item_add(
        claim=claim,
        kind="exam_fee",
        amount=70_000,
        receipt=receipt_png(),
        receipt_content_type="image/png",
    )
    claim_update(claim=claim, category=claim.category, attested=True)
    claim_approve(claim=claim_submit(claim=claim, actor=holder), approver=claims)

    wb, log = _export("claims", masked=False, reason="정산")
    body = list(wb["명단"].iter_rows(min_row=5, values_only=True))[:-1]
    by_number = {row[4]: row for row in body}
    assert log.row_count == len(body) == 3
    assert by_number["20190123"][5] == "교육"
    assert by_number["20190123"][9:11] == (180_000, 150_000)
    # 지급액 is what was paid (issue 17): approved but not yet paid is 0, as in
    # the summary; it used to repeat the approved amount.
    assert by_number["20210457"][9:11] == (50_000, 0)
    qualification_row = by_number["20220077"]
    assert qualification_row[5] == "자격"
    assert qualification_row[6] == Qualification.objects.first().name
    assert qualification_row[8].date() == acquired
    assert qualification_row[9:11] == (70_000, 0)
    assert [row[0] for row in body] == [1, 2, 3]


def test_hours_export_rows_each_carry_their_own_course_and_hours(make_staff):
    """The hours export reuses its date and hours cells from row to row."""
    first = make_course(slug="hours-a", topics=("14-2-1",), hours="3")
    second = make_course(slug="hours-b", topics=("14-2-2",), hours="1.5")
    staff = make_staff(name="김이수", staff_number="20200001").user
    other = make_staff(name="이학습", staff_number="20200003").user
    _complete(staff, first)
    _complete(staff, second)
    _complete(other, second)

    wb, log = _export("hours", masked=False, reason="점검", user=None)
    rows = [
        (r[0].value, r[1].value, r[6].value, r[5].is_date, r[6].number_format)
        for r in wb.active.iter_rows(min_row=2)
    ]
    assert log.row_count == 3
    assert sorted(rows) == sorted(
        [
            ("20200001", first.course_code, 3, True, "0.0"),
            ("20200001", second.course_code, 1.5, True, "0.0"),
            ("20200003", second.course_code, 1.5, True, "0.0"),
        ]
    )
