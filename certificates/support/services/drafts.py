"""What the claimant does: start a draft on a certificate or a verified
qualification, add and remove expenses with receipts, submit, withdraw."""

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from certificates.credentials.models import Certificate
from certificates.qualifications.models import StaffQualification
from certificates.support.models import (
    DECIDABLE,
    EDITABLE,
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
    SupportCategory,
)
from certificates.support.selectors import (
    basis_check_for,
    claim_eligibility,
)
from certificates.support.services.common import (
    AMOUNT_INVALID,
    BASIS_CLOSED,
    BASIS_NOT_YOURS,
    CATEGORY_INACTIVE,
    NOT_EDITABLE,
    NOT_ELIGIBLE,
    NOT_YOURS,
    ClaimError,
    claim_locked,
    claim_transition,
)
from lms.selectors import staff_profile_for_user

# --- The claimant ----------------------------------------------------------------


def claim_draft_create(
    *,
    claimant,
    category: SupportCategory,
    certificate: Certificate | None = None,
    qualification: StaffQualification | None = None,
) -> ExpenseClaim:
    basis = certificate or qualification
    if basis is None or (certificate and qualification):
        raise ClaimError(BASIS_NOT_YOURS)
    if not category.active:
        raise ClaimError(CATEGORY_INACTIVE)
    owner_id = certificate.holder_id if certificate else qualification.user_id
    if owner_id != claimant.pk:
        raise ClaimError(BASIS_NOT_YOURS)
    # A basis past its deadline, or already supported, is refused now rather
    # than after the receipts (the start page does not offer it either).
    today = timezone.localdate()
    kind = "certificate" if certificate else "qualification"
    check = basis_check_for(user=claimant, kind=kind, record=basis, today=today)
    if not check.eligible:
        raise ClaimError(BASIS_CLOSED % {"reasons": " ".join(check.problems)})
    profile = staff_profile_for_user(user=claimant)
    return ExpenseClaim.objects.create(
        claimant=claimant,
        department=profile.department if profile else None,
        fiscal_year=today.year,
        category=category,
        certificate=certificate,
        qualification=qualification,
    )


def _claimant_only(claim: ExpenseClaim, actor) -> None:
    if actor.pk != claim.claimant_id:
        raise ClaimError(NOT_YOURS)


def _editable(claim: ExpenseClaim) -> None:
    if claim.status not in EDITABLE:
        raise ClaimError(NOT_EDITABLE)


def _requested_refresh(claim: ExpenseClaim) -> None:
    total = claim.items.aggregate(total=Sum("amount"))["total"] or 0
    ExpenseClaim.objects.filter(pk=claim.pk).update(amount_requested=total)
    claim.amount_requested = total


@transaction.atomic
def claim_item_add(
    *,
    claim: ExpenseClaim,
    kind: str,
    amount: int,
    receipt,
    receipt_content_type: str,
    description: str = "",
) -> ClaimItem:
    """Add an expense; ``receipt`` is a file already checked by the upload module."""
    claim = claim_locked(claim)
    _editable(claim)
    if int(amount) <= 0:
        raise ClaimError(AMOUNT_INVALID % {"max": "-"})
    item = ClaimItem(
        claim=claim,
        kind=kind,
        amount=int(amount),
        description=description,
        receipt_content_type=receipt_content_type,
    )
    item.receipt.save(receipt.name, receipt, save=False)
    try:
        item.save()
    except Exception:
        item.receipt.delete(save=False)  # no row, no file
        raise
    _requested_refresh(claim)
    return item


@transaction.atomic
def claim_item_remove(*, claim: ExpenseClaim, item: ClaimItem) -> None:
    claim = claim_locked(claim)
    _editable(claim)
    receipt = item.receipt
    deleted, _rows = ClaimItem.objects.filter(pk=item.pk, claim=claim).delete()
    if deleted:
        transaction.on_commit(lambda: receipt.delete(save=False))
    _requested_refresh(claim)


def claim_update(
    *, claim: ExpenseClaim, category: SupportCategory, attested: bool
) -> ExpenseClaim:
    _editable(claim)
    if not category.active and category.pk != claim.category_id:
        raise ClaimError(CATEGORY_INACTIVE)
    updated = ExpenseClaim.objects.filter(pk=claim.pk, status__in=EDITABLE).update(
        category=category, attested_no_other_funding=attested
    )
    if not updated:
        raise ClaimError(NOT_EDITABLE)
    claim.category, claim.attested_no_other_funding = category, attested
    return claim


@transaction.atomic
def claim_submit(*, claim: ExpenseClaim, actor) -> ExpenseClaim:
    claim = claim_locked(claim)
    _claimant_only(claim, actor)
    eligibility = claim_eligibility(claim=claim)
    if not eligibility.eligible:
        raise ClaimError(NOT_ELIGIBLE % {"reasons": " ".join(eligibility.problems)})
    return claim_transition(
        claim=claim,
        allowed_from=EDITABLE,
        to=ClaimStatus.SUBMITTED,
        actor=actor,
        amount=claim.amount_requested,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def claim_withdraw(*, claim: ExpenseClaim, actor) -> ExpenseClaim:
    claim = claim_locked(claim)
    _claimant_only(claim, actor)
    return claim_transition(
        claim=claim, allowed_from=DECIDABLE, to=ClaimStatus.WITHDRAWN, actor=actor
    )
