"""HR's roster exports in the Wagtail admin: choose a roster and its filters,
masked or (with the permission and a reason) full. Small rosters download at
once; large ones run in the background and HR follows the progress. Auditors
read the export log."""

import tempfile

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ButtonWithDropdown
from wagtail.permissions import register_permission_policy

from lms.admin_display import (
    LabelledInspectView,
    ListingQuerysetMixin,
    person,
    yes_no_column,
)
from lms.app_settings import app_settings
from lms.downloads import PrivateFile, private_download, private_file_serve
from lms.models import Department, ExportJob, ExportJobStatus, ExportLog
from lms.permissions import RefusingPermissionPolicy
from lms.rosters import RosterError, RosterFilters, roster_export, rosters
from lms.tasks import export_job_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_JOBS = 10


class RosterExportForm(forms.Form):
    roster = forms.ChoiceField(label=gettext_lazy("Roster"))
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"),
        queryset=Department.objects.order_by("path"),
        required=False,
        empty_label=gettext_lazy("The whole city"),
        help_text=gettext_lazy("A department includes every unit below it."),
    )
    category = forms.TypedChoiceField(
        label=gettext_lazy("Support category"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Budget-claim roster only."),
    )
    full = forms.BooleanField(
        label=gettext_lazy("Full names and staff numbers"),
        required=False,
        help_text=gettext_lazy(
            "Masked by default (홍*동, 2020****). A full export is recorded with "
            "your reason in the export log."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for a full export"), required=False, max_length=300
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        found = rosters()
        self.fields["roster"].choices = [(k, r.label) for k, r in found.items()]
        self.fields["year"].initial = timezone.localdate().year
        self.fields["department"].label_from_instance = lambda d: d.tree_label
        categories = [c for r in found.values() if r.categories for c in r.categories()]
        self.fields["category"].choices = [("", _("All categories")), *categories]
        if not user.has_perm("lms.export_full_roster"):
            del self.fields["full"]
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        if data.get("full") and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("State why you need the full names and staff numbers.")
            )
        return data

    def filters(self) -> RosterFilters:
        data = self.cleaned_data
        return RosterFilters(
            year=data["year"],
            department=data.get("department"),
            category=data.get("category") if data["roster"] == "claims" else None,
        )


@permission_required("lms.export_roster", raise_exception=True)
def roster_exports(request):
    form = RosterExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        response = _export(request, form)
        if response is not None:
            return response
    jobs = ExportJob.objects.filter(user=request.user)[:RECENT_JOBS]
    return TemplateResponse(
        request, "lms/admin/roster_exports.html", {"form": form, "jobs": jobs}
    )


def _export(request, form):
    key, filters = form.cleaned_data["roster"], form.filters()
    masked = not form.cleaned_data.get("full")
    reason = form.cleaned_data.get("reason", "")
    roster = rosters()[key]
    try:
        if roster.count(filters) > app_settings.EXPORT_SYNC_MAX_ROWS:
            job = export_job_create(
                user=request.user,
                key=key,
                filters=filters,
                masked=masked,
                reason=reason,
            )
            messages.info(
                request,
                _("The roster is large: it is being written in the background."),
            )
            return redirect("lms_export_job", job.pk)
    except RosterError as error:
        form.add_error(None, str(error))
        return None
    # Written to a temporary file, not memory; the response streams and closes it.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        roster_export(
            key=key,
            filters=filters,
            out=out,
            user=request.user,
            masked=masked,
            reason=reason,
        )
    except RosterError as error:
        out.close()
        form.add_error(None, str(error))
        return None
    out.seek(0)
    # The export log already has this export (roster_export wrote it).
    return private_file_serve(
        request,
        PrivateFile(
            content=out,
            download_name=roster.file_name(filters.year),
            content_type=XLSX,
            access=None,
        ),
    )


def _own_job(request, pk) -> ExportJob:
    # Someone else's job is "not found": its filters and file are theirs.
    return get_object_or_404(export_jobs_visible_to(request.user), pk=pk)


def export_jobs_visible_to(user):
    """A background export is its requester's alone: its filters and file."""
    return ExportJob.objects.filter(user=user)


@permission_required("lms.export_roster", raise_exception=True)
def export_job(request, pk):
    job = _own_job(request, pk)
    return TemplateResponse(request, "lms/admin/export_job.html", {"job": job})


@permission_required("lms.export_roster", raise_exception=True)
def export_job_download(request, pk):
    return private_download(
        request,
        visible=export_jobs_visible_to(request.user).filter(
            status=ExportJobStatus.DONE
        ),
        describe=_finished_export,
        pk=pk,
    )


def _finished_export(job: ExportJob) -> PrivateFile:
    # Logged when it was written (export log), like every roster export.
    return PrivateFile(
        content=job.file, download_name=job.file_name, content_type=XLSX, access=None
    )


# --- The export log, read-only (auditors, HR) ------------------------------------

register_permission_policy(ExportLog, RefusingPermissionPolicy(ExportLog))

# Exports logged that are not rosters of the ``lms_rosters`` hook: the
# certificate registry's own spreadsheet (certificates.credentials.admin).
OTHER_EXPORTS = {"certificate-registry": gettext_lazy("Certificate registry")}
CHANNELS = {
    "admin": gettext_lazy("Admin screen"),
    "command": gettext_lazy("Command line"),
}
# The keys of ExportLog.filters, as the roster form and the registry name them.
FILTER_LABELS = {
    "year": gettext_lazy("Year"),
    "department": gettext_lazy("Department"),
    "category": gettext_lazy("Support category"),
    "course": gettext_lazy("Course"),
    "status": gettext_lazy("Status"),
    "kind": gettext_lazy("Kind"),
    "q": gettext_lazy("Search term"),
}


def export_labels() -> dict:
    """Every export the log may name: the rosters and the other exports."""
    return {**OTHER_EXPORTS, **{k: r.label for k, r in rosters().items()}}


def roster_label(entry: ExportLog) -> str:
    return str(export_labels().get(entry.roster, entry.roster))


def exported_by(entry: ExportLog) -> str:
    return person(entry.user)


def channel_label(entry: ExportLog) -> str:
    return str(CHANNELS.get(entry.channel, entry.channel))


def filters_text(filters: dict) -> str:
    parts = [
        f"{FILTER_LABELS.get(key, key)} {value}"
        for key, value in (filters or {}).items()
        if value not in (None, "")
    ]
    return ", ".join(parts) or "—"


class ExportLogFilterSet(WagtailFilterSet):
    roster = django_filters.ChoiceFilter(
        label=gettext_lazy("roster"), choices=lambda: list(export_labels().items())
    )
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Exported from"), choices=list(CHANNELS.items())
    )

    class Meta:
        model = ExportLog
        fields = ["roster", "masked", "channel"]


