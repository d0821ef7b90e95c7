"""HR's training dashboard (admin) and the department head's dashboard (site):
the panels' figures against counts made row by row, who may open them and
the number of queries."""

import datetime
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from certificates.models import Budget, Certificate
from courses.models import (
    Completion,
    CoursePage,
    SurveyResponse,
    Topic,
    TopicAssignment,
)
from courses.selectors import cycle_current
from courses.services.cycles import cycle_for_date
from lms.dashboard import ALL, DashboardPanel, dashboard_panels, scope_paths
from lms.models import Department, EmploymentStatus, StaffProfile
from lms.roles import GROUP_NAMES, roles_sync
from lms.selectors import department_subtree_for_head
from lms.services.staff import department_save

pytestmark = pytest.mark.django_db

HR_DASHBOARD = "/admin/training-dashboard/"
HEAD_DASHBOARD = "/learn/department/"


# --- Reading the page back ----------------------------------------------------


def _compliance_rows(html: str) -> dict[str, list[tuple[int, int]]]:
    """{department code or "total": [(complete, assigned) per topic…, all five]}"""
    table = re.search(r'<table[^>]*id="compliance-table".*?</table>', html, re.S)
    assert table, "no compliance table on the page"
    rows = {}
    for code, body in re.findall(
        r'<tr data-department="([^"]+)">(.*?)</tr>', table.group(0), re.S
    ):
        rows[code] = [
            (int(complete), int(assigned))
            for assigned, complete in re.findall(
                r'data-assigned="(\d+)" data-complete="(\d+)"', body
            )
        ]
    return rows


def _table_first_column(html: str, table_id: str) -> list[str]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    if table is None:
        return []
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(0), re.S).group(1)
    return re.findall(r'<th scope="row">([^<]*)</th>', body)


# --- Counting row by row ------------------------------------------------------


def _expected_compliance(cycle, row_departments) -> dict[str, list[tuple[int, int]]]:
    """What the table should say, counted one staff member at a time."""
    topics = list(Topic.objects.all())
    done = set()
    for completion in Completion.objects.filter(cycle=cycle).prefetch_related("topics"):
        for topic in completion.topics.all():
            done.add((completion.user_id, topic.pk))
    owed = defaultdict(set)
    for assignment in TopicAssignment.objects.filter(cycle=cycle):
        owed[assignment.user_id].add(assignment.topic_id)
    staff = [
        p
        for p in StaffProfile.objects.select_related("user", "department")
        if p.user.is_active
        and p.employment_status == EmploymentStatus.ACTIVE
        and owed[p.user_id]
    ]

    def tally(members):
        cells = []
        for topic in topics:
            assigned = [p for p in members if topic.pk in owed[p.user_id]]
            complete = [p for p in assigned if (p.user_id, topic.pk) in done]
            cells.append((len(complete), len(assigned)))
        everything = [
            p for p in members if all((p.user_id, t) in done for t in owed[p.user_id])
        ]
        cells.append((len(everything), len(members)))
        return cells

    expected = {}
    for department in row_departments:
        members = [p for p in staff if p.department.path.startswith(department.path)]
        if members:
            expected[department.code] = tally(members)
    in_scope = [
        p
        for p in staff
        if any(p.department.path.startswith(d.path) for d in row_departments)
    ]
    expected["total"] = tally(in_scope)
    return expected


def _give_some_completions(cycle, users):
    """Completions straight in the table: topic 1 for every other user, all
    five for every third."""
    topics = list(Topic.objects.all())
    now = timezone.now()
    for i, user in enumerate(users):
        chosen = topics if i % 3 == 0 else topics[:1] if i % 2 == 0 else []
        if not chosen:
            continue
        completion = Completion.objects.create(
            user=user,
            course_title="시험 과정",
            cycle=cycle,
            started_on=timezone.localdate(),
            completed_at=now,
            recognised_hours=Decimal("1"),
        )
        completion.topics.set(chosen)


# --- HR dashboard ---------------------------------------------------------------


