"""The certificate registry's index (list, export logging, ZIP button) and
inspect views, and the text of a certificate's topics they show.

HR and auditors see every certificate issued, filter it, open one and export
the list. Nobody adds, edits or deletes a certificate here: the issuing
service is its only writer.
"""

from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton

from certificates.credentials.admin.actions import _action_url, _can_revoke
from certificates.credentials.admin.filters import FILTER_PARAMS
from certificates.credentials.models import Certificate
from lms.admin_display import person
from lms.models import ExportLog


def _topics_text(topics) -> str:
    return "; ".join(" ".join(str(part) for part in topic) for topic in topics or [])


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


def _staff_number(certificate: Certificate) -> str:
    profile = getattr(certificate.holder, "staff_profile", None)
    return profile.staff_number if profile else "–"


class CertificateIndexView(IndexView):
    """The registry list: revoke and reissue per row (``revoke_certificate``), the ZIP
    of the filtered PDFs, and spreadsheet exports written to the export log."""

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
            reason=_("Certificate registry list (%(format)s)")
            % {"format": spreadsheet_format.upper()},
            row_count=queryset.count(),
        )
        return response


class CertificateInspectView(InspectView):
    """One certificate: its verification link, the reissue chain both ways and, once
    revoked, when, why and by whom; revoke and reissue (``revoke_certificate``)."""

    page_title = gettext_lazy("Certificate details")

    def get_page_subtitle(self):
        return self.object.serial

    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related(
                "holder__staff_profile",
                "revoked_by__staff_profile",
                "replaces",
                "replaced_by",
            ),
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
            (_("Staff number"), _staff_number(c)),
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
                (_("Revoked by"), person(c.revoked_by)),
            ]
        return [
            {"label": label, "value": value, "component": None} for label, value in rows
        ]
