"""HR's certificate registry (수료증 대장) in the Wagtail admin: the
``CertificateViewSet`` (columns, export, URLs: no add, edit or delete) and
the spreadsheet export helpers (local times, formula-safe text).

The permission policy it relies on is registered in ``actions`` (imported
here, so registering the viewset registers the policy too).
"""

import datetime
from decimal import Decimal

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.credentials.admin.actions import (
    URL_NAMESPACE,
    CertificateReissueView,
    CertificateRevokeView,
    permission_policy,
)
from certificates.credentials.admin.filters import CertificateFilterSet
from certificates.credentials.admin.views import (
    CertificateIndexView,
    CertificateInspectView,
    _topics_text,
)
from certificates.credentials.models import Certificate
from lms.admin_display import ListingQuerysetMixin
from lms.excel import csv_text_safe
from lms.history import DecisionHistoryMixin

__all__ = ["EXPORT_VALUE_PREPROCESS", "CertificateViewSet", "permission_policy"]


# --- Spreadsheet cells ------------------------------------------------------
def _local_datetime_text(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _topics_text_safe(topics) -> str:
    return csv_text_safe(_topics_text(topics))


EXPORT_VALUE_PREPROCESS = {
    # Local time (Asia/Seoul), as HR reads it; Wagtail's default writes UTC.
    datetime.datetime: {"xlsx": _local_naive, "csv": _local_datetime_text},
    (datetime.date, datetime.time): {"xlsx": None},
    Decimal: {"xlsx": float},
    # Text from people (names, reasons, titles) never becomes a formula.
    str: {"csv": csv_text_safe},
}


def holder_with_number(certificate) -> str:
    """The name as the certificate prints it, with the holder's staff number
    (홍길동 (20190001)), as the admin names people."""
    profile = getattr(certificate.holder, "staff_profile", None)
    if profile is None:
        return certificate.holder_name
    return f"{certificate.holder_name} ({profile.staff_number})"


# --- Viewset ------------------------------------------------------------------
class CertificateViewSet(DecisionHistoryMixin, ListingQuerysetMixin, ModelViewSet):
    """The "Certificate registry" menu item: list, inspect and export (HR, auditors),
    revoke and reissue; no add, edit or delete URLs."""

    model = Certificate
    url_namespace = URL_NAMESPACE
    url_prefix = "certificates/registry"
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate registry")
    menu_name = "certificate-registry"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # no form: certificates are issued by the system
    filterset_class = CertificateFilterSet
    list_per_page = 50
    ordering = ["-issued_on", "-serial_number"]
    search_fields = ["serial", "holder_name", "course_title", "code"]
    list_display = [
        "serial",
        Column(
            "holder_name",
            label=gettext_lazy("Name"),
            accessor=holder_with_number,
            sort_key="holder_name",
        ),
        Column("department_name", label=gettext_lazy("Department")),
        Column("course_title", label=gettext_lazy("Course"), sort_key="course_title"),
        Column("cycle_year", label=gettext_lazy("Cycle year"), sort_key="cycle_year"),
        Column("issued_on", label=gettext_lazy("Issued on"), sort_key="issued_on"),
        Column("expires_on", label=gettext_lazy("Expires on"), sort_key="expires_on"),
        StatusTagColumn(
            "status_label", label=gettext_lazy("Status"), primary=lambda c: c.is_valid
        ),
    ]
    export_filename = "certificate-registry"
    list_export = [
        "serial",
        "get_kind_display",
        "holder_name",
        "department_name",
        "course_key",
        "course_title",
        "topics",
        "recognised_hours",
        "completed_on",
        "cycle_year",
        "issued_on",
        "expires_on",
        "status_label",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {
        "serial": gettext_lazy("Serial number"),
        "get_kind_display": gettext_lazy("Kind"),
        "holder_name": gettext_lazy("Name"),
        "department_name": gettext_lazy("Department"),
        "course_key": gettext_lazy("Course key"),
        "course_title": gettext_lazy("Course"),
        "topics": gettext_lazy("Topics"),
        "recognised_hours": gettext_lazy("Recognised hours"),
        "completed_on": gettext_lazy("Completed on"),
        "cycle_year": gettext_lazy("Cycle year"),
        "issued_on": gettext_lazy("Issued on"),
        "expires_on": gettext_lazy("Expires on"),
        "status_label": gettext_lazy("Status"),
        "revoked_at": gettext_lazy("Revoked at"),
        "revoked_reason": gettext_lazy("Reason"),
    }

    def listing_queryset(self):
        return Certificate.objects.select_related("holder__staff_profile")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            custom_field_preprocess={
                "topics": {"xlsx": _topics_text, "csv": _topics_text_safe},
            },
            custom_value_preprocess=EXPORT_VALUE_PREPROCESS,
            **kwargs,
        )

    def get_urlpatterns(self):
        # No add, edit or delete views at all (the policy refuses them too).
        generic = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "edit", "delete"}
        ]
        return [
            *generic,
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
            path("reissue/<int:pk>/", self.reissue_view, name="reissue"),
        ]

    @property
    def revoke_view(self):
        return self.construct_view(
            CertificateRevokeView, index_url_name=self.get_url_name("index")
        )

    @property
    def reissue_view(self):
        return self.construct_view(
            CertificateReissueView, index_url_name=self.get_url_name("index")
        )
