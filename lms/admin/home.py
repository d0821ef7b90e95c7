"""The admin's home page: what waits for this person, the year at a glance and
the pages HR opens most, instead of Wagtail's page-search dashboard. What
apps contribute is gathered by ``lms.home``; Wagtail's own panels (pages in
moderation, recent edits) stay for editors."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from lms.admin.dashboard import PERMISSION as DASHBOARD_PERMISSION
from lms.home import TASKS_HOOK, HomeTask, collect, home_figures, home_tasks
from lms.models import ExportJob, ExportJobStatus

# A finished roster file is offered on the home page for this many days.
READY_EXPORT_DAYS = 7


@dataclass(frozen=True)
class HomeLink:
    label: str | Promise
    url_name: str
    permission: str


# The pages HR and auditors open most; each is shown with its permission.
LINKS = (
    HomeLink(_("Training dashboard"), "lms_training_dashboard", DASHBOARD_PERMISSION),
    HomeLink(_("Rosters (Excel)"), "lms_roster_exports", "lms.export_roster"),
    HomeLink(_("Export log"), "export_log:index", "lms.view_exportlog"),
    HomeLink(_("Access log"), "access_log:index", "lms.view_accesslog"),
    HomeLink(_("Import staff"), "lms_staff_import", "lms.add_staffprofile"),
)


def home_links(request: HttpRequest) -> list[tuple[str, str]]:
    links = []
    for link in LINKS:
        if not request.user.has_perm(link.permission):
            continue
        try:
            links.append((str(link.label), reverse(link.url_name)))
        except NoReverseMatch:  # an admin area not installed on this site
            continue
    return links


class WorkPanel(Component):
    """Wagtail home panel: the person's waiting work, figures and links. Users
    for whom none of it applies (e.g. editors) do not see the panel."""

    name = "lms_work"
    order = 10
    template_name = "lms/admin/home/work_panel.html"

    def __init__(self, request: HttpRequest):
        self.request = request

    def render_html(self, parent_context=None) -> str:
        request = self.request
        links = home_links(request)
        figures = home_figures(request)
        may_have_tasks = bool(collect(TASKS_HOOK, request))
        if not (links or figures or may_have_tasks):
            return ""
        return render_to_string(
            self.template_name,
            {
                "tasks": home_tasks(request),
                "may_have_tasks": may_have_tasks,
                "figures": figures,
                "links": links,
            },
            request=request,
        )


def _ready_exports(request) -> int:
    since = timezone.now() - datetime.timedelta(days=READY_EXPORT_DAYS)
    return ExportJob.objects.filter(
        user=request.user, status=ExportJobStatus.DONE, finished_at__gte=since
    ).count()


def export_home_tasks() -> list[HomeTask]:
    """The person's roster files written in the background and ready."""
    return [
        HomeTask(
            key="exports-ready",
            label=_("Roster files ready to download"),
            count=_ready_exports,
            url=reverse_lazy("lms_roster_exports"),
            permission="lms.export_roster",
            order=90,
            help_text=_("Files finished in the last 7 days."),
        )
    ]
