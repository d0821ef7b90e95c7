"""HR's certificate registry (수료증 대장) in the Wagtail admin (hooks and views).

HR and auditors see every certificate issued, filter it by course, department
(with its subtree), cycle year, status and kind, open one and export the list.
Only HR revokes or reissues, always with a reason. Nobody adds, edits or
deletes a certificate here: the issuing service is its only writer.
"""

import datetime
from decimal import Decimal

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from certificates.models import Certificate, CertificateKind
from certificates.models.certificates import CertificateStatus
from certificates.selectors import certificate_list_filtered
from certificates.services.issuing import (
    REASON_REQUIRED,
    CertificateError,
    certificate_reissue,
    certificate_revoke,
)
from lms.excel import csv_text_safe
from lms.models import Department, ExportLog
from lms.permissions import RefusingPermissionPolicy

# The query parameters of the registry, shared with the ZIP download.
FILTER_PARAMS = ("course", "department", "year", "status", "kind")
REVOKE = "revoke"


# Certificates are issued by the system: view and revoke only.
permission_policy = RefusingPermissionPolicy(Certificate)
register_permission_policy(Certificate, permission_policy)


# --- Spreadsheet cells ------------------------------------------------------
def _topics_text(topics) -> str:
    return "; ".join(" ".join(str(part) for part in topic) for topic in topics or [])


