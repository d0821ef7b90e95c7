"""What the department head and HR decide: confirm, return, reject, approve
within the budget (the budget row locked, ``approved`` moved with ``F()``),
reduce or cancel an approval, request payment, mark paid. Every decision
needs the actor's permission (``lms.permissions.permission_require``)."""

from django.db import transaction
from django.db.models import F

from certificates.support.models import DECIDABLE, Budget, ClaimStatus, ExpenseClaim
from certificates.support.selectors import (
    budget_for_claim,
    claim_eligibility,
    policy_for_year,
)
from certificates.support.services.common import (
    AMOUNT_INVALID,
    BUDGET_EXHAUSTED,
    HEAD_CONFIRMATION_NEEDED,
    NO_BUDGET,
    NOT_ELIGIBLE,
    NOT_YOUR_DEPARTMENT,
    REFERENCE_REQUIRED,
    STATE_CHANGED,
    ClaimError,
    claim_locked,
    claim_transition,
    reason_required,
)
from lms.money import won_format
from lms.permissions import permission_require
from lms.selectors import department_subtree_for_head

REVIEW_PERMISSION = "certificates.review_expenseclaim"


# --- The department head -----------------------------------------------------------


def _head_may_decide(*, claim: ExpenseClaim, head) -> None:
    own = {d.pk for d in department_subtree_for_head(user=head)}
    if claim.department_id not in own or claim.claimant_id == head.pk:
        raise ClaimError(NOT_YOUR_DEPARTMENT)


@transaction.atomic
def claim_head_confirm(*, claim: ExpenseClaim, head) -> ExpenseClaim:
    claim = claim_locked(claim)
    _head_may_decide(claim=claim, head=head)
    return claim_transition(
        claim=claim,
        allowed_from=(ClaimStatus.SUBMITTED,),
        to=ClaimStatus.CONFIRMED,
        actor=head,
    )


# --- HR -------------------------------------------------------------------------------


@transaction.atomic
def claim_return(
    *, claim: ExpenseClaim, actor, reason: str, by_head: bool = False
) -> ExpenseClaim:
    """Send back for correction (보완 요청); the claimant edits and submits again."""
    if not by_head:
        permission_require(actor, REVIEW_PERMISSION)
    reason = reason_required(reason)
    claim = claim_locked(claim)
    if by_head:
        _head_may_decide(claim=claim, head=actor)
    return claim_transition(
        claim=claim,
        allowed_from=DECIDABLE,
        to=ClaimStatus.RETURNED,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def claim_reject(*, claim: ExpenseClaim, actor, reason: str) -> ExpenseClaim:
    permission_require(actor, REVIEW_PERMISSION)
    reason = reason_required(reason)
    claim = claim_locked(claim)
    return claim_transition(
        claim=claim,
        allowed_from=DECIDABLE,
        to=ClaimStatus.REJECTED,
        actor=actor,
        reason=reason,
    )


def _approvable_from(claim: ExpenseClaim) -> tuple:
    policy = policy_for_year(claim.fiscal_year)
    if policy is not None and policy.head_confirmation_required:
        if claim.status == ClaimStatus.SUBMITTED:
            raise ClaimError(HEAD_CONFIRMATION_NEEDED)
        return (ClaimStatus.CONFIRMED,)
    return DECIDABLE


@transaction.atomic
def claim_approve(
    *, claim: ExpenseClaim, approver, amount: int | None = None, reason: str = ""
) -> ExpenseClaim:
    """Approve in full or in part and reserve the amount from the budget.
    Eligibility is checked again; when the budget cannot cover the amount,
    nothing changes and the error says so."""
    permission_require(approver, REVIEW_PERMISSION)
    claim = claim_locked(claim)
    allowed = _approvable_from(claim)
    if claim.status not in allowed:
        raise ClaimError(STATE_CHANGED % {"status": claim.get_status_display()})
    amount = claim.amount_requested if amount is None else int(amount)
    if not 1 <= amount <= claim.amount_requested:
        raise ClaimError(AMOUNT_INVALID % {"max": won_format(claim.amount_requested)})
    eligibility = claim_eligibility(claim=claim, amount=amount)
    if not eligibility.eligible:
        raise ClaimError(NOT_ELIGIBLE % {"reasons": " ".join(eligibility.problems)})
    target = budget_for_claim(claim=claim)
    if target is None:
        raise ClaimError(NO_BUDGET)
    budget = Budget.objects.select_for_update().get(pk=target.pk)
    if budget.remaining < amount:
        raise ClaimError(
            BUDGET_EXHAUSTED
            % {"remaining": won_format(budget.remaining), "amount": won_format(amount)}
        )
    Budget.objects.filter(pk=budget.pk).update(approved=F("approved") + amount)
    claim = claim_transition(
        claim=claim,
        allowed_from=allowed,
        to=ClaimStatus.APPROVED,
        actor=approver,
        amount=amount,
        reason=reason.strip(),
        amount_approved=amount,
        budget=budget,
    )
    return claim


@transaction.atomic
def claim_approval_reduce(
    *, claim: ExpenseClaim, actor, amount: int, reason: str
) -> ExpenseClaim:
    """Lower an approval before payment; the difference goes back to the budget."""
    permission_require(actor, REVIEW_PERMISSION)
    reason = reason_required(reason)
    claim = claim_locked(claim)
    current, amount = claim.amount_approved or 0, int(amount)
    if claim.status not in (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_REQUESTED):
        raise ClaimError(STATE_CHANGED % {"status": claim.get_status_display()})
    if not 1 <= amount < current:
        raise ClaimError(AMOUNT_INVALID % {"max": won_format(max(current - 1, 1))})
    Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
        approved=F("approved") - (current - amount)
    )
    return claim_transition(
        claim=claim,
        allowed_from=(claim.status,),
        to=claim.status,
        actor=actor,
        amount=amount,
        reason=reason,
        amount_approved=amount,
    )


