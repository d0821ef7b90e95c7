"""HR's expense-claim queue and decisions in the Wagtail admin (hooks and views).

The training officer (``review_expenseclaim``) decides; the auditor
(``view_expenseclaim`` only) sees the same queue and pages without forms.
Claims change only through certificates/support/services/: nobody, not even
a superuser, adds, edits or deletes them here."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from certificates.support import services
from certificates.support.forms import (
    ApproveForm,
    PaidForm,
    PaymentRequestForm,
    ReasonForm,
    ReduceForm,
)
from certificates.support.models import ClaimStatus, ExpenseClaim, SupportCategory
from certificates.support.selectors import claim_checks, claim_history_rows
from lms.history import DecisionHistoryMixin
from lms.models import Department
from lms.money import won_format
from lms.permissions import RefusingPermissionPolicy

SUBMENU_HOOK = "register_expense_support_menu_item"
AWAITING = "awaiting"
ALL = "all"


register_permission_policy(
    ExpenseClaim,
    RefusingPermissionPolicy(ExpenseClaim),
)


# --- The queue ------------------------------------------------------------------------


def _fiscal_years():
    years = ExpenseClaim.objects.values_list("fiscal_year", flat=True).distinct()
    return [(y, str(y)) for y in sorted(years, reverse=True)]


class ClaimFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (AWAITING, gettext_lazy("Awaiting decision")),
            *ClaimStatus.choices,
            (ALL, gettext_lazy("All")),
        ],
        empty_label=None,
        method="filter_status",
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"), queryset=SupportCategory.objects.all()
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department (with the units below it)"),
        queryset=Department.objects.order_by("path"),
        method="filter_department",
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=gettext_lazy("Fiscal year"), choices=_fiscal_years
    )

    class Meta:
        model = ExpenseClaim
        fields = ["status", "category", "department", "fiscal_year"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on what is waiting for a decision.
        if data is None or not data.get("status"):
            data = data.copy() if data is not None else {}
            data["status"] = AWAITING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == AWAITING:
            return queryset.filter(status__in=services.DECIDABLE)
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_department(self, queryset, name, value):
        return queryset.filter(
            Q(department__path__startswith=value.path) | Q(department=value)
        )


def _claimant_name(claim) -> str:
    profile = getattr(claim.claimant, "staff_profile", None)
    return profile.name if profile else claim.claimant.get_username()


def _staff_number(claim) -> str:
    profile = getattr(claim.claimant, "staff_profile", None)
    return profile.staff_number if profile else ""


def _submitted_on(claim) -> str:
    if claim.submitted_at is None:
        return "–"
    return date_format(timezone.localtime(claim.submitted_at), "Y. n. j.")


def _approved(claim) -> str:
    return won_format(claim.amount_approved) if claim.amount_approved else "–"


class ClaimIndexView(IndexView):
    """The claims queue, opening on what awaits a decision; filters by status,
    category, department (with its units) and fiscal year."""

    filterset_class = ClaimFilterSet
    default_ordering = "submitted_at"
    page_title = gettext_lazy("Expense claims")

    def get_base_queryset(self):
        return ExpenseClaim.objects.select_related(
            "claimant__staff_profile",
            "department",
            "category",
            "certificate",
            "qualification__qualification",
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "claimant",
                label=gettext_lazy("Claimant"),
                accessor=_claimant_name,
                get_url=self.get_inspect_url,
                sort_key="claimant__staff_profile__name",
            ),
            Column(
                "staff_number",
                label=gettext_lazy("Staff number"),
                accessor=_staff_number,
            ),
            Column(
                "department",
                label=gettext_lazy("Department"),
                accessor="department.name",
            ),
            Column("basis", label=gettext_lazy("Basis"), accessor="basis_title"),
            Column(
                "category",
                label=gettext_lazy("Category"),
                accessor="category.name",
                sort_key="category__number",
            ),
            Column(
                "amount_requested",
                label=gettext_lazy("Requested"),
                accessor=lambda c: won_format(c.amount_requested),
                sort_key="amount_requested",
            ),
            Column(
                "amount_approved", label=gettext_lazy("Approved"), accessor=_approved
            ),
            Column(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column(
                "submitted_at",
                label=gettext_lazy("Submitted on"),
                accessor=_submitted_on,
                sort_key="submitted_at",
            ),
        ]


# --- One claim and its decisions ----------------------------------------------------------

ACTIONS = {
    # action: (form class, service call taking claim, user, cleaned data)
    "approve": (
        ApproveForm,
        lambda claim, user, data: services.claim_approve(
            claim=claim, approver=user, amount=data["amount"], reason=data["reason"]
        ),
    ),
    "return": (
        ReasonForm,
        lambda claim, user, data: services.claim_return(
            claim=claim, actor=user, reason=data["reason"]
        ),
    ),
    "reject": (
        ReasonForm,
        lambda claim, user, data: services.claim_reject(
            claim=claim, actor=user, reason=data["reason"]
        ),
    ),
    "payment_request": (
        PaymentRequestForm,
        lambda claim, user, data: services.claim_payment_request(
            claim=claim, actor=user, reference=data["reference"]
        ),
    ),
    "paid": (
        PaidForm,
        lambda claim, user, data: services.claim_mark_paid(
            claim=claim, actor=user, reference=data["reference"]
        ),
    ),
    "reduce": (
        ReduceForm,
        lambda claim, user, data: services.claim_approval_reduce(
            claim=claim, actor=user, amount=data["amount"], reason=data["reason"]
        ),
    ),
    "cancel": (
        ReasonForm,
        lambda claim, user, data: services.claim_approval_cancel(
            claim=claim, actor=user, reason=data["reason"]
        ),
    ),
}

ACTION_LABELS = {
    "approve": gettext_lazy("Approve in full or in part"),
    "return": gettext_lazy("Return for correction"),
    "reject": gettext_lazy("Reject the claim"),
    "payment_request": gettext_lazy("Mark as payment requested"),
    "paid": gettext_lazy("Mark as paid"),
    "reduce": gettext_lazy("Reduce the approval"),
    "cancel": gettext_lazy("Cancel the approval"),
}

# Which decisions a claim in each state offers.
OFFERED = {
    ClaimStatus.SUBMITTED: ("approve", "return", "reject"),
    ClaimStatus.CONFIRMED: ("approve", "return", "reject"),
    ClaimStatus.APPROVED: ("payment_request", "reduce", "cancel"),
    ClaimStatus.PAYMENT_REQUESTED: ("paid", "reduce", "cancel"),
}


class ClaimDetailView(InspectView):
    """The claim as HR sees it: basis, receipts, the eligibility check at the
    requested amount, the budget, the history, and the decisions open now."""

    template_name = "certificates/support/admin/claim_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ExpenseClaim.objects.select_related(
                "claimant__staff_profile",
                "department",
                "category",
                "certificate",
                "qualification__qualification",
                "budget",
            ),
            pk=self.pk,
        )

    def get_page_title(self):
        return _("Claim no. %(number)s") % {"number": self.object.pk}

    def may_review(self) -> bool:
        return self.permission_policy.user_has_permission(self.request.user, "review")

    def action_forms(self, bound: dict | None = None) -> dict:
        if not self.may_review():
            return {}
        forms = {}
        for action in OFFERED.get(self.object.status, ()):
            form_class = ACTIONS[action][0]
            if bound and action in bound:
                forms[action] = bound[action]
            elif action == "approve":
                forms[action] = form_class(
                    prefix=action, initial={"amount": self.object.amount_requested}
                )
            elif action == "reduce":
                forms[action] = form_class(
                    prefix=action, initial={"amount": self.object.amount_approved}
                )
            else:
                forms[action] = form_class(prefix=action)
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        forms = self.action_forms(kwargs.get("bound"))
        context.update(
            {
                "claim": claim,
                "items": claim.items.all(),
                "history": claim_history_rows(claim, show_names=True),
                "forms": forms,
                "decisions": [(a, ACTION_LABELS[a], f) for a, f in forms.items()],
                "may_review": self.may_review(),
            }
        )
        if claim.status in services.EDITABLE + services.DECIDABLE:
            context.update(claim_checks(claim))
        return context

    def post(self, request, *args, **kwargs):
        if not self.may_review():
            # A plain 403 rather than Wagtail's redirect: nothing to retry here.
            return permission_denied(request, PermissionDenied())
        action = request.POST.get("action", "")
        if action not in OFFERED.get(self.object.status, ()):
            messages.error(
                request,
                _("This decision is not open for the claim any more (now: %(status)s).")
                % {"status": self.object.get_status_display()},
            )
            return redirect(self.request.path)
        form_class, call = ACTIONS[action]
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                call(self.object, request.user, form.cleaned_data)
            except services.ClaimError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Claim no. %(number)s: done.") % {"number": self.object.pk},
                )
                return redirect(self.request.path)
        self.object.refresh_from_db()
        context = self.get_context_data(bound={action: form})
        return self.render_to_response(context, status=400)


class ClaimViewSet(DecisionHistoryMixin, ModelViewSet):
    """The claims: queue and claim pages only; the policy refuses add, edit and delete
    to everyone, superusers too."""

    model = ExpenseClaim
    icon = "form"
    menu_label = gettext_lazy("Claims")
    index_view_class = ClaimIndexView
    inspect_view_class = ClaimDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Not used for editing (the policy refuses it); ModelViewSet needs fields.
    form_fields = ["payment_reference"]


class ExpenseSupportGroup(ViewSetGroup):
    """The "Expense support" menu: the claims here; budgets, policies and
    categories join through ``SUBMENU_HOOK`` (certificates/support/admin/budgets.py)."""

    menu_label = gettext_lazy("Expense support")
    menu_name = "expense-support"
    menu_icon = "form"
    menu_order = 250
    submenu_hook = SUBMENU_HOOK
    items = (ClaimViewSet("expense_claims"),)
