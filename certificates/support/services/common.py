"""What every claim service shares: the refusal messages and ``ClaimError``,
and the one transition helper that moves a claim and writes its event in the caller's
transaction."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.support.models import (
    ClaimStatus,
    ExpenseClaim,
)
from certificates.support.services.events import claim_event_append
from certificates.support.services.notices import claim_decision_notify
from lms.history import history_record

NOT_EDITABLE = _("This claim can no longer be changed.")
NOT_ELIGIBLE = _("The claim is not eligible: %(reasons)s")
STATE_CHANGED = _(
    "Someone else has just changed this claim (now: %(status)s). Reload and check."
)
BUDGET_EXHAUSTED = _(
    "The budget is exhausted: %(remaining)s left, %(amount)s asked. Nothing was changed."
)
NO_BUDGET = _("There is no budget for this category and year.")
AMOUNT_INVALID = _("The amount must be between 1 won and %(max)s.")
REASON_REQUIRED = _("Give a reason.")
REFERENCE_REQUIRED = _("Enter the finance system's reference.")
HEAD_CONFIRMATION_NEEDED = _("The department head has not confirmed this claim yet.")
NOT_YOUR_DEPARTMENT = _("This claim is not from your department.")
NOT_YOURS = _("Only the claimant can do this.")
CATEGORY_INACTIVE = _("This support category is closed.")
BASIS_NOT_YOURS = _("Choose one of your own certificates or qualifications.")
BASIS_CLOSED = _("A claim on this basis is not possible: %(reasons)s")


class ClaimError(Exception):
    """A rule refused the action; the message is for the person who asked."""


def claim_transition(
    *,
    claim: ExpenseClaim,
    allowed_from,
    to: str,
    actor,
    amount: int | None = None,
    reason: str = "",
    **changes,
) -> ExpenseClaim:
    """Move the claim by conditional update and write its event; the caller's
    transaction holds both."""
    before = claim.status
    if before not in allowed_from:
        raise ClaimError(STATE_CHANGED % {"status": ClaimStatus(before).label})
    updated = ExpenseClaim.objects.filter(pk=claim.pk, status=before).update(
        status=to, updated_at=timezone.now(), **changes
    )
    if not updated:
        current = ExpenseClaim.objects.values_list("status", flat=True).get(pk=claim.pk)
        raise ClaimError(STATE_CHANGED % {"status": ClaimStatus(current).label})
    claim_event_append(
        claim=claim,
        actor=actor,
        from_status=before,
        to_status=to,
        amount=amount,
        reason=reason,
    )
    claim.refresh_from_db()
    history_record(
        instance=claim,
        action="certificates.claim_transition",
        actor=actor,
        reason=reason,
        from_status=before,
        to_status=to,
        amount=amount,
    )
    claim_decision_notify(claim=claim, to_status=to, reason=reason)
    return claim


def claim_locked(claim: ExpenseClaim) -> ExpenseClaim:
    return (
        ExpenseClaim.objects.select_for_update(of=("self",))
        .select_related("certificate", "qualification", "department", "category")
        .get(pk=claim.pk)
    )


def reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError(REASON_REQUIRED)
    return reason
