"""The completion roster (a cycle's staff × the five Art. 14② topics) and
the learning-hours export for the national HR system (인사랑). Streamed: a
write-only workbook fed by a few ordered queries merged in step, so the
number of queries does not grow with the rows."""

import itertools
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from courses.models import Completion, Enrolment, Topic, TrainingCycle
from lms.excel import (
    DOCUMENT_HEADER_ROW,
    HOURS_FORMAT,
    TextMemo,
    body_cell,
    cell_date,
    cell_header,
    cell_number,
    cell_text,
    document_date,
    document_head,
    sheet_print_setup,
    text_plain,
)
from lms.masking import name_mask, staff_number_mask
from lms.models import Grade, LmsSettings, StaffProfile
from lms.rosters import Roster, RosterFilters
from lms.selectors import department_full_names

PROGRESS_EVERY = 1000
TOPIC_STATUS = {
    "in_progress": "진행 중",
    "not_started": "미이수",
    "overdue": "기한 경과",
}

# Every stream is ordered by the same key: (department path, user id).
ORDER = ("user__staff_profile__department__path", "user_id")


class _Stream:
    """Rows of one ordered query, grouped by key, taken in step with the staff."""

    def __init__(self, rows: Iterable[tuple]):
        self._groups = itertools.groupby(rows, key=lambda r: (r[0], r[1]))
        self._current = next(self._groups, None)

    def take(self, key: tuple) -> list[tuple]:
        while self._current is not None and self._current[0] < key:
            self._current = next(self._groups, None)
        if self._current is not None and self._current[0] == key:
            found = list(self._current[1])
            self._current = next(self._groups, None)
            return found
        return []


def _cycle(year: int) -> TrainingCycle | None:
    return TrainingCycle.objects.filter(year=year).first()


def _staff(cycle: TrainingCycle, filters: RosterFilters):
    qs = StaffProfile.objects.filter(user__topic_assignments__cycle=cycle).distinct()
    if filters.department is not None:
        qs = qs.filter(department__path__startswith=filters.department.path)
    return qs


def completions_roster_count(filters: RosterFilters) -> int:
    cycle = _cycle(filters.year)
    return _staff(cycle, filters).count() if cycle else 0


def _in_department(qs, filters: RosterFilters, *, via: str = ""):
    if filters.department is None:
        return qs
    return qs.filter(
        **{
            f"{via}user__staff_profile__department__path__startswith": filters.department.path
        }
    )