def test_hr_dashboard_compliance_equals_a_direct_count(client, demo_users):
    cycle = cycle_current()
    profiles = list(StaffProfile.objects.select_related("user"))
    _give_some_completions(cycle, [p.user for p in profiles[::2]])
    client.force_login(demo_users["hr"])
    response = client.get(HR_DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    rows = _compliance_rows(html)
    # The table shows 실·국 and 과 (two levels), each counting its whole subtree.
    shown = list(Department.objects.filter(depth__lte=2))
    assert rows == _expected_compliance(cycle, shown)
    assert rows["total"][-1][1] == len(
        [p for p in profiles if p.user.is_active and p.is_active_staff]
    )
    assert 'role="img"' in html and "compliance-chart-title" in html


def test_hr_dashboard_budget_equals_the_budget_rows(client, demo_users):
    client.force_login(demo_users["hr"])
    html = client.get(HR_DASHBOARD).content.decode()
    year = timezone.localdate().year
    expected = defaultdict(lambda: [0, 0, 0, 0])
    for budget in Budget.objects.filter(fiscal_year=year).select_related("category"):
        line = expected[str(budget.category.number)]
        line[0] += budget.allocated
        line[1] += budget.approved
        line[2] += budget.paid
        line[3] += budget.allocated - budget.approved
    assert expected, "the demo has this year's budgets"
    table = re.search(r'id="budget-table".*?</table>', html, re.S).group(0)
    found = {
        number: [int(n) for n in re.findall(r'data-won="(\d+)"', body)]
        for number, body in re.findall(
            r'<tr data-category="(\d+)">(.*?)</tr>', table, re.S
        )
    }
    assert found == dict(expected)


def _standing_certificates():
    return list(Certificate.objects.filter(revoked_at__isnull=True).order_by("pk"))


def test_hr_dashboard_counts_certificates_expiring_soon(client, demo_users):
    today = timezone.localdate()
    certificates = _standing_certificates()
    assert len(certificates) >= 5
    for cert, days in zip(certificates, (10, 45, 80, 200, 20), strict=False):
        Certificate.objects.filter(pk=cert.pk).update(
            expires_on=today + datetime.timedelta(days=days)
        )
    # A renewal of the one expiring in 20 days: that one no longer counts.
    renewed = certificates[4]
    Certificate.objects.filter(pk=certificates[5].pk).update(
        holder=renewed.holder,
        course_key=renewed.course_key,
        expires_on=today + datetime.timedelta(days=400),
    )
    standing = _standing_certificates()

    def expected(days):
        return sum(
            1
            for c in standing
            if c.expires_on
            and today <= c.expires_on <= today + datetime.timedelta(days=days)
            and not any(
                d.holder_id == c.holder_id
                and d.course_key == c.course_key
                and (d.expires_on is None or d.expires_on > c.expires_on)
                for d in standing
            )
        )

    client.force_login(demo_users["hr"])
    html = client.get(HR_DASHBOARD).content.decode()
    found = dict(re.findall(r'data-days="(\d+)" data-count="(\d+)"', html))
    assert found == {str(d): str(expected(d)) for d in (30, 60, 90)}
    assert (expected(30), expected(60), expected(90)) >= (1, 2, 3)
    assert renewed.serial not in html
    assert certificates[0].serial in html


def test_hr_dashboard_shows_satisfaction_averages_of_this_cycle(client, demo_users):
    cycle = cycle_current()
    course = CoursePage.objects.live().order_by("pk").first()
    ratings = {"learner": 5, "head": 4, "editor": 2}
    for role, rating in ratings.items():
        SurveyResponse.objects.create(
            user=demo_users[role],
            course=course,
            cycle=cycle,
            overall=rating,
            content=rating,
            clarity=3,
            accessibility=rating,
        )
    client.force_login(demo_users["hr"])
    response = client.get(HR_DASHBOARD)
    keys = [panel.key for panel in response.context["panels"]]
    assert keys == ["compliance", "missing", "expiring", "budget", "satisfaction"]
    html = response.content.decode()
    row = re.search(rf'<tr data-course="{course.pk}">(.*?)</tr>', html, re.S)
    assert row, "no satisfaction row for the course"
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    responses = SurveyResponse.objects.filter(course=course, cycle=cycle)
    average = sum(r.overall for r in responses) / responses.count()
    assert cells[0] == str(responses.count())
    assert cells[1].replace(",", ".") == f"{average:.1f}"


def test_overdue_staff_are_listed_with_their_missing_topics(client, demo_users):
    cycle = cycle_current()
    cycle.due_on = timezone.localdate() - datetime.timedelta(days=1)
    cycle.save()
    done_user = demo_users["learner"]
    _give_some_completions(cycle, [done_user])  # index 0: all five
    client.force_login(demo_users["hr"])
    response = client.get(HR_DASHBOARD)
    html = response.content.decode()
    missing = {p.key: p for p in response.context["panels"]}["missing"]
    assert str(missing.title) == gettext("Overdue staff")
    names = _table_first_column(html, "missing-table")
    owing = [
        p
        for p in StaffProfile.objects.select_related("user")
        if p.is_active_staff
        and p.user.is_active
        and TopicAssignment.objects.filter(cycle=cycle, user=p.user)
        .exclude(
            topic__in=Topic.objects.filter(
                completions__cycle=cycle, completions__user=p.user
            )
        )
        .exists()
    ]
    assert len(names) == min(len(owing), 50)
    assert set(names) <= {p.name for p in owing}
    assert done_user.staff_profile.name not in names
    assert len(owing) > 50
    more = re.search(r'id="missing-more">(.*?)</p>', html, re.S).group(1)
    assert str(len(owing) - 50) in more


def test_before_the_due_date_the_list_is_not_called_overdue(client, demo_users):
    cycle = cycle_current()
    cycle.due_on = timezone.localdate() + datetime.timedelta(days=30)
    cycle.save()
    client.force_login(demo_users["hr"])
    panels = client.get(HR_DASHBOARD).context["panels"]
    missing = {p.key: p for p in panels}["missing"]
    assert str(missing.title) == gettext("Staff with topics missing")


def test_the_missing_list_stops_at_fifty_and_counts_the_rest(
    client, make_staff, department
):
    cycle = cycle_for_date()
    hr = make_staff(name="인사")
    roles_sync()
    hr.user.groups.add(Group.objects.get(name=GROUP_NAMES["hr"]))
    for n in range(55):
        make_staff(name=f"직원{n:02d}")
    client.force_login(hr.user)
    response = client.get(HR_DASHBOARD)
    html = response.content.decode()
    assert len(_table_first_column(html, "missing-table")) == 50
    assert (
        TopicAssignment.objects.filter(cycle=cycle).values("user").distinct().count()
        == 56
    )
    assert 'id="missing-more"' in html and "6" in re.search(
        r'id="missing-more">(.*?)</p>', html, re.S
    ).group(1)


@pytest.mark.parametrize("role", ["hr", "auditor"])
def test_hr_and_auditor_open_the_dashboard_and_see_the_menu(client, demo_users, role):
    client.force_login(demo_users[role])
    assert client.get(HR_DASHBOARD).status_code == 200
    assert HR_DASHBOARD in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["learner", "editor", "head"])
