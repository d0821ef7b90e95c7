"""Budgets, support policies and categories in the Wagtail admin (hooks and viewsets).

They join the "Expense support" menu of certificates/support/admin/claims.py. HR adds
and edits; the auditor only views; nobody deletes here. A budget's approved
and paid amounts follow the claims and are never typed in."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from certificates.support.admin.claims import SUBMENU_HOOK
from certificates.support.forms import BudgetForm
from certificates.support.models import Budget, SupportCategory, SupportPolicy
from lms.admin_display import ListingQuerysetMixin, yes_no_column
from lms.money import won_format
from lms.permissions import RefusingPermissionPolicy

register_permission_policy(
    Budget, RefusingPermissionPolicy(Budget, refused=frozenset({"delete"}))
)
register_permission_policy(
    SupportPolicy,
    RefusingPermissionPolicy(SupportPolicy, refused=frozenset({"delete"})),
)
register_permission_policy(
    SupportCategory,
    RefusingPermissionPolicy(SupportCategory, refused=frozenset({"add", "delete"})),
)


def _won_column(name: str, label) -> Column:
    return Column(
        name,
        label=label,
        accessor=lambda budget: won_format(getattr(budget, name)),
        sort_key=name if name != "remaining" else None,
    )


class BudgetViewSet(ListingQuerysetMixin, ModelViewSet):
    """Budgets per year and category (and department), under "Expense support": HR
    types the allocation; approved and paid follow the claims. No delete."""

    model = Budget
    icon = "table"
    menu_label = _("Budgets")
    menu_hook = SUBMENU_HOOK
    menu_order = 20
    list_display = [
        "fiscal_year",
        "category",
        "department",
        _won_column("allocated", _("Allocated")),
        _won_column("approved", _("Approved")),
        _won_column("paid", _("Paid")),
        _won_column("remaining", _("Remaining")),
    ]
    list_filter = ["fiscal_year", "category"]
    edit_handler = ObjectList(
        [
            FieldPanel("fiscal_year"),
            FieldPanel("category"),
            FieldPanel("department"),
            FieldPanel("allocated"),
            FieldPanel("note"),
        ],
        base_form_class=BudgetForm,
    )
    inspect_view_enabled = True
    inspect_view_fields = [
        "fiscal_year",
        "category",
        "department",
        "allocated",
        "approved",
        "paid",
        "note",
    ]
    copy_view_enabled = False

    def listing_queryset(self):
        return Budget.objects.select_related("category", "department")


class SupportPolicyViewSet(ModelViewSet):
    """The yearly policy (cap per person, evidence, attestation, head's confirmation,
    claim deadline), under "Expense support". No delete."""

    model = SupportPolicy
    icon = "doc-full"
    menu_label = _("Support policies")
    menu_hook = SUBMENU_HOOK
    menu_order = 30
    list_display = [
        "fiscal_year",
        Column(
            "annual_cap",
            label=_("Yearly cap per person"),
            accessor=lambda p: won_format(p.annual_cap),
        ),
        yes_no_column(SupportPolicy, "evidence_required"),
        yes_no_column(SupportPolicy, "attestation_required"),
        yes_no_column(SupportPolicy, "head_confirmation_required"),
        "claim_deadline_days",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False


class SupportCategoryViewSet(ModelViewSet):
    """The Art. 15② categories, under "Expense support": HR edits them but neither adds
    nor deletes; the fixed set is seeded by a data migration."""

    model = SupportCategory
    icon = "tag"
    menu_label = _("Support categories")
    menu_hook = SUBMENU_HOOK
    menu_order = 40
    list_display = [
        "__str__",
        "budget_item_code",
        yes_no_column(SupportCategory, "active"),
    ]
    inspect_view_enabled = True
    copy_view_enabled = False
