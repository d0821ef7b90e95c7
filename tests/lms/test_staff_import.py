"""Staff import from the HR system's export: dry run, apply, command, admin."""

import datetime
import io

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Topic, TopicAssignment, TrainingCycle
from lms.admin import staff_import as admin_views
from lms.models import Department, EmploymentStatus, Grade, StaffProfile
from lms.roles import ROLES
from lms.services import staff_import as si
from lms.services.staff import department_save

pytestmark = pytest.mark.django_db

HEADER = ("직원번호", "성명", "소속", "직급", "직렬", "이메일", "재직상태")
VALID = [
    ("20190123", "김민준", "정보통신과 정보정책팀", "7급 주사보", "전산", "minjun.kim@example.com", "재직"),
    ("20210457", "이서연", "자치행정과 행정팀", "8급 서기", "행정", "seoyeon.lee@example.com", "재직"),
    ("20120311", "박지훈", "세정과 세무관리팀", "6급 주사", "세무", "jihoon.park@example.com", "재직"),
    ("20240802", "최수빈", "운정1동 행정복지센터", "9급 서기보", "행정", "subin.choi@example.com", "재직"),
    ("20050917", "정예준", "기획예산과", "5급 사무관", "행정", "yejun.jung@example.com", "재직"),
    ("20160222", "강하은", "복지정책과 복지기획팀", "7급 주사보", "사회복지", "haeun.kang@example.com", "휴직"),
    ("19980401", "조현우", "도시계획과", "4급 서기관", "시설", "hyunwoo.cho@example.com", "퇴직"),
]  # fmt: skip
FAULTY = [
    ("20190123", "윤지아", "총무과 교육팀", "8급 서기", "행정", "jia.yoon@example.com", "재직"),
    ("20230105", None, "총무과 교육팀", "9급 서기보", "행정", "noname@example.com", "재직"),
    ("20220714", "장도윤", "없는과", "7급 주사보", "행정", "doyun.jang@example.com", "재직"),
    ("20200330", "임서윤", "교통정책과", "7급 주사보", "행정", "not-an-email", "재직"),
    ("20180612", "한지우", "보건정책과", "11급", "보건", "jiwoo.han@example.com", "재직"),
    ("2017-0909", "오시우", "일자리경제과", "6급 주사", "행정", "siwoo.oh@example.com", "재직"),
]  # fmt: skip
# (spreadsheet row, column, error code) of the faulty rows: header on row 1.
SAMPLE_ERRORS = {
    (9, "직원번호", si.STAFF_NUMBER_DUPLICATE),
    (10, "성명", si.NAME_MISSING),
    (11, "소속", si.DEPARTMENT_UNKNOWN),
    (12, "이메일", si.EMAIL_INVALID),
    (13, "직급", si.GRADE_UNKNOWN),
    (14, "직원번호", si.STAFF_NUMBER_INVALID),
}


