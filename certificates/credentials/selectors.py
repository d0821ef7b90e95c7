"""Reads of certificates, scoped before they are filtered."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from certificates.credentials.models import (
    EXPIRING_WITHIN_DAYS,
    Certificate,
    CertificateStatus,
)
from lms.models import Department
from lms.permissions import owned_or_permitted

VIEW_ANY_PERMISSION = "certificates.view_certificate"


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """HR and auditors see every certificate, a learner only their own."""
    return owned_or_permitted(
        Certificate.objects.all(),
        user=user,
        owner="holder",
        permission=VIEW_ANY_PERMISSION,
    )


def certificate_list_for_holder(*, user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=user).order_by("-issued_on", "-pk")


def certificate_list_filtered(
    *,
    course_key: str | None = None,
    department: Department | None = None,
    year: int | None = None,
    status: str | None = None,
    kind: str | None = None,
    on: datetime.date | None = None,
) -> QuerySet[Certificate]:
    """The registry's filter (HR list, export and ZIP use the same one).

    ``department`` matches its whole subtree; ``year`` is the cycle year;
    ``status`` is one of CertificateStatus.
    """
    on = on or timezone.localdate()
    qs = Certificate.objects.all()
    if course_key:
        qs = qs.filter(course_key=course_key)
    if department is not None:
        qs = qs.filter(department_path__startswith=department.path)
    if year:
        qs = qs.filter(cycle_year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(_status_q(status, on=on))
    return qs.order_by("-issued_on", "-serial_number")


def _status_q(status: str, *, on: datetime.date) -> Q:
    soon = on + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    standing = Q(revoked_at__isnull=True)
    if status == CertificateStatus.REVOKED:
        return Q(revoked_at__isnull=False)
    if status == CertificateStatus.EXPIRED:
        return standing & Q(expires_on__lt=on)
    if status == CertificateStatus.EXPIRING:
        return standing & Q(expires_on__gte=on, expires_on__lte=soon)
    if status == CertificateStatus.VALID:
        return standing & (Q(expires_on__isnull=True) | Q(expires_on__gt=soon))
    return Q()
