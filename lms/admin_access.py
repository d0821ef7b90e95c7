"""The access log in the admin: read-only, for auditors and HR."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from lms.models import AccessLog
from lms.permissions import RefusingPermissionPolicy

register_permission_policy(AccessLog, RefusingPermissionPolicy(AccessLog))


class AccessLogViewSet(ModelViewSet):
    model = AccessLog
    icon = "view"
    menu_label = gettext_lazy("Access log")
    menu_order = 291
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "user", "kind", "subject", "own", "detail"]
    list_filter = ["kind", "own"]
    search_fields = ["detail", "object_id"]
    list_per_page = 50
    form_fields: list[str] = []  # never edited: the policy refuses it

    def get_queryset(self, request):
        return AccessLog.objects.select_related("user", "subject")


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessLogViewSet("access_log")
