"""Certificates' panel on the dashboards (hook ``lms_dashboard_panels``):
certificates expiring soon, in the viewer's scope. SQL aggregates only: a fixed
number of queries whatever the data size."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.credentials.models import Certificate
from lms.dashboard import DashboardPanel, Scope, scope_q

EXPIRY_WINDOWS = (30, 60, 90)
EXPIRING_LIST_LIMIT = 10


def certificates_expiring(
    *, scope: Scope, on: datetime.date | None = None
) -> QuerySet[Certificate]:
    """Standing certificates that expire within the longest window, in the
    scope (by the department recorded on the certificate, as the registry
    filters), leaving out those already renewed: the holder has a standing
    certificate of the same course that runs longer or never expires."""
    on = on or timezone.localdate()
    renewed = Certificate.objects.filter(
        holder_id=OuterRef("holder_id"),
        course_key=OuterRef("course_key"),
        revoked_at__isnull=True,
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gt=OuterRef("expires_on")))
    return (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_on__gte=on,
            expires_on__lte=on + datetime.timedelta(days=max(EXPIRY_WINDOWS)),
        )
        .filter(scope_q(scope, path_lookup="department_path"))
        .filter(~Exists(renewed))
    )


def expiring_counts(
    certificates: QuerySet[Certificate], *, on: datetime.date | None = None
) -> list[tuple[int, int]]:
    """(days, how many expire within them) for each window, in one query."""
    on = on or timezone.localdate()
    counts = certificates.aggregate(
        **{
            f"within_{days}": Count(
                "id", filter=Q(expires_on__lte=on + datetime.timedelta(days=days))
            )
            for days in EXPIRY_WINDOWS
        }
    )
    return [(days, counts[f"within_{days}"]) for days in EXPIRY_WINDOWS]


def expiring_context(request, scope: Scope) -> dict:
    today = timezone.localdate()
    certificates = certificates_expiring(scope=scope, on=today)
    return {
        "counts": expiring_counts(certificates, on=today),
        "first": list(
            certificates.order_by("expires_on", "serial")[:EXPIRING_LIST_LIMIT]
        ),
        "limit": EXPIRING_LIST_LIMIT,
    }


def credentials_dashboard_panels() -> list[DashboardPanel]:
    return [
        DashboardPanel(
            key="expiring",
            title=_("Certificates expiring soon"),
            template="certificates/credentials/dashboard/expiring_panel.html",
            context=expiring_context,
            order=30,
            permission="certificates.view_certificate",
            for_department_heads=True,
        ),
    ]