def test_others_cannot_open_the_hr_dashboard(client, demo_users, role):
    client.force_login(demo_users[role])
    response = client.get(HR_DASHBOARD)
    assert response.status_code in (302, 403)
    assert b"compliance-table" not in response.content
    if role == "editor":
        assert HR_DASHBOARD not in client.get("/admin/").content.decode()


def _organisation(make_staff, department, *, departments: int):
    """``departments`` divisions with two teams each and three staff per
    unit, an HR officer, and some completions."""
    cycle = cycle_for_date()
    roles_sync()
    hr = make_staff(name="인사")
    hr.user.groups.add(Group.objects.get(name=GROUP_NAMES["hr"]))
    users = []
    for d in range(departments):
        division = department_save(
            department=Department(code=f"Q{d:03d}", name=f"부서{d}", kind="division"),
            parent=None,
        )
        units = [division] + [
            department_save(
                department=Department(code=f"Q{d:03d}{t}", name=f"팀{t}", kind="team"),
                parent=division,
            )
            for t in range(2)
        ]
        for unit in units:
            users += [make_staff(department=unit).user for _ in range(3)]
    _give_some_completions(cycle, users)
    return hr.user


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_hr_dashboard_queries_do_not_grow_with_departments_or_staff(
    client, make_staff, department
):
    hr = _organisation(make_staff, department, departments=2)
    client.force_login(hr)
    client.get(HR_DASHBOARD)  # warm caches (content types, site, permissions)
    few = _count_queries(client, HR_DASHBOARD)
    for d in range(2, 12):
        division = department_save(
            department=Department(code=f"Q{d:03d}", name=f"부서{d}", kind="division"),
            parent=None,
        )
        for _ in range(5):
            make_staff(department=division)
    many = _count_queries(client, HR_DASHBOARD)
    assert few == many
    assert few < 40


