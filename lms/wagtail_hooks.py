from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms import (  # noqa: F401 (each registers its hooks)
    admin_access,
    admin_dashboard,
    admin_exports,
    admin_views,
)
from lms.viewsets import OrganisationViewSetGroup


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
            admin_views.staff_import,
            name="lms_staff_import",
        ),
    ]


class _StaffImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(
            ["lms.add_staffprofile", "lms.change_staffprofile"]
        )


@hooks.register("register_organisation_menu_item")
def register_staff_import_menu_item():
    return _StaffImportMenuItem(
        _("Import staff"),
        reverse_lazy("lms_staff_import"),
        name="staff-import",
        icon_name="upload",
        order=3,
    )
