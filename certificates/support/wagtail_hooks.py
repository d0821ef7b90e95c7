"""Registration only: expense support in the admin (claims queue, budgets,
policies, categories), the learner's menu link, the claims roster and the
budget panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from certificates.support.admin.budgets import (
    BudgetViewSet,
    SupportCategoryViewSet,
    SupportPolicyViewSet,
)
from certificates.support.admin.claims import ExpenseSupportGroup
from certificates.support.dashboard_panels import support_dashboard_panels
from certificates.support.exports import CLAIMS_ROSTER
from certificates.support.home_items import support_home_figures, support_home_tasks
from certificates.support.models import ClaimStatus
from lms.history import ReasonFormatter


@hooks.register("register_admin_viewset")
def register_budget_viewsets():
    return [
        BudgetViewSet("expense_budgets"),
        SupportPolicyViewSet("expense_policies"),
        SupportCategoryViewSet("expense_categories"),
    ]


@hooks.register("register_admin_viewset")
def register_expense_support():
    return ExpenseSupportGroup()


@hooks.register("lms_site_nav_items")
def support_nav_items(request):
    if not getattr(request.user, "is_authenticated", False):
        return []
    return [(_("Expense support"), reverse("learner_claims"))]


@hooks.register("lms_rosters")
def support_rosters():
    return [CLAIMS_ROSTER]


@hooks.register("lms_dashboard_panels")
def support_panels():
    return support_dashboard_panels()


@hooks.register("lms_home_tasks")
def support_home_task_items():
    return support_home_tasks()


@hooks.register("lms_home_figures")
def support_home_figure_items():
    return support_home_figures()


class _ClaimTransitionFormatter(ReasonFormatter):
    label = _("Claim status change")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        labels = dict(ClaimStatus.choices)
        message = _("Claim: %(from)s → %(to)s") % {
            "from": labels.get(data.get("from_status"), data.get("from_status")),
            "to": labels.get(data.get("to_status"), data.get("to_status")),
        }
        return self.with_reason(message, log_entry)


@hooks.register("register_log_actions")
def register_claim_history(actions):
    actions.register_action("certificates.claim_transition")(_ClaimTransitionFormatter)