def xlsx(rows, *, header=HEADER, title_rows=()) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "직원명부"
    for row in (*title_rows, header, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


@pytest.fixture
def org(db):
    """The departments the sample names, and a second 행정팀 to make "행정팀" ambiguous."""
    made = {}

    def add(code, name, kind, parent=None):
        made[name if parent is None else f"{parent} {name}"] = department_save(
            department=Department(code=code, name=name, kind=kind),
            parent=made.get(parent),
        )

    for i, name in enumerate(
        [
            "정보통신과",
            "자치행정과",
            "세정과",
            "기획예산과",
            "복지정책과",
            "도시계획과",
            "총무과",
            "교통정책과",
            "보건정책과",
            "일자리경제과",
            "민원과",
        ]  # fmt: skip
    ):
        add(f"D{i:02d}", name, "division")
    for i, (parent, name) in enumerate(
        [
            ("정보통신과", "정보정책팀"),
            ("자치행정과", "행정팀"),
            ("세정과", "세무관리팀"),
            ("복지정책과", "복지기획팀"),
            ("총무과", "교육팀"),
            ("민원과", "행정팀"),
        ]  # fmt: skip
    ):
        add(f"T{i:02d}", name, "team", parent)
    add("L01", "운정1동 행정복지센터", "local_office")
    return made


@pytest.fixture
def sample():
    return xlsx(VALID + FAULTY)


def _codes(plan):
    return {(e.row, e.column, e.code) for e in plan.errors}


def _writes(queries):
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


# --- Planning -----------------------------------------------------------------


def test_dry_run_of_the_sample_names_each_error_and_writes_nothing(org, sample):
    with CaptureQueriesContext(connection) as ctx:
        plan = si.staff_import_plan(workbook=sample)
    assert _writes(ctx.captured_queries) == []
    assert plan.rows_read == 13
    assert [r.staff_number for r in plan.creates] == [r[0] for r in VALID]
    assert _codes(plan) == SAMPLE_ERRORS
    duplicate = next(e for e in plan.errors if e.code == si.STAFF_NUMBER_DUPLICATE)
    assert duplicate.params["first"] == 2  # both rows are named
    assert all(e.message for e in plan.errors)
    assert StaffProfile.objects.count() == 0
    statuses = {r.staff_number: r.employment_status for r in plan.creates}
    assert statuses["20160222"] == EmploymentStatus.LEAVE
    assert statuses["19980401"] == EmploymentStatus.RETIRED
    assert {r.staff_number: r.department_name for r in plan.creates}["20190123"] == (
        "정보통신과 정보정책팀"
    )


def test_numbers_reordered_columns_extra_columns_and_spaced_headers(org):
    header = (
        "비고",
        " 성 명",
        "이메일",
        "직원번호 ",
        "재직상태",
        "직렬",
        "소속",
        "직급",
    )
    rows = [
        ("", "김민준", "A@Example.com", 20190123, "재직", "전산", "정보통신과  정보정책팀", "7급"),
        ("x", "이서연", "b@example.com", 20210457.0, "휴직", None, "기획예산과", "8급 서기"),
    ]  # fmt: skip
    plan = si.staff_import_plan(
        workbook=xlsx(rows, header=header, title_rows=[("직원 명부",), ()])
    )
    assert plan.errors == []
    first, second = plan.creates
    assert (first.staff_number, first.email, first.grade) == (
        "20190123",
        "a@example.com",
        Grade.G7,
    )
    assert (second.staff_number, second.job_series, second.grade) == (
        "20210457",
        "",
        Grade.G8,
    )
    assert first.row == 4  # two title rows, then the header


def test_department_matching_by_name_ambiguity_and_inactive(org):
    org["도시계획과"].active = False
    org["도시계획과"].save()
    rows = [
        ("20000001", "가", "행정팀", "7급", "행정", "a1@example.com", "재직"),
        ("20000002", "나", "민원과 행정팀", "7급", "행정", "a2@example.com", "재직"),
        ("20000003", "다", "정보정책팀", "7급", "행정", "a3@example.com", "재직"),
        ("20000004", "라", "도시계획과", "7급", "행정", "a4@example.com", "재직"),
    ]
    plan = si.staff_import_plan(rows=[HEADER, *rows])
    assert _codes(plan) == {
        (2, "소속", si.DEPARTMENT_AMBIGUOUS),
        (5, "소속", si.DEPARTMENT_INACTIVE),
    }
    by_number = {r.staff_number: r.department for r in plan.creates}
    assert by_number == {
        "20000002": org["민원과 행정팀"],
        "20000003": org["정보통신과 정보정책팀"],
    }


def test_email_used_by_another_account_but_a_swap_is_allowed(org, make_staff):
    a = make_staff(staff_number="20000001", email="a@example.com")
    b = make_staff(staff_number="20000002", email="b@example.com")
    get_user_model().objects.create_user("admin", "boss@example.com", "x")
    rows = [
        (a.staff_number, a.name, "기획예산과", "7급", "행정", "b@example.com", "재직"),
        (b.staff_number, b.name, "기획예산과", "7급", "행정", "a@example.com", "재직"),
        ("20000003", "새사람", "기획예산과", "7급", "행정", "BOSS@example.com", "재직"),
        ("20000004", "또사람", "기획예산과", "7급", "행정", "b@example.com", "재직"),
    ]
    plan = si.staff_import_plan(rows=[HEADER, *rows])
    assert _codes(plan) == {
        (4, "이메일", si.EMAIL_TAKEN),
        (5, "이메일", si.EMAIL_DUPLICATE),
    }
    si.staff_import_apply(plan=plan)
    a.user.refresh_from_db()
    assert a.user.email == "b@example.com"
    assert EmailAddress.objects.get(user=a.user).email == "b@example.com"
    assert EmailAddress.objects.get(user=b.user).email == "a@example.com"


def test_planning_queries_do_not_grow_with_the_rows(org):
    def rows(n):
        return [HEADER] + [
            (
                f"3000{i:04d}",
                f"이름{i}",
                "정보통신과 정보정책팀",
                "7급 주사보",
                "행정",
                f"p{i}@example.com",
                "재직",
            )  # fmt: skip
            for i in range(n)
        ]

    si.staff_import_apply(plan=si.staff_import_plan(rows=rows(100)[:51]))  # 50 existing
    with CaptureQueriesContext(connection) as small:
        si.staff_import_plan(rows=rows(10))
    with CaptureQueriesContext(connection) as large:
        plan = si.staff_import_plan(rows=rows(100))
    assert len(plan.creates) == 50 and len(plan.unchanged) == 50
    assert len(large.captured_queries) == len(small.captured_queries) <= 5


# --- Applying -----------------------------------------------------------------


def test_apply_creates_logins_and_profiles_and_skips_faulty_rows(org, sample):
    plan = si.staff_import_plan(workbook=sample)
    result = si.staff_import_apply(plan=plan)
    assert (result.applied, result.created, result.skipped_rows) == (True, 7, 6)
    profile = StaffProfile.objects.select_related("user").get(staff_number="20190123")
    assert (profile.name, profile.department, profile.grade) == (
        "김민준",
        org["정보통신과 정보정책팀"],
        Grade.G7,
    )
    user = profile.user
    assert user.username == "20190123" and not user.has_usable_password()
    assert user.groups.filter(name=ROLES["learner"].group_name).exists()
    assert EmailAddress.objects.get(user=user, primary=True, verified=True).email == (
        "minjun.kim@example.com"
    )
    retired = StaffProfile.objects.get(staff_number="19980401")
    assert retired.employment_status == EmploymentStatus.RETIRED
    assert not retired.user.is_active
    assert StaffProfile.objects.get(staff_number="20160222").user.is_active
    assert not StaffProfile.objects.filter(name="윤지아").exists()


def test_importing_the_same_file_twice_changes_nothing(org, sample):
    si.staff_import_apply(plan=si.staff_import_plan(workbook=sample))
    sample.seek(0)
    plan = si.staff_import_plan(workbook=sample, deactivate_missing=True)
    assert (len(plan.creates), len(plan.updates), len(plan.unchanged)) == (0, 0, 7)
    assert plan.deactivations == []
    with CaptureQueriesContext(connection) as ctx:
        result = si.staff_import_apply(plan=plan)
    assert _writes(ctx.captured_queries) == []
    assert (result.created, result.updated, result.deactivated) == (0, 0, 0)


def test_updates_list_the_changed_fields(org, make_staff):
    make_staff(staff_number="20120311", name="박지훈", department=org["세정과"],
               grade=Grade.G7, job_series="세무", email="old@example.com")  # fmt: skip
    plan = si.staff_import_plan(rows=[HEADER, VALID[2]])
    (update,) = plan.updates
    assert {c.column: (c.old, c.new) for c in update.changes} == {
        "소속": ("세정과", "세정과 세무관리팀"),
        "직급": ("7급 주사보", "6급 주사"),
        "이메일": ("old@example.com", "jihoon.park@example.com"),
    }
    si.staff_import_apply(plan=plan)
    profile = StaffProfile.objects.select_related("user").get(staff_number="20120311")
    assert (profile.grade, profile.department) == (Grade.G6, org["세정과 세무관리팀"])
    assert profile.user.email == "jihoon.park@example.com"
    assert (
        EmailAddress.objects.get(user=profile.user).email == "jihoon.park@example.com"
    )


def test_missing_staff_are_retired_only_when_asked(org, make_staff, sample):
    gone = make_staff(staff_number="20000009")
    on_leave = make_staff(staff_number="20000010", employment_status="leave")
    in_faulty_row = make_staff(staff_number="20200330", email="seo@example.com")
    superuser = get_user_model().objects.create_superuser(
        "root", "root@example.com", "x"
    )
    kept = si.staff_import_plan(workbook=sample)
    assert [m.staff_number for m in kept.missing] == ["20000009", "20000010"]
    assert kept.deactivations == []
    si.staff_import_apply(plan=kept)
    assert StaffProfile.objects.get(pk=gone.pk).employment_status == "active"

    sample.seek(0)
    plan = si.staff_import_plan(workbook=sample, deactivate_missing=True)
    result = si.staff_import_apply(plan=plan)
    assert result.deactivated == 2
    for profile in (gone, on_leave):
        profile.refresh_from_db()
        profile.user.refresh_from_db()
        assert profile.employment_status == EmploymentStatus.RETIRED
        assert not profile.user.is_active
    in_faulty_row.refresh_from_db()
    assert in_faulty_row.employment_status == EmploymentStatus.ACTIVE
    superuser.refresh_from_db()
    assert superuser.is_active


def test_a_file_without_rows_retires_nobody(org, make_staff):
    make_staff(staff_number="20000009")
    plan = si.staff_import_plan(rows=[HEADER], deactivate_missing=True)
    assert len(plan.missing) == 1 and plan.deactivations == []


def test_strict_applies_nothing_when_a_row_fails(org, sample):
    plan = si.staff_import_plan(workbook=sample, strict=True)
    result = si.staff_import_apply(plan=plan)
    assert not result.applied
    assert StaffProfile.objects.count() == 0


def test_newly_active_staff_get_the_current_cycles_topics(org, make_staff, sample):
    year = timezone.localdate().year
    cycle = TrainingCycle.objects.create(year=year, due_on=datetime.date(year, 12, 31))
    returning = make_staff(staff_number="20050917", name="정예준", employment_status="leave",
                           department=org["기획예산과"], grade=Grade.G5,
                           email="yejun.jung@example.com")  # fmt: skip
    topics = Topic.objects.count()
    assert topics > 0
    assert not TopicAssignment.objects.filter(user=returning.user).exists()
    si.staff_import_apply(plan=si.staff_import_plan(workbook=sample))
    for number, expected in [("20190123", topics), ("20050917", topics),
                             ("20160222", 0), ("19980401", 0)]:  # fmt: skip
        user = StaffProfile.objects.get(staff_number=number).user
        assert (
            TopicAssignment.objects.filter(cycle=cycle, user=user).count() == expected
        )


# --- Command ------------------------------------------------------------------


@pytest.fixture
def sample_path(tmp_path, sample):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(sample.getvalue())
    return path


def test_command_dry_run_prints_the_plan_and_writes_nothing(org, sample_path):
    out = io.StringIO()
    call_command("import_staff", str(sample_path), "--dry-run", stdout=out)
    text = out.getvalue()
    for number, name, *_ in VALID:
        assert f"+ {number} {name}" in text
    with translation.override("ko"):  # the command's default language
        plan = si.staff_import_plan(workbook=io.BytesIO(sample_path.read_bytes()))
        messages = [e.message for e in plan.errors]
    assert len(messages) == 6
    assert all(message in text for message in messages)
    assert StaffProfile.objects.count() == 0


def test_command_applies_and_shows_progress(
    org, make_staff, sample_path, monkeypatch, capsys
):
    monkeypatch.setattr(si.read, "PROGRESS_EVERY", 5)
    make_staff(staff_number="20000009", name="떠난사람")
    out = io.StringIO()
    call_command("import_staff", str(sample_path), "--deactivate-missing", "--lang", "en",
                 stdout=out)  # fmt: skip
    assert StaffProfile.objects.count() == 8
    assert "- 20000009 떠난사람" in out.getvalue()
    assert (
        StaffProfile.objects.get(staff_number="20000009").employment_status == "retired"
    )
    assert "10" in capsys.readouterr().err


def test_command_strict_with_errors_exits_non_zero(org, sample_path):
    with pytest.raises(CommandError):
        call_command("import_staff", str(sample_path), "--strict", stdout=io.StringIO())
    assert StaffProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a workbook", si.FILE_UNREADABLE),
        (xlsx([("a", "b")], header=("이름", "부서")).getvalue(), si.FILE_NO_HEADER),
    ],
)
def test_command_refuses_unreadable_files_cleanly(db, tmp_path, content, reason):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_staff", str(path), stdout=io.StringIO())
    assert error.value.__cause__.template is reason
    with translation.override("en"):  # the English text is always there too
        english = error.value.__cause__.message
    assert english in str(error.value)
    with pytest.raises(CommandError):
        call_command("import_staff", str(tmp_path / "none.xlsx"), stdout=io.StringIO())


