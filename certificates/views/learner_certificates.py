"""The learner's certificates: list and PDF download (owner or HR; others 404)."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from certificates.models import Certificate
from certificates.models.certificates import EXPIRING_WITHIN_DAYS, CertificateStatus
from certificates.pdf import certificate_pdf_filename, certificate_pdf_render
from certificates.selectors import certificate_list_for_holder
from lms.models import AccessKind
from lms.services.access import access_record
from lms.storage import download_headers

VIEW_ANY_PERMISSION = "certificates.view_certificate"

# Colour only repeats what the status text already says.
STATUS_CSS = {
    CertificateStatus.VALID: "complete",
    CertificateStatus.EXPIRING: "in_progress",
    CertificateStatus.EXPIRED: "overdue",
    CertificateStatus.REVOKED: "overdue",
}


def _certificates_visible_to(user) -> QuerySet[Certificate]:
    """HR and auditors see every certificate, a learner only their own."""
    if user.has_perm(VIEW_ANY_PERMISSION):
        return Certificate.objects.all()
    return Certificate.objects.filter(holder=user)


def certificate_rows(certificates) -> list[dict]:
    """Certificates with today's status, for tables (no query per row)."""
    today = timezone.localdate()
    rows = []
    for certificate in certificates:
        status = certificate.status_on(today)
        rows.append(
            {
                "certificate": certificate,
                "status": status,
                "status_label": CertificateStatus(status).label,
                "status_css": STATUS_CSS[status],
            }
        )
    return rows


@login_required
def certificate_list(request):
    rows = certificate_rows(certificate_list_for_holder(user=request.user))
    return render(
        request,
        "certificates/certificate_list.html",
        {"rows": rows, "expiring_days": EXPIRING_WITHIN_DAYS},
    )


@login_required
def certificate_pdf(request, pk: int):
    # Someone else's certificate is "not found", not "forbidden": a 403 would
    # confirm that the number exists.
    certificate = get_object_or_404(_certificates_visible_to(request.user), pk=pk)
    response = HttpResponse(
        certificate_pdf_render(certificate=certificate), content_type="application/pdf"
    )
    download_headers(response, download_name=certificate_pdf_filename(certificate))
    access_record(
        user=request.user,
        kind=AccessKind.CERTIFICATE_PDF,
        object_id=certificate.pk,
        subject=certificate.holder_id,
        detail=certificate.serial,
    )
    return response
