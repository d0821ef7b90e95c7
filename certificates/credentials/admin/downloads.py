"""HR downloads of certificate PDFs in bulk (ZIP), registered in the admin.

The registry's filter query (course, department, year, status, kind) gives the
same certificates here as in its listing; the ZIP streams one PDF at a time.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from certificates.credentials.models import CertificateKind, CertificateStatus
from certificates.credentials.pdf import certificate_zip_iter
from certificates.credentials.selectors import certificate_list_filtered
from lms.downloads import PrivateFile, private_file_serve
from lms.models import AccessKind, Department

VIEW_PERMISSION = "certificates.view_certificate"
NOTHING_MATCHES = _(
    "No certificate matches this filter, so there is nothing to download. "
    "Change the filter in the certificate registry and try again."
)
FILTER_INVALID = _(
    "The filter is not valid. Open the ZIP from the certificate registry."
)
ZIP_CHUNK_ROWS = 200


class CertificateZipFilterForm(forms.Form):
    """The registry's query parameters, all optional."""

    course = forms.CharField(required=False, max_length=50)
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False
    )
    year = forms.IntegerField(required=False, min_value=2000, max_value=2999)
    status = forms.ChoiceField(
        required=False, choices=[("", "")] + CertificateStatus.choices
    )
    kind = forms.ChoiceField(
        required=False, choices=[("", "")] + CertificateKind.choices
    )


class CertificateZipView(WagtailAdminTemplateMixin, TemplateView):
    """The PDFs of the filtered certificates in one ZIP, for HR and auditors."""

    template_name = "certificates/credentials/admin/certificate_zip_empty.html"
    page_title = _("Certificate PDFs (ZIP)")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = CertificateZipFilterForm(request.GET)
        if not form.is_valid():
            return self._message(FILTER_INVALID, status=400)
        data = form.cleaned_data
        certificates = certificate_list_filtered(
            course_key=data["course"] or None,
            department=data["department"],
            year=data["year"],
            status=data["status"] or None,
            kind=data["kind"] or None,
        )
        count = certificates.count()
        if not count:
            return self._message(NOTHING_MATCHES, status=404)
        filters = ", ".join(
            f"{key}={value}" for key, value in request.GET.items() if value
        )
        today = timezone.localdate()
        return private_file_serve(
            request,
            PrivateFile(
                content=certificate_zip_iter(
                    certificates=certificates, chunk_size=ZIP_CHUNK_ROWS
                ),
                download_name=f"수료증-{today:%Y%m%d}.zip",
                content_type="application/zip",
                access=AccessKind.CERTIFICATES_ZIP,
                detail=f"{count}건" + (f" ({filters})" if filters else ""),
            ),
        )

    def _message(self, message, *, status: int):
        try:
            back = reverse("certificate_registry:index")
        except NoReverseMatch:
            back = reverse("wagtailadmin_home")
        query = self.request.GET.urlencode()
        context = self.get_context_data(
            message=message, back_url=f"{back}?{query}" if query else back
        )
        return self.render_to_response(context, status=status)
