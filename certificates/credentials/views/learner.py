"""The learner's certificates: list and PDF download (owner or HR; others 404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from certificates.credentials.models import (
    EXPIRING_WITHIN_DAYS,
    Certificate,
    CertificateStatus,
)
from certificates.credentials.pdf import (
    certificate_pdf_filename,
    certificate_pdf_render,
)
from certificates.credentials.selectors import (
    certificate_list_for_holder,
    certificates_visible_to,
)
from lms.downloads import PrivateFile, private_download
from lms.models import AccessKind

# Colour only repeats what the status text already says.
STATUS_CSS = {
    CertificateStatus.VALID: "complete",
    CertificateStatus.EXPIRING: "in_progress",
    CertificateStatus.EXPIRED: "overdue",
    CertificateStatus.REVOKED: "overdue",
}


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
        "certificates/credentials/certificate_list.html",
        {"rows": rows, "expiring_days": EXPIRING_WITHIN_DAYS},
    )


@login_required
def certificate_pdf(request, pk: int):
    # Someone else's certificate is "not found", not "forbidden": a 403 would
    # confirm that the number exists.
    return private_download(
        request,
        visible=certificates_visible_to(request.user),
        describe=_certificate_pdf,
        pk=pk,
    )


def _certificate_pdf(certificate: Certificate) -> PrivateFile:
    return PrivateFile(
        content=certificate_pdf_render(certificate=certificate),
        download_name=certificate_pdf_filename(certificate),
        content_type="application/pdf",
        access=AccessKind.CERTIFICATE_PDF,
        object_id=certificate.pk,
        subject=certificate.holder_id,
        detail=certificate.serial,
    )