def _local_datetime_text(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


# --- Filters ------------------------------------------------------------------
def _course_choices() -> list[tuple[str, str]]:
    """One entry per course key, with its latest title (titles may be edited)."""
    rows = (
        Certificate.objects.values("course_key")
        .annotate(title=Max("course_title"))
        .order_by("title", "course_key")
    )
    return [(row["course_key"], row["title"]) for row in rows]


def _year_choices() -> list[tuple[str, str]]:
    years = (
        Certificate.objects.order_by("-cycle_year")
        .values_list("cycle_year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


class DepartmentTreeChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return obj.tree_label


class DepartmentTreeFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentTreeChoiceField


class CertificateFilterSet(WagtailFilterSet):
    """The registry's filters. The fields only read the request; the filtering
    itself is the selector that the ZIP download uses too."""

    course = django_filters.ChoiceFilter(
        label=gettext_lazy("Course"), choices=_course_choices, empty_label=None
    )
    department = DepartmentTreeFilter(
        label=gettext_lazy("Department (with its sub-units)"),
        queryset=Department.objects.order_by("path"),
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Cycle year"), choices=_year_choices
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=CertificateStatus.choices,
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"),
        choices=CertificateKind.choices,
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        filtered = certificate_list_filtered(
            course_key=data.get("course") or None,
            department=data.get("department"),
            year=int(data["year"]) if data.get("year") else None,
            status=data.get("status") or None,
            kind=data.get("kind") or None,
        )
        # AND the two queries; the listing's own ordering (sortable columns) stays.
        return queryset & filtered.order_by()


# --- Listing and inspect --------------------------------------------------------
def _action_url(name: str, certificate: Certificate) -> str:
    return reverse(f"{CertificateViewSet.url_namespace}:{name}", args=[certificate.pk])


def _can_revoke(user, certificate: Certificate | None = None) -> bool:
    if certificate is not None and certificate.revoked_at is not None:
        return False
    return permission_policy.user_has_permission(user, REVOKE)


def zip_download_url(request) -> str | None:
    """The ZIP of PDFs for the current filters, when that download exists."""
    try:
        url = reverse("certificates_zip")
    except NoReverseMatch:
        return None
    params = request.GET.copy()
    for key in list(params):
        if key not in FILTER_PARAMS:
            del params[key]
    query = params.urlencode()
    return f"{url}?{query}" if query else url


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if _can_revoke(self.request.user, instance):
            buttons += [
                MenuItem(
                    _("Revoke"),
                    url=_action_url("revoke", instance),
                    icon_name="cross",
                    priority=40,
                ),
                MenuItem(
                    _("Reissue"),
                    url=_action_url("reissue", instance),
                    icon_name="rotate",
                    priority=50,
                ),
            ]
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if url := zip_download_url(self.request):
            buttons.append(
                HeaderButton(_("Download PDFs (ZIP)"), url=url, icon_name="download")
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["zip_download_url"] = zip_download_url(self.request)
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # A list of names is personal data: every export is logged.
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        ExportLog.objects.create(
            user=self.request.user,
            roster="certificate-registry",
            filters={
                k: v
                for k, v in self.request.GET.items()
                if k in ("course", "department", "year", "status", "kind", "q")
            },
            masked=False,
            reason=f"registry list ({spreadsheet_format})",
            row_count=queryset.count(),
        )
        return response


class CertificateInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related("revoked_by", "replaces", "replaced_by"),
            pk=self.pk,
        )

    def get_header_buttons(self):
        buttons = list(super().get_header_buttons())
        if _can_revoke(self.request.user, self.object):
            buttons += [
                HeaderButton(
                    _("Revoke"),
                    url=_action_url("revoke", self.object),
                    icon_name="cross",
                ),
                HeaderButton(
                    _("Reissue"),
                    url=_action_url("reissue", self.object),
                    icon_name="rotate",
                ),
            ]
        return buttons

    def _link(self, certificate: Certificate | None):
        if certificate is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            _action_url("inspect", certificate),
            certificate.serial,
        )

    def get_fields_context(self):
        c = self.object
        verify_url = reverse("certificates_public:verify", args=[c.code])
        rows = [
            (_("Serial number"), c.serial),
            (_("Status"), c.status_label),
            (_("Kind"), c.get_kind_display()),
            (_("Name"), c.holder_name),
            (_("Department"), c.department_name or "–"),
            (_("Course"), c.course_title),
            (_("Course key"), c.course_key),
            (_("Topics"), _topics_text(c.topics) or "–"),
            (_("Recognised hours"), c.recognised_hours),
            (_("Completed on"), c.completed_on),
            (_("Cycle year"), c.cycle_year),
            (_("Issued on"), c.issued_on),
            (_("Expires on"), c.expires_on or _("No expiry")),
            (
                _("Verification code"),
                format_html('<a href="{}">{}</a>', verify_url, c.code_display),
            ),
            (_("Reissue of"), self._link(c.replaces)),
            (_("Reissued as"), self._link(getattr(c, "replaced_by", None))),
        ]
        if c.revoked_at is not None:
            rows += [
                (_("Revoked at"), timezone.localtime(c.revoked_at)),
                (_("Reason"), c.revoked_reason),
                (_("Revoked by"), c.revoked_by or "–"),
            ]
        return [
            {"label": label, "value": value, "component": None} for label, value in rows
        ]


# --- Revoke and reissue -----------------------------------------------------------
class CertificateReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the registry for HR and auditors; never shown on the public "
            "verification page."
        ),
        error_messages={"required": REASON_REQUIRED},
    )


class CertificateActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page with a required reason; POST performs the action.
    Only for ``revoke_certificate``; others get a plain 403 (not Wagtail's
    redirect to the dashboard), checked before the certificate is looked up."""

    form_class = CertificateReasonForm
    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full"
    index_url_name = None
    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not permission_policy.user_has_permission(request.user, REVOKE):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def object(self) -> Certificate:
        return get_object_or_404(Certificate, pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Certificate registry")},
            {"url": _action_url("inspect", self.object), "label": self.object.serial},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.object,
            action=self.action,
            already_revoked=self.object.revoked_at is not None,
            cancel_url=_action_url("inspect", self.object),
        )
        return context

    def form_valid(self, form):
        try:
            result = self.perform(reason=form.cleaned_data["reason"])
        except CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(_action_url("inspect", result))

    def perform(self, *, reason: str) -> Certificate:
        raise NotImplementedError

    def success_message(self, result: Certificate) -> str:
        raise NotImplementedError


class CertificateRevokeView(CertificateActionView):
    action = "revoke"

    def get_page_title(self):
        return _("Revoke certificate")

    def perform(self, *, reason: str) -> Certificate:
        return certificate_revoke(
            certificate=self.object, actor=self.request.user, reason=reason
        )

    def success_message(self, result: Certificate) -> str:
        return _("Certificate %(serial)s has been revoked.") % {"serial": result.serial}


class CertificateReissueView(CertificateActionView):
    action = "reissue"

    def get_page_title(self):
        return _("Reissue certificate")

    def perform(self, *, reason: str) -> Certificate:
        return certificate_reissue(
            certificate=self.object, actor=self.request.user, reason=reason
        )

    def success_message(self, result: Certificate) -> str:
        return _("Certificate %(old)s has been revoked and reissued as %(new)s.") % {
            "old": self.object.serial,
            "new": result.serial,
        }


# --- Viewset and registration -------------------------------------------------------
class CertificateViewSet(ModelViewSet):
    model = Certificate
    url_namespace = "certificate_registry"
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
        Column("holder_name", label=gettext_lazy("Name"), sort_key="holder_name"),
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


@hooks.register("register_admin_viewset")
def register_certificate_registry():
    return CertificateViewSet()