def completions_roster_write(
    out,
    *,
    filters: RosterFilters,
    masked: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("이수 현황")
    topics = list(Topic.objects.order_by("sort_order", "code"))
    headers = ["연번", "소속", "직급", "성명", "직원번호"]
    headers += [f"{t.code} {t.name}" for t in topics] + ["상태", "인정시간"]
    widths = [6, 24, 12, 10, 12] + [16] * len(topics) + [10, 9]
    sheet_print_setup(ws, header_row=DOCUMENT_HEADER_ROW, widths=widths)
    cycle = _cycle(filters.year)
    today = timezone.localdate()
    site = LmsSettings.current()
    details = (f"이수 기한: {document_date(cycle.due_on)}",) if cycle else ()
    if site.contact:
        details += (f"작성부서: {site.contact}",)
    document_head(
        ws,
        title=f"{filters.year}년 인공지능 필수교육(조례 제14조제2항) 이수 현황",
        columns=len(headers),
        day=today,
        details=details,
    )
    ws.append([cell_header(ws, h) for h in headers])
    if cycle is None:
        wb.save(out)
        return 0
    rows = 0
    for row in _completion_rows(cycle, filters, topics=topics, today=today):
        rows += 1
        ws.append(_roster_row(ws, rows, row, topics=topics, masked=masked))
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
    wb.save(out)
    return rows


def _completion_rows(cycle, filters, *, topics, today) -> Iterator[dict]:
    names = department_full_names()
    staff = (
        _staff(cycle, filters)
        .order_by("department__path", "user_id")
        .values_list(
            "department__path",
            "user_id",
            "name",
            "staff_number",
            "grade",
            "department_id",
        )
    )
    done = _Stream(
        _in_department(Completion.topics.through.objects, filters, via="completion__")
        .filter(completion__cycle=cycle)
        .order_by(
            "completion__user__staff_profile__department__path", "completion__user_id"
        )
        .values_list(
            "completion__user__staff_profile__department__path",
            "completion__user_id",
            "topic_id",
            "completion__completed_at",
        )
        .iterator(chunk_size=5000)
    )
    started = _Stream(
        _in_department(Enrolment.objects, filters)
        .filter(cycle=cycle, course__topics__isnull=False)
        .order_by(*ORDER)
        .values_list(*ORDER, "course__topics")
        .iterator(chunk_size=5000)
    )
    hours = _Stream(
        _in_department(Completion.objects, filters)
        .filter(cycle=cycle)
        .values(*ORDER)
        .annotate(total=Sum("recognised_hours"))
        .order_by(*ORDER)
        .values_list(*ORDER, "total")
        .iterator(chunk_size=5000)
    )
    overdue = today > cycle.due_on
    for path, user_id, name, staff_number, grade, department_id in staff.iterator(
        chunk_size=2000
    ):
        key = (path, user_id)
        completed = {}
        for _p, _u, topic_id, at in done.take(key):
            day = timezone.localdate(at)
            completed[topic_id] = min(day, completed.get(topic_id, day))
        begun = {topic_id for _p, _u, topic_id in started.take(key)}
        total = hours.take(key)
        yield {
            "department": names.get(department_id, ""),
            "grade": Grade.official_name(grade),
            "name": name,
            "staff_number": staff_number,
            "completed": completed,
            "begun": begun,
            "overdue": overdue,
            "hours": total[0][2] if total else 0,
        }


def _topic_cell(ws, row: dict, topic: Topic):
    if topic.pk in row["completed"]:
        return cell_date(ws, row["completed"][topic.pk])
    if row["overdue"]:
        return TOPIC_STATUS["overdue"]
    if topic.pk in row["begun"]:
        return TOPIC_STATUS["in_progress"]
    return TOPIC_STATUS["not_started"]


def _overall(row: dict, topics) -> str:
    if all(t.pk in row["completed"] for t in topics):
        return "이수 완료"
    if row["overdue"]:
        return "기한 경과"
    if row["completed"] or row["begun"]:
        return "진행 중"
    return "미이수"


def _roster_row(ws, number: int, row: dict, *, topics, masked: bool) -> list:
    return (
        [
            cell_number(ws, number, number_format="0"),
            cell_text(ws, row["department"]),
            cell_text(ws, row["grade"]),
            cell_text(ws, name_mask(row["name"]) if masked else row["name"]),
            cell_text(
                ws,
                staff_number_mask(row["staff_number"])
                if masked
                else row["staff_number"],
            ),
        ]
        + [_topic_cell(ws, row, t) for t in topics]
        + [
            _overall(row, topics),
            cell_number(ws, row["hours"], number_format=HOURS_FORMAT),
        ]
    )


# --- Learning hours for the national HR system ----------------------------------

HOURS_HEADERS = [
    "직원번호",
    "과정코드",
    "과정명",
    "교육기관",
    "교육시작일",
    "교육종료일",
    "인정시간",
]


def _hours_completions(filters: RosterFilters):
    qs = Completion.objects.filter(
        completed_at__year=filters.year, recognised_hours__gt=0
    )
    return _in_department(qs, filters)


def hours_export_count(filters: RosterFilters) -> int:
    return _hours_completions(filters).count()


def hours_export_write(
    out,
    *,
    filters: RosterFilters,
    masked: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """One row per completion with recognised hours, as the HR system imports
    them: no title rows, the header in the first row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("상시학습")
    sheet_print_setup(ws, header_row=1, widths=[12, 14, 36, 20, 13, 13, 9])
    ws.append([cell_header(ws, h) for h in HOURS_HEADERS])
    completions = (
        _hours_completions(filters)
        .order_by("user__staff_profile__staff_number", "completed_at")
        .values_list(
            "user__staff_profile__staff_number",
            "course_code",
            "course_title",
            "provider",
            "started_on",
            "completed_at",
            "recognised_hours",
        )
    )
    # One styled cell per column, reused row after row; course codes, titles
    # and providers repeat, so each is guarded once (see lms.excel).
    memo = TextMemo(ws)
    started_cell, completed_cell = cell_date(ws, None), cell_date(ws, None)
    hours_cell = cell_number(ws, 0, number_format=HOURS_FORMAT)
    rows = 0
    for (
        number,
        code,
        title,
        provider,
        started,
        completed,
        hours,
    ) in completions.iterator(chunk_size=5000):
        rows += 1
        number = number or ""
        ws.append(
            [
                text_plain(ws, staff_number_mask(number) if masked else number),
                memo(code),
                memo(title),
                memo(provider),
                body_cell(started_cell, started),
                body_cell(completed_cell, timezone.localdate(completed)),
                body_cell(hours_cell, hours),
            ]
        )
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
    wb.save(out)
    return rows


COMPLETIONS_ROSTER = Roster(
    key="completions",
    label=_("Completion roster (Art. 14② topics)"),
    write=completions_roster_write,
    file_name=lambda year: f"{year}년 AI 필수교육 이수 현황.xlsx",
    count=completions_roster_count,
)
HOURS_EXPORT = Roster(
    key="hours",
    label=_("Learning hours for the national HR system"),
    write=hours_export_write,
    file_name=lambda year: f"{year}년 상시학습 인정시간.xlsx",
    count=hours_export_count,
)