def test_missing_columns_are_named(db):
    with pytest.raises(si.StaffImportFileError) as error:
        si.staff_import_plan(rows=[HEADER[:5]])
    assert error.value.params == {"columns": "이메일, 재직상태"}


# --- Admin --------------------------------------------------------------------

URL = "/admin/organisation/staff-import/"


@pytest.fixture
def hr_client(client, make_staff):
    user = make_staff(staff_number="29990001", email="hr-officer@example.com").user
    user.groups.add(Group.objects.get(name=ROLES["hr"].group_name))
    client.force_login(user)
    return client


def _upload(client, data, name="staff.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_admin_dry_run_then_apply(org, hr_client, sample):
    assert reverse("lms_staff_import") == URL
    assert hr_client.get(URL).status_code == 200
    response = _upload(hr_client, sample.getvalue())
    assert response.status_code == 200
    plan = response.context["plan"]
    assert len(plan.creates) == 7 and _codes(plan) == SAMPLE_ERRORS
    assert [m.staff_number for m in plan.missing] == ["29990001"]  # the officer
    content = response.content.decode()
    assert "20190123" in content and "없는과" in content
    assert StaffProfile.objects.count() == 1
    form = response.context["apply_form"]
    response = hr_client.post(
        URL, {"token": form.initial["token"], "digest": form.initial["digest"]}
    )  # the retire box left unticked: the officer stays
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.deactivated, result.skipped_rows) == (7, 0, 6)
    assert StaffProfile.objects.count() == 8
    # The upload is gone: the same token cannot apply twice.
    again = hr_client.post(
        URL, {"token": form.initial["token"], "digest": form.initial["digest"]}
    )
    assert again.status_code == 400


