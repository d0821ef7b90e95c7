"""Registration only: the core's admin pages and menu items (organisation,
staff import, training dashboard, rosters, export and access logs, the
admin home's work panel, and no help links to the internet)."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.admin import invitations as invitation_views
from lms.admin import staff_import as staff_import_views
from lms.admin.access import AccessLogViewSet
from lms.admin.dashboard import PERMISSION as DASHBOARD_PERMISSION
from lms.admin.dashboard import training_dashboard
from lms.admin.exports import (
    ExportLogViewSet,
    export_job,
    export_job_download,
    roster_exports,
)
from lms.admin.home import WorkPanel, export_home_tasks
from lms.admin.viewsets import OrganisationViewSetGroup
from lms.permissions import PermissionMenuItem


class _OrganisationMenu(OrganisationViewSetGroup):
    # Lets admin views that are not viewsets (the staff import) join the group.
    submenu_hook = "register_organisation_menu_item"


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return _OrganisationMenu()


@hooks.register("register_admin_urls")
def register_organisation_admin_urls():
    return [
        path(
            "organisation/staff-import/",
            staff_import_views.staff_import,
            name="lms_staff_import",
        ),
        path(
            "organisation/invitations/",
            invitation_views.staff_invitations,
            name="lms_invitations",
        ),
        path(
            "organisation/invitations/<int:pk>/",
            invitation_views.staff_invite,
            name="lms_staff_invite",
        ),
    ]


@hooks.register("register_organisation_menu_item")
def register_staff_import_menu_item():
    return PermissionMenuItem(
        _("Import staff"),
        reverse_lazy("lms_staff_import"),
        name="staff-import",
        icon_name="upload",
        order=3,
        permissions=("lms.add_staffprofile", "lms.change_staffprofile"),
    )


@hooks.register("register_organisation_menu_item")
def register_invitations_menu_item():
    return PermissionMenuItem(
        _("Invitations"),
        reverse_lazy("lms_invitations"),
        name="invitations",
        icon_name="mail",
        order=4,
        permissions=(invitation_views.INVITE_PERMISSION,),
    )


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessLogViewSet("access_log")


@hooks.register("register_admin_urls")
def register_dashboard_admin_urls():
    return [
        path("training-dashboard/", training_dashboard, name="lms_training_dashboard")
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem(
        _("Training dashboard"),
        reverse_lazy("lms_training_dashboard"),
        name="training-dashboard",
        icon_name="view",
        order=150,
        permissions=(DASHBOARD_PERMISSION,),
    )


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path("rosters/", roster_exports, name="lms_roster_exports"),
        path("rosters/jobs/<int:pk>/", export_job, name="lms_export_job"),
        path(
            "rosters/jobs/<int:pk>/download/",
            export_job_download,
            name="lms_export_job_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return PermissionMenuItem(
        _("Rosters (Excel)"),
        reverse_lazy("lms_roster_exports"),
        name="rosters",
        icon_name="download",
        order=280,
        permissions=("lms.export_roster",),
    )


@hooks.register("register_admin_viewset")
def register_export_log_viewset():
    return ExportLogViewSet("export_log")


@hooks.register("lms_home_tasks")
def register_export_home_tasks():
    return export_home_tasks()


@hooks.register("construct_homepage_panels")
def add_work_panel(request, panels):
    panels.append(WorkPanel(request))


@hooks.register("construct_help_menu")
def drop_internet_help_links(request, menu_items):
    # The site runs on a closed network: Wagtail's guide and release notes
    # live on the internet. The keyboard shortcuts stay.
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new")
    ]