@transaction.atomic
def claim_approval_cancel(*, claim: ExpenseClaim, actor, reason: str) -> ExpenseClaim:
    """Cancel an approval before payment; the whole amount goes back."""
    permission_require(actor, REVIEW_PERMISSION)
    reason = reason_required(reason)
    claim = claim_locked(claim)
    allowed = (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_REQUESTED)
    if claim.status in allowed:
        Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
            approved=F("approved") - claim.amount_approved
        )
    return claim_transition(
        claim=claim,
        allowed_from=allowed,
        to=ClaimStatus.CANCELLED,
        actor=actor,
        amount=-(claim.amount_approved or 0),
        reason=reason,
        amount_approved=None,
        budget=None,
    )


@transaction.atomic
def claim_payment_request(
    *, claim: ExpenseClaim, actor, reference: str = ""
) -> ExpenseClaim:
    permission_require(actor, REVIEW_PERMISSION)
    claim = claim_locked(claim)
    return claim_transition(
        claim=claim,
        allowed_from=(ClaimStatus.APPROVED,),
        to=ClaimStatus.PAYMENT_REQUESTED,
        actor=actor,
        amount=claim.amount_approved,
        reason=reference.strip(),
        payment_reference=reference.strip()[:100] or claim.payment_reference,
    )


@transaction.atomic
def claim_mark_paid(*, claim: ExpenseClaim, actor, reference: str) -> ExpenseClaim:
    permission_require(actor, REVIEW_PERMISSION)
    reference = (reference or "").strip()
    if not reference:
        raise ClaimError(REFERENCE_REQUIRED)
    claim = claim_locked(claim)
    if claim.status == ClaimStatus.PAYMENT_REQUESTED:
        Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
            paid=F("paid") + claim.amount_approved
        )
    return claim_transition(
        claim=claim,
        allowed_from=(ClaimStatus.PAYMENT_REQUESTED,),
        to=ClaimStatus.PAID,
        actor=actor,
        amount=claim.amount_approved,
        reason=reference,
        payment_reference=reference[:100],
    )