# --- Department head ------------------------------------------------------------


def test_head_sees_only_their_subtree(client, demo_users):
    head = demo_users["head"]
    subtree = department_subtree_for_head(user=head)
    cycle = cycle_current()
    _give_some_completions(cycle, [p.user for p in StaffProfile.objects.all()])
    client.force_login(head)
    response = client.get(HEAD_DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    rows = _compliance_rows(html)
    codes = {d.code for d in subtree}
    assert set(rows) - {"total"} <= codes
    top = min(d.depth for d in subtree)
    assert rows == _expected_compliance(
        cycle, [d for d in subtree if d.depth <= top + 1]
    )
    inside = {
        p.name
        for p in StaffProfile.objects.filter(
            department__path__startswith=subtree[0].path
        )
    }
    names = _table_first_column(html, "missing-table")
    assert names and set(names) <= inside
    assert "budget-table" not in html  # the budget is HR's
    assert "satisfaction-table" not in html


def test_head_sees_expiring_certificates_of_their_subtree_only(client, demo_users):
    today = timezone.localdate()
    paths = scope_paths(department_subtree_for_head(user=demo_users["head"]))
    Certificate.objects.update(expires_on=today + datetime.timedelta(days=15))
    inside = [
        c
        for c in Certificate.objects.filter(revoked_at__isnull=True)
        if any(c.department_path.startswith(p) for p in paths)
    ]
    client.force_login(demo_users["head"])
    html = client.get(HEAD_DASHBOARD).content.decode()
    found = dict(re.findall(r'data-days="(\d+)" data-count="(\d+)"', html))
    assert found["30"] == str(len(inside))  # same expiry: none renews another
    shown = set(re.findall(r'<tr data-serial="([^"]+)">', html))
    assert shown <= {c.serial for c in inside}


@pytest.mark.parametrize("role", ["learner", "hr", "editor", "auditor"])
def test_only_heads_open_the_department_dashboard(client, demo_users, role):
    client.force_login(demo_users[role])
    assert client.get(HEAD_DASHBOARD).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, demo):
    response = client.get(HEAD_DASHBOARD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_site_menu_links_heads_to_their_dashboard(client, demo_users):
    client.force_login(demo_users["head"])
    assert HEAD_DASHBOARD in client.get("/learn/").content.decode()
    client.force_login(demo_users["learner"])
    assert HEAD_DASHBOARD not in client.get("/learn/").content.decode()


def test_the_head_link_costs_no_query_on_later_pages(client, demo_users):
    client.force_login(demo_users["learner"])
    client.get("/learn/")
    first = _count_queries(client, "/learn/")
    assert first == _count_queries(client, "/learn/")


# --- The panel contract ---------------------------------------------------------


def test_panels_come_in_order_and_by_scope(rf, demo_users, monkeypatch):
    from wagtail import hooks

    extra = DashboardPanel(
        key="zzz",
        title="Extra",
        template="courses/dashboard/satisfaction_panel.html",
        context=lambda request, scope: {"rows": [], "year": 2026},
        order=1,
        permission="certificates.view_budget",
    )
    with hooks.register_temporarily("lms_dashboard_panels", lambda: [extra]):
        request = rf.get("/")
        request.user = demo_users["hr"]
        keys = [p.key for p in dashboard_panels(request=request, scope=ALL)]
        assert keys[0] == "zzz"
        head_keys = [
            p.key
            for p in dashboard_panels(
                request=request,
                scope=department_subtree_for_head(user=demo_users["head"]),
            )
        ]
        assert head_keys == ["compliance", "missing", "expiring"]
        request.user = demo_users["editor"]
        assert dashboard_panels(request=request, scope=ALL) == []


def test_scope_paths_keep_only_the_tops_of_a_subtree(demo):
    division = Department.objects.get(code="D1200")
    subtree = list(division.subtree())
    assert scope_paths(subtree) == [division.path]
    assert scope_paths([d.path for d in subtree]) == [division.path]
    assert scope_paths(ALL) is None
