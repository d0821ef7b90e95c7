"""The access log in the admin: read-only, for auditors and HR."""

import django_filters
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from lms.admin_display import ListingQuerysetMixin, person, yes_no_column
from lms.models import AccessLog
from lms.permissions import RefusingPermissionPolicy

register_permission_policy(AccessLog, RefusingPermissionPolicy(AccessLog))


def _person(attribute: str):
    """Name and staff number (홍길동 (20190001)), as the log's readers know
    people; the account name alone is just the staff number."""

    def accessor(entry: AccessLog) -> str:
        return person(getattr(entry, attribute))

    return accessor


class AccessLogFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("when"), widget=DateRangePickerWidget
    )

    class Meta:
        model = AccessLog
        fields = ["kind", "own"]


class AccessLogViewSet(ListingQuerysetMixin, ModelViewSet):
    """The "Access log" menu item: read-only (``view_accesslog``: HR, auditors),
    filtered by date, file kind and own record."""

    model = AccessLog
    icon = "view"
    menu_label = gettext_lazy("Access log")
    menu_order = 291
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "created_at",
        Column("user", label=gettext_lazy("opened by"), accessor=_person("user")),
        "kind",
        Column(
            "subject", label=gettext_lazy("whose data"), accessor=_person("subject")
        ),
        yes_no_column(AccessLog, "own"),
        "detail",
    ]
    filterset_class = AccessLogFilterSet
    search_fields = ["detail", "object_id"]
    list_per_page = 50
    form_fields: list[str] = []  # never edited: the policy refuses it

    def listing_queryset(self):
        return AccessLog.objects.select_related(
            "user__staff_profile", "subject__staff_profile"
        )
