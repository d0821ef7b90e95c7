"""Learning's figures on the admin's home (hook ``lms_home_figures``): how
much of the city has covered the five topics this cycle, and how many staff
still miss some, with the due date."""

from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.dashboard_panels import compliance_by_department, staff_missing_topics
from courses.selectors import cycle_current
from lms.dashboard import ALL, per_request
from lms.home import HomeFigure

DASHBOARD_URL = reverse_lazy("lms_training_dashboard")
# The training dashboard's permission (lms.admin.dashboard).
DASHBOARD_PERMISSION = "courses.view_completion"


def _cycle(request):
    return per_request(request, "cycle", cycle_current)


def _due_text(cycle) -> str:
    days = (cycle.due_on - timezone.localdate()).days
    due = formats.date_format(cycle.due_on, "DATE_FORMAT")
    if days < 0:
        return _("Due %(date)s (passed %(days)d days ago)") % {
            "date": due,
            "days": -days,
        }
    return _("Due %(date)s (D-%(days)d)") % {"date": due, "days": days}


def compliance_figure(request) -> tuple[str, str] | None:
    cycle = _cycle(request)
    if cycle is None:
        return _("No cycle"), _("Set up this year's training cycle first.")
    total = compliance_by_department(cycle=cycle, scope=ALL, levels=0).total
    tally = total.all_topics
    if not tally.assigned:
        return "–", _("Nobody is counted in %(year)d yet.") % {"year": cycle.year}
    value = f"{tally.percent}%"
    detail = _("%(done)d of %(staff)d staff · %(due)s") % {
        "done": tally.complete,
        "staff": tally.assigned,
        "due": _due_text(cycle),
    }
    return value, detail


def missing_figure(request) -> tuple[str, str] | None:
    cycle = _cycle(request)
    if cycle is None:
        return None
    count, _people = staff_missing_topics(cycle=cycle, scope=ALL, limit=0)
    overdue = timezone.localdate() > cycle.due_on
    detail = (
        _("Past the due date: send reminders or ask their heads.")
        if overdue and count
        else _("The training dashboard lists them by department.")
    )
    return _("%(count)d staff") % {"count": count}, detail


def learning_home_figures() -> list[HomeFigure]:
    return [
        HomeFigure(
            key="compliance",
            label=gettext_lazy("All five topics covered this cycle"),
            value=compliance_figure,
            url=DASHBOARD_URL,
            permission=DASHBOARD_PERMISSION,
            order=10,
        ),
        HomeFigure(
            key="missing",
            label=gettext_lazy("Staff with topics still missing"),
            value=missing_figure,
            url=DASHBOARD_URL,
            permission=DASHBOARD_PERMISSION,
            order=20,
        ),
    ]
