"""Learning's panels on the dashboards (hook ``lms_dashboard_panels``):
compliance by department and topic, staff with topics missing, satisfaction.

Every figure is an SQL aggregate: a fixed number of queries whatever the
number of departments or staff. Counted are staff *in service* (재직) with an
active login; staff on leave or retired are left out of the rates.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Completion, Topic, TopicAssignment, TrainingCycle
from courses.selectors import cycle_current, survey_summary
from lms.dashboard import (
    DashboardPanel,
    Scope,
    bar_matrix,
    is_all,
    per_request,
    percent,
    scope_q,
)
from lms.models import Department, EmploymentStatus, StaffProfile
from lms.selectors import department_full_names

MISSING_LIST_LIMIT = 50


# --- Selectors ---------------------------------------------------------------


@dataclass
class Tally:
    """How many of a group are counted and how many of them completed."""

    assigned: int = 0
    complete: int = 0
    hidden: bool = False  # public statistics: too small a group to show

    @property
    def percent(self) -> int | None:
        return None if self.hidden else percent(self.complete, self.assigned)

    @property
    def missing(self) -> int:
        return self.assigned - self.complete


@dataclass
class ComplianceRow:
    """A department (and every unit below it), or the whole scope."""

    label: str
    code: str  # "" for the total row
    level: int  # 0 for the top rows of the table
    topics: list[Tally]
    all_topics: Tally = field(default_factory=Tally)  # staff with all five done
    path: str = ""

    @property
    def staff(self) -> int:
        return self.all_topics.assigned


@dataclass
class ComplianceTable:
    cycle: TrainingCycle
    topics: list[Topic]
    rows: list[ComplianceRow]
    total: ComplianceRow


def _done_for_assignment():
    """Whether the assignment in the outer query has a completion in its cycle
    that covers its topic."""
    return Completion.topics.through.objects.filter(
        completion__cycle_id=OuterRef("cycle_id"),
        completion__user_id=OuterRef("user_id"),
        topic_id=OuterRef("topic_id"),
    )


def _counted_staff(scope: Scope):
    return StaffProfile.objects.filter(
        user__is_active=True, employment_status=EmploymentStatus.ACTIVE
    ).filter(scope_q(scope, path_lookup="department__path"))


def _missing_for_staff(cycle: TrainingCycle):
    """An assignment of the outer staff member in the cycle that no completion
    covers."""
    return TopicAssignment.objects.filter(
        cycle=cycle, user_id=OuterRef("user_id")
    ).filter(~Exists(_done_for_assignment()))


def compliance_by_department(
    *, cycle: TrainingCycle, scope: Scope, levels: int = 2
) -> ComplianceTable:
    """Completion per topic for the departments of a scope, each row counting
    its own staff and those of every unit below it. Rows go ``levels`` deep
    from the top of the scope (2: 실·국 and 과 for the city; a division and
    its teams for its head). Four queries."""
    departments = list(
        Department.objects.filter(scope_q(scope, path_lookup="path"))
        .order_by("path")
        .only("id", "path", "depth", "name", "code", "kind")
    )
    topics = list(Topic.objects.all())
    topic_index = {t.pk: i for i, t in enumerate(topics)}
    per_topic = (
        TopicAssignment.objects.filter(
            cycle=cycle,
            user__is_active=True,
            user__staff_profile__employment_status=EmploymentStatus.ACTIVE,
        )
        .filter(scope_q(scope, path_lookup="user__staff_profile__department__path"))
        .annotate(done=Exists(_done_for_assignment()))
        .values("user__staff_profile__department_id", "topic_id")
        .annotate(assigned=Count("id"), complete=Count("id", filter=Q(done=True)))
        .order_by()
    )
    per_staff = (
        _counted_staff(scope)
        .annotate(
            assigned=Exists(
                TopicAssignment.objects.filter(cycle=cycle, user_id=OuterRef("user_id"))
            ),
            missing=Exists(_missing_for_staff(cycle)),
        )
        .filter(assigned=True)
        .values("department_id")
        .annotate(staff=Count("id"), complete=Count("id", filter=Q(missing=False)))
        .order_by()
    )

    top_depth = min((d.depth for d in departments), default=1)
    by_path: dict[str, ComplianceRow] = {}
    rows: list[ComplianceRow] = []
    for d in departments:
        if d.depth < top_depth + levels:
            row = ComplianceRow(
                label=d.name,
                code=d.code,
                level=d.depth - top_depth,
                topics=[Tally() for _ in topics],
                path=d.path,
            )
            by_path[d.path] = row
            rows.append(row)
    total = ComplianceRow(label="", code="", level=0, topics=[Tally() for _ in topics])
    paths = {d.pk: d.path for d in departments}

    def rows_of(department_id) -> list[ComplianceRow]:
        path = paths.get(department_id, "")
        step = Department.steplen
        found = [by_path.get(path[:end]) for end in range(step, len(path) + 1, step)]
        return [total, *(row for row in found if row is not None)]

    for r in per_topic:
        index = topic_index.get(r["topic_id"])
        if index is None:
            continue
        for row in rows_of(r["user__staff_profile__department_id"]):
            row.topics[index].assigned += r["assigned"]
            row.topics[index].complete += r["complete"]
    for r in per_staff:
        for row in rows_of(r["department_id"]):
            row.all_topics.assigned += r["staff"]
            row.all_topics.complete += r["complete"]
    rows = [row for row in rows if row.staff]
    return ComplianceTable(cycle=cycle, topics=topics, rows=rows, total=total)


@dataclass
class MissingStaff:
    name: str
    department: str
    topics: list[str]


def staff_missing_topics(
    *, cycle: TrainingCycle, scope: Scope, limit: int = MISSING_LIST_LIMIT
) -> tuple[int, list[MissingStaff]]:
    """Staff of a scope who have topics left in a cycle: how many, the first
    ``limit`` of them (by department, then name) with the topic codes they
    miss. Four queries."""
    staff = _counted_staff(scope).filter(Exists(_missing_for_staff(cycle)))
    count = staff.count()
    first = list(
        staff.order_by("department__path", "name", "pk").values(
            "user_id", "name", "department_id"
        )[:limit]
    )
    codes: dict[int, list[str]] = {row["user_id"]: [] for row in first}
    for user_id, code in (
        TopicAssignment.objects.filter(cycle=cycle, user_id__in=list(codes))
        .filter(~Exists(_done_for_assignment()))
        .order_by("topic__sort_order", "topic__code")
        .values_list("user_id", "topic__code")
    ):
        codes[user_id].append(code)
    names = department_full_names()
    people = [
        MissingStaff(
            name=row["name"],
            department=names.get(row["department_id"], ""),
            topics=codes[row["user_id"]],
        )
        for row in first
    ]
    return count, people


# --- Panels ------------------------------------------------------------------


def _cycle(request):
    return per_request(request, "cycle", cycle_current)


def compliance_chart(table: ComplianceTable, *, hidden_rows=False):
    """The bar chart of a compliance table: topics and 'all five' per row."""
    columns = [t.code for t in table.topics] + [str(_("All five"))]
    return bar_matrix(
        columns=columns,
        rows=[
            (
                row.label or str(_("Total")),
                [t.percent for t in row.topics] + [row.all_topics.percent],
                row.level,
            )
            for row in [*table.rows, table.total]
        ],
    )


def compliance_context(request, scope: Scope) -> dict | None:
    cycle = _cycle(request)
    if cycle is None:
        return {"cycle": None}
    table = compliance_by_department(cycle=cycle, scope=scope)
    return {
        "cycle": cycle,
        "table": table,
        "chart": compliance_chart(table),
        "scope_all": is_all(scope),
    }


def missing_context(request, scope: Scope) -> dict | None:
    cycle = _cycle(request)
    if cycle is None:
        return None
    today = timezone.localdate()
    count, people = staff_missing_topics(cycle=cycle, scope=scope)
    overdue = today > cycle.due_on
    return {
        "cycle": cycle,
        "overdue": overdue,
        "count": count,
        "people": people,
        "more": max(count - len(people), 0),
        "panel_title": _("Overdue staff")
        if overdue
        else _("Staff with topics missing"),
    }


def satisfaction_context(request, scope: Scope) -> dict | None:
    cycle = _cycle(request)
    year = cycle.year if cycle else timezone.localdate().year
    rows = [row for row in survey_summary() if row["cycle__year"] == year]
    return {"rows": rows, "year": year}


def learning_dashboard_panels() -> list[DashboardPanel]:
    return [
        DashboardPanel(
            key="compliance",
            title=_("Compliance by department and topic"),
            template="courses/dashboard/compliance_panel.html",
            context=compliance_context,
            order=10,
            permission="courses.view_completion",
            for_department_heads=True,
        ),
        DashboardPanel(
            key="missing",
            title=_("Staff with topics missing"),
            template="courses/dashboard/missing_panel.html",
            context=missing_context,
            order=20,
            permission="courses.view_completion",
            for_department_heads=True,
        ),
        DashboardPanel(
            key="satisfaction",
            title=_("Satisfaction by course"),
            template="courses/dashboard/satisfaction_panel.html",
            context=satisfaction_context,
            order=60,
            permission="courses.view_surveyresponse",
        ),
    ]
