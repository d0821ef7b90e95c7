"""HR's training dashboard in the Wagtail admin: the panels every app
contributes (hook ``lms_dashboard_panels``) for the whole city. HR and
auditors open it; each panel also asks for its own view permission."""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.dashboard import ALL, dashboard_render

PERMISSION = "courses.view_completion"


@permission_required(PERMISSION, raise_exception=True)
def training_dashboard(request):
    panels = dashboard_render(
        request=request, scope=ALL, base={"table_class": "listing"}
    )
    return TemplateResponse(request, "lms/admin/dashboard.html", {"panels": panels})


@hooks.register("register_admin_urls")
def register_dashboard_admin_urls():
    return [
        path("training-dashboard/", training_dashboard, name="lms_training_dashboard")
    ]


class _DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return _DashboardMenuItem(
        _("Training dashboard"),
        reverse_lazy("lms_training_dashboard"),
        name="training-dashboard",
        icon_name="view",
        order=150,
    )
