"""HR's training dashboard in the Wagtail admin: the panels every app
contributes (hook ``lms_dashboard_panels``) for the whole city. HR and
auditors open it; each panel also asks for its own view permission."""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse

from lms.dashboard import ALL, dashboard_render

PERMISSION = "courses.view_completion"


@permission_required(PERMISSION, raise_exception=True)
def training_dashboard(request):
    panels = dashboard_render(
        request=request, scope=ALL, base={"table_class": "listing"}
    )
    return TemplateResponse(request, "lms/admin/dashboard.html", {"panels": panels})
