"""Changes to claims. Drafts (what the claimant does), decisions (what the head and
HR do), the events every transition writes, and the notices sent on decisions.

Callers import from this package: ``from certificates.support.services import
claim_approve``. It also passes on the claim states (``models``) and the reads
the services decide by (``selectors``: facts, eligibility, the budget), which
callers imported from here before the split."""

from certificates.support.models import CLOSED, DECIDABLE, EDITABLE
from certificates.support.selectors import (
    budget_for_claim,
    claim_eligibility,
    claim_facts,
    policy_for_year,
    policy_terms,
)
from certificates.support.services.common import (
    AMOUNT_INVALID,
    BASIS_CLOSED,
    BASIS_NOT_YOURS,
    BUDGET_EXHAUSTED,
    CATEGORY_INACTIVE,
    HEAD_CONFIRMATION_NEEDED,
    NO_BUDGET,
    NOT_EDITABLE,
    NOT_ELIGIBLE,
    NOT_YOUR_DEPARTMENT,
    NOT_YOURS,
    REASON_REQUIRED,
    REFERENCE_REQUIRED,
    STATE_CHANGED,
    ClaimError,
    claim_locked,
    claim_transition,
    reason_required,
)
from certificates.support.services.decisions import (
    claim_approval_cancel,
    claim_approval_reduce,
    claim_approve,
    claim_head_confirm,
    claim_mark_paid,
    claim_payment_request,
    claim_reject,
    claim_return,
)
from certificates.support.services.drafts import (
    claim_draft_create,
    claim_item_add,
    claim_item_remove,
    claim_submit,
    claim_update,
    claim_withdraw,
)

__all__ = [
    "AMOUNT_INVALID",
    "BASIS_CLOSED",
    "BASIS_NOT_YOURS",
    "BUDGET_EXHAUSTED",
    "CATEGORY_INACTIVE",
    "CLOSED",
    "ClaimError",
    "DECIDABLE",
    "EDITABLE",
    "HEAD_CONFIRMATION_NEEDED",
    "NOT_EDITABLE",
    "NOT_ELIGIBLE",
    "NOT_YOURS",
    "NOT_YOUR_DEPARTMENT",
    "NO_BUDGET",
    "REASON_REQUIRED",
    "REFERENCE_REQUIRED",
    "STATE_CHANGED",
    "budget_for_claim",
    "claim_approval_cancel",
    "claim_approval_reduce",
    "claim_approve",
    "claim_draft_create",
    "claim_eligibility",
    "claim_facts",
    "claim_head_confirm",
    "claim_item_add",
    "claim_item_remove",
    "claim_locked",
    "claim_mark_paid",
    "claim_payment_request",
    "claim_reject",
    "claim_return",
    "claim_submit",
    "claim_transition",
    "claim_update",
    "claim_withdraw",
    "policy_for_year",
    "policy_terms",
    "reason_required",
]