def export_title(entry: ExportLog) -> str:
    when = date_format(timezone.localtime(entry.created_at), "Y. n. j. H:i")
    return f"{when} {roster_label(entry)}"


class ExportLogIndexView(IndexView):
    """Each row's menu is named by the roster's name, not its key (``str()``)."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        for button in buttons:
            if isinstance(button, ButtonWithDropdown):
                button.attrs["aria-label"] = _("More options for '%(title)s'") % {
                    "title": export_title(instance)
                }
        return buttons


class ExportLogInspectView(LabelledInspectView):
    """One export: the roster by its name, the filters and the channel in words."""

    field_labels = {"channel": gettext_lazy("Exported from")}

    def get_page_subtitle(self):
        return export_title(self.object)

    def get_roster_display_value(self):
        return roster_label(self.object)

    def get_filters_display_value(self):
        return filters_text(self.object.filters)

    def get_channel_display_value(self):
        return channel_label(self.object)


class ExportLogViewSet(ListingQuerysetMixin, ModelViewSet):
    """The "Export log" menu item: every roster export, read-only (``view_exportlog``:
    HR, auditors)."""

    model = ExportLog
    icon = "history"
    menu_label = gettext_lazy("Export log")
    menu_order = 290
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = ExportLogIndexView
    inspect_view_class = ExportLogInspectView
    copy_view_enabled = False
    list_display = [
        "created_at",
        Column("user", label=gettext_lazy("exported by"), accessor=exported_by),
        Column("roster", label=gettext_lazy("roster"), accessor=roster_label),
        yes_no_column(ExportLog, "masked"),
        "row_count",
        "reason",
        Column("channel", label=gettext_lazy("Exported from"), accessor=channel_label),
    ]
    filterset_class = ExportLogFilterSet
    search_fields = ["roster", "reason"]
    list_per_page = 50
    form_fields: list[str] = []  # never edited: the policy refuses it

    def listing_queryset(self):
        return ExportLog.objects.select_related("user__staff_profile")
