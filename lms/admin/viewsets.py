"""The "Organisation" admin menu: departments (shown as a tree) and staff, saved
through the staff services by the forms in ``lms.forms``."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.invitations import INVITED_AT_COLUMN, StaffEditView, StaffIndexView
from lms.admin_display import yes_no_column
from lms.forms import DepartmentForm, StaffProfileForm
from lms.models import Department, StaffProfile


class DepartmentViewSet(ModelViewSet):
    """Departments as an indented tree; ``DepartmentForm`` saves them through
    ``department_save``."""

    model = Department
    icon = "group"
    menu_label = _("Departments")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        Column("tree_label", label=_("Department name")),
        "code",
        "kind",
        yes_no_column(Department, "active"),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DepartmentForm

    def get_queryset(self, request):
        return Department.objects.all()


class StaffProfileViewSet(ModelViewSet):
    """Staff records; ``StaffProfileForm`` saves them through the staff services, which
    also make or update the login account."""

    model = StaffProfile
    icon = "user"
    menu_label = _("Staff")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        "staff_number",
        "name",
        "department",
        "grade",
        "employment_status",
        INVITED_AT_COLUMN,
    ]
    index_view_class = StaffIndexView  # invitations: lms.admin.invitations
    edit_view_class = StaffEditView
    list_filter = ["employment_status", "grade", "department"]
    search_fields = ["name", "staff_number"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_fields = [
        "staff_number",
        "name",
        "department",
        "grade",
        "job_series",
        "employment_status",
        "created_at",
        "updated_at",
        "invited_at",
    ]

    def get_form_class(self, for_update=False):
        return StaffProfileForm

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("department", "user")


class OrganisationViewSetGroup(ViewSetGroup):
    """The "Organisation" menu: departments and staff; the staff import joins it
    (``wagtail_hooks``)."""

    menu_label = _("Organisation")
    menu_name = "organisation"
    menu_icon = "group"
    menu_order = 250
    items = (DepartmentViewSet("departments"), StaffProfileViewSet("staff"))
