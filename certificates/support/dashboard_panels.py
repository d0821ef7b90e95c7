"""Expense support's panel on the dashboards (hook ``lms_dashboard_panels``):
budget execution per category. One SQL aggregate whatever the data size."""

from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.support.models import Budget
from lms.dashboard import DashboardPanel, Scope, percent


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


def budget_context(request, scope: Scope) -> dict:
    year = timezone.localdate().year  # the fiscal year is the calendar year
    lines, total = budget_by_category(fiscal_year=year)
    return {"year": year, "lines": lines, "total": total}


def support_dashboard_panels() -> list[DashboardPanel]:
    return [
        DashboardPanel(
            key="budget",
            title=_("Budget execution by category"),
            template="certificates/support/dashboard/budget_panel.html",
            context=budget_context,
            order=40,
            permission="certificates.view_budget",
        ),
    ]