def test_admin_apply_refuses_a_forged_token_and_rechecks_a_changed_plan(
    org, hr_client, sample, make_staff
):
    response = _upload(hr_client, sample.getvalue())
    form = response.context["apply_form"]
    forged = hr_client.post(URL, {"token": form.initial["token"] + "x", "digest": "x"})
    assert forged.status_code == 400
    make_staff(staff_number="20190123", email="other@example.com")  # changed meanwhile
    response = hr_client.post(
        URL, {"token": form.initial["token"], "digest": form.initial["digest"]}
    )
    assert response.status_code == 200 and response.context["changed"]
    assert "result" not in response.context
    assert StaffProfile.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("staff.xlsx", b"plain text, not a workbook"),
        ("staff.csv", b"PK\x03\x04 looks like a zip"),
        ("staff.xlsx", b"PK\x03\x04 broken zip"),
        ("staff.xlsx", xlsx([("a",)], header=("이름",)).getvalue()),
    ],
)
def test_admin_rejects_bad_files_with_a_form_error(hr_client, name, data):
    response = _upload(hr_client, data, name)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert StaffProfile.objects.count() == 1


def test_admin_rejects_files_over_the_limit(hr_client, sample, monkeypatch):
    monkeypatch.setattr(admin_views, "MAX_UPLOAD_BYTES", 100)
    response = _upload(hr_client, sample.getvalue())
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [str(admin_views.TOO_BIG)]


