"""Certificates' and support's panels on the dashboards (hook
``lms_dashboard_panels``): budget per category and certificates expiring soon.
SQL aggregates only: a fixed number of queries whatever the data size."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Budget, Certificate
from lms.dashboard import DashboardPanel, Scope, percent, scope_q

EXPIRY_WINDOWS = (30, 60, 90)
EXPIRING_LIST_LIMIT = 10


# --- Selectors ---------------------------------------------------------------


@dataclass
class BudgetLine:
    number: int | None  # Art. 15② item; None for the total
    name: str
    allocated: int
    approved: int
    paid: int

    @property
    def remaining(self) -> int:
        # As Budget.remaining: approval reserves the money.
        return self.allocated - self.approved

    @property
    def approved_percent(self) -> int | None:
        return percent(self.approved, self.allocated)


def budget_by_category(*, fiscal_year: int) -> tuple[list[BudgetLine], BudgetLine]:
    """Allocated / approved / paid / remaining per support category in a fiscal
    year (city-wide and department budgets together), and the total. One query."""
    lines = [
        BudgetLine(
            number=row["category__number"],
            name=row["category__name"],
            allocated=row["allocated"] or 0,
            approved=row["approved"] or 0,
            paid=row["paid"] or 0,
        )
        for row in Budget.objects.filter(fiscal_year=fiscal_year)
        .values("category__number", "category__name")
        .annotate(
            allocated=Sum("allocated"), approved=Sum("approved"), paid=Sum("paid")
        )
        .order_by("category__number")
    ]
    total = BudgetLine(
        number=None,
        name="",
        allocated=sum(line.allocated for line in lines),
        approved=sum(line.approved for line in lines),
        paid=sum(line.paid for line in lines),
    )
    return lines, total


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


# --- Panels ------------------------------------------------------------------


def budget_context(request, scope: Scope) -> dict:
    year = timezone.localdate().year  # the fiscal year is the calendar year
    lines, total = budget_by_category(fiscal_year=year)
    return {"year": year, "lines": lines, "total": total}


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


def certificates_dashboard_panels() -> list[DashboardPanel]:
    return [
        DashboardPanel(
            key="budget",
            title=_("Budget execution by category"),
            template="certificates/dashboard/budget_panel.html",
            context=budget_context,
            order=40,
            permission="certificates.view_budget",
        ),
        DashboardPanel(
            key="expiring",
            title=_("Certificates expiring soon"),
            template="certificates/dashboard/expiring_panel.html",
            context=expiring_context,
            order=30,
            permission="certificates.view_certificate",
            for_department_heads=True,
        ),
    ]
