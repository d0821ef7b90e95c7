"""Expense support on the admin's home: claims waiting for the training
officer's decision, approved claims to send for payment, payments to record
(hook ``lms_home_tasks``), and what is left of this year's budget (hook
``lms_home_figures``). A person's own claims never wait for them."""

from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.support.dashboard_panels import budget_by_category
from certificates.support.models import DECIDABLE, ClaimStatus, ExpenseClaim
from lms.home import HomeFigure, HomeTask
from lms.money import won_format

REVIEW_PERMISSION = "certificates.review_expenseclaim"
# The claims queue's status filter (certificates.support.admin.claims).
AWAITING = "awaiting"


def _queue_url(status: str) -> str:
    return f"{reverse('expense_claims:index')}?status={status}"


queue_url = lazy(_queue_url, str)


def _waiting(request, statuses) -> int:
    return (
        ExpenseClaim.objects.filter(status__in=statuses)
        .exclude(claimant=request.user)
        .count()
    )


def support_home_tasks() -> list[HomeTask]:
    return [
        HomeTask(
            key="claims-decide",
            label=gettext_lazy("Expense claims to decide"),
            count=lambda request: _waiting(request, DECIDABLE),
            url=queue_url(AWAITING),
            permission=REVIEW_PERMISSION,
            order=10,
        ),
        HomeTask(
            key="claims-payment",
            label=gettext_lazy("Approved claims to send for payment"),
            count=lambda request: _waiting(request, [ClaimStatus.APPROVED]),
            url=queue_url(ClaimStatus.APPROVED),
            permission=REVIEW_PERMISSION,
            order=20,
        ),
        HomeTask(
            key="claims-paid",
            label=gettext_lazy("Payments to record as paid"),
            count=lambda request: _waiting(request, [ClaimStatus.PAYMENT_REQUESTED]),
            url=queue_url(ClaimStatus.PAYMENT_REQUESTED),
            permission=REVIEW_PERMISSION,
            order=30,
        ),
    ]


def budget_figure(request) -> tuple[str, str] | None:
    year = timezone.localdate().year  # the fiscal year is the calendar year
    _lines, total = budget_by_category(fiscal_year=year)
    if not total.allocated:
        return _("No budget"), _("No budget is entered for %(year)d yet.") % {
            "year": year
        }
    detail = _("%(allocated)s allocated · %(approved)s approved · %(paid)s paid") % {
        "allocated": won_format(total.allocated),
        "approved": won_format(total.approved),
        "paid": won_format(total.paid),
    }
    return won_format(total.remaining), detail


def support_home_figures() -> list[HomeFigure]:
    return [
        HomeFigure(
            key="budget",
            label=gettext_lazy("Support budget left this year"),
            value=budget_figure,
            url=reverse_lazy("expense_budgets:index"),
            permission="certificates.view_budget",
            order=30,
        ),
    ]