def test_admin_import_is_for_hr_only(client, make_staff, sample):
    learner = make_staff(staff_number="29990002").user
    client.force_login(learner)
    assert client.get(URL).status_code in (302, 403)
    assert _upload(client, sample.getvalue()).status_code in (302, 403)
    auditor = make_staff(staff_number="29990003").user
    auditor.groups.add(Group.objects.get(name=ROLES["auditor"].group_name))
    client.force_login(auditor)
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard.
    for response in (client.get(URL), _upload(client, sample.getvalue())):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert StaffProfile.objects.count() == 2


def test_menu_item_in_the_organisation_group_for_hr_only(hr_client, make_staff):
    from django.test import RequestFactory
    from wagtail.admin.menu import admin_menu

    def items(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        group = next(
            i
            for i in admin_menu.menu_items_for_request(request)
            if i.name == "organisation"
        )
        return {i.name for i in group.menu.menu_items_for_request(request)}

    hr = StaffProfile.objects.get(staff_number="29990001").user
    assert "staff-import" in items(hr)
    auditor = make_staff(staff_number="29990003").user
    auditor.groups.add(Group.objects.get(name=ROLES["auditor"].group_name))
    auditor = get_user_model().objects.get(pk=auditor.pk)
    assert "staff-import" not in items(auditor)


# --- Safe defaults: nobody is retired by accident ------------------------------------


def _dry_run(client, sample):
    response = _upload(client, sample.getvalue())
    assert response.status_code == 200
    return response


def test_the_retire_box_is_off_by_default_and_names_the_count(org, hr_client, sample):
    response = _dry_run(hr_client, sample)
    field = response.context["apply_form"]["deactivate_missing"]
    assert not field.value()
    assert "checked" not in str(field)
    # The officer applying it is the only one missing, and is kept: 0.
    assert "0" in field.label


def test_retiring_needs_the_tick_and_a_second_confirmation(
    org, hr_client, sample, make_staff
):
    leaver = make_staff(staff_number="20000009", name="떠난사람")
    form = _dry_run(hr_client, sample).context["apply_form"]
    ticked = {
        "token": form.initial["token"],
        "digest": form.initial["digest"],
        "deactivate_missing": "on",
    }
    response = hr_client.post(URL, ticked)
    assert response.status_code == 200 and "result" not in response.context
    assert [m.staff_number for m in response.context["confirm_retire"]] == ["20000009"]
    page = response.content.decode()
    assert "떠난사람" in page and 'name="retire_confirmed"' in page
    leaver.refresh_from_db()
    assert leaver.employment_status != EmploymentStatus.RETIRED  # nothing yet
    response = hr_client.post(URL, {**ticked, "retire_confirmed": "True"})
    assert response.context["result"].deactivated == 1
    leaver.refresh_from_db()
    assert leaver.employment_status == EmploymentStatus.RETIRED
    assert not leaver.user.is_active


def test_the_importer_is_never_retired_by_their_own_import(org, hr_client, sample):
    # The officer (29990001) is not in the sample file.
    form = _dry_run(hr_client, sample).context["apply_form"]
    response = hr_client.post(
        URL,
        {
            "token": form.initial["token"],
            "digest": form.initial["digest"],
            "deactivate_missing": "on",
            "retire_confirmed": "True",
        },
    )
    assert response.context["result"].deactivated == 0
    officer = StaffProfile.objects.get(staff_number="29990001")
    assert officer.employment_status != EmploymentStatus.RETIRED
    assert officer.user.is_active
    (kept,) = response.context["plan"].missing
    assert kept.kept_because == str(si.KEPT_IMPORTER)


def test_the_last_active_training_officer_is_never_retired(org, make_staff, sample):
    officer = make_staff(staff_number="29990007", name="마지막담당").user
    officer.groups.add(Group.objects.get(name=ROLES["hr"].group_name))
    plan = si.staff_import_plan(workbook=sample, deactivate_missing=True)
    (kept,) = [m for m in plan.missing if m.staff_number == "29990007"]
    assert kept.kept_because == str(si.KEPT_LAST_HR)
    assert "29990007" not in [m.staff_number for m in plan.deactivations]
    si.staff_import_apply(plan=plan)
    officer.refresh_from_db()
    assert officer.is_active


def test_a_second_officer_in_the_file_lets_the_missing_one_go(org, make_staff, sample):
    # Only the last officer is protected: with another one staying, the
    # missing officer is retired like anyone else.
    missing = make_staff(staff_number="29990007", name="떠난담당").user
    missing.groups.add(Group.objects.get(name=ROLES["hr"].group_name))
    other = make_staff(staff_number="29990008", name="남는담당").user
    other.groups.add(Group.objects.get(name=ROLES["hr"].group_name))
    plan = si.staff_import_plan(workbook=sample, deactivate_missing=True, actor=other)
    assert "29990007" in [m.staff_number for m in plan.deactivations]
    assert "29990008" not in [m.staff_number for m in plan.deactivations]


def test_the_command_keeps_the_last_officer_and_says_why(org, make_staff, sample_path):
    officer = make_staff(staff_number="29990007", name="마지막담당").user
    officer.groups.add(Group.objects.get(name=ROLES["hr"].group_name))
    out = io.StringIO()
    call_command("import_staff", str(sample_path), "--deactivate-missing", "--lang", "en",
                 stdout=out)  # fmt: skip
    officer.refresh_from_db()
    assert officer.is_active
    assert "= 29990007 마지막담당: The last active training officer" in out.getvalue()
