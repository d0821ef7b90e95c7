"""Expense claims under Art. 15④: drafts, submission, review, approval within
the budget, payment. Every transition is a conditional update plus an event,
in one transaction; approval locks the claim, then the budget row, so the
approved total can never pass the budget, whatever runs at the same moment."""

import datetime

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import (
    RESERVING_STATES,
    Budget,
    Certificate,
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
    ItemKind,
    QualificationStatus,
    StaffQualification,
    SupportCategory,
    SupportPolicy,
)
from certificates.services.audit import claim_event_append
from certificates.services.claim_notices import claim_decision_notify
from certificates.services.eligibility import (
    ClaimFacts,
    Eligibility,
    PolicyTerms,
    eligibility_evaluate,
)
from lms.models import Department
from lms.money import won_format
from lms.selectors import staff_profile_for_user

EDITABLE = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)
DECIDABLE = (ClaimStatus.SUBMITTED, ClaimStatus.CONFIRMED)
CLOSED = (ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN, ClaimStatus.CANCELLED)

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


class ClaimError(Exception):
    """A rule refused the action; the message is for the person who asked."""


# --- Facts and eligibility ----------------------------------------------------


def policy_for_year(year: int) -> SupportPolicy | None:
    return SupportPolicy.objects.filter(fiscal_year=year).first()


def policy_terms(policy: SupportPolicy | None) -> PolicyTerms | None:
    if policy is None:
        return None
    return PolicyTerms(
        evidence_required=policy.evidence_required,
        once_per_basis=policy.once_per_qualification,
        annual_cap=policy.annual_cap,
        item_caps={k.value: policy.item_cap(k.value) for k in ItemKind},
        deadline_days=policy.claim_deadline_days,
        attestation_required=policy.attestation_required,
    )


def _basis_filter(claim: ExpenseClaim) -> dict:
    if claim.certificate_id:
        # A reissued certificate is the same basis as the one it replaced.
        return {
            "certificate__course_key": claim.certificate.course_key,
            "certificate__completion_ref": claim.certificate.completion_ref,
            "certificate__cycle_year": claim.certificate.cycle_year,
        }
    return {"qualification__qualification_id": claim.qualification.qualification_id}


def claim_facts(
    *, claim: ExpenseClaim, today: datetime.date | None = None
) -> ClaimFacts:
    # The deadline is met by submitting in time, whenever HR decides.
    if today is None and claim.submitted_at is not None and claim.status in DECIDABLE:
        today = timezone.localdate(claim.submitted_at)
    today = today or timezone.localdate()
    if claim.certificate_id:
        basis_kind = "certificate"
        basis_valid = claim.certificate.is_valid
        basis_date = claim.certificate.completed_on
    else:
        basis_kind = "qualification"
        basis_valid = claim.qualification.status == QualificationStatus.VERIFIED
        basis_date = claim.qualification.acquired_on
    others = ExpenseClaim.objects.filter(claimant_id=claim.claimant_id).exclude(
        pk=claim.pk
    )
    same_basis = others.filter(**_basis_filter(claim))
    used = (
        others.filter(
            fiscal_year=claim.fiscal_year, status__in=RESERVING_STATES
        ).aggregate(total=Sum("amount_approved"))["total"]
        or 0
    )
    return ClaimFacts(
        basis_kind=basis_kind,
        basis_valid=basis_valid,
        basis_date=basis_date,
        items=tuple(claim.items.values_list("kind", "amount")),
        attested=claim.attested_no_other_funding,
        basis_supported_before=same_basis.filter(status__in=RESERVING_STATES).exists(),
        basis_pending_elsewhere=same_basis.filter(status__in=DECIDABLE).exists(),
        used_this_year=used,
        today=today,
    )


def claim_eligibility(*, claim: ExpenseClaim, amount: int | None = None) -> Eligibility:
    terms = policy_terms(policy_for_year(claim.fiscal_year))
    return eligibility_evaluate(
        terms=terms, facts=claim_facts(claim=claim), amount=amount
    )


def budget_for_claim(*, claim: ExpenseClaim) -> Budget | None:
    """The claimant's department's own budget (nearest unit up the tree) or,
    failing that, the city-wide one of the category and year."""
    budgets = Budget.objects.filter(
        fiscal_year=claim.fiscal_year, category=claim.category
    )
    if claim.department_id:
        path = claim.department.path
        steplen = Department.steplen
        ancestors = [path[:n] for n in range(steplen, len(path) + 1, steplen)]
        own = (
            budgets.filter(department__path__in=ancestors)
            .order_by("-department__depth")
            .first()
        )
        if own is not None:
            return own
    return budgets.filter(department__isnull=True).first()


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
    profile = staff_profile_for_user(user=claimant)
    return ExpenseClaim.objects.create(
        claimant=claimant,
        department=profile.department if profile else None,
        fiscal_year=timezone.localdate().year,
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
    claim = _locked(claim)
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
    claim = _locked(claim)
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


def _transition(
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
    claim_decision_notify(claim=claim, to_status=to, reason=reason)
    return claim


def _locked(claim: ExpenseClaim) -> ExpenseClaim:
    return (
        ExpenseClaim.objects.select_for_update(of=("self",))
        .select_related("certificate", "qualification", "department", "category")
        .get(pk=claim.pk)
    )


@transaction.atomic
def claim_submit(*, claim: ExpenseClaim, actor) -> ExpenseClaim:
    claim = _locked(claim)
    _claimant_only(claim, actor)
    eligibility = claim_eligibility(claim=claim)
    if not eligibility.eligible:
        raise ClaimError(NOT_ELIGIBLE % {"reasons": " ".join(eligibility.problems)})
    return _transition(
        claim=claim,
        allowed_from=EDITABLE,
        to=ClaimStatus.SUBMITTED,
        actor=actor,
        amount=claim.amount_requested,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def claim_withdraw(*, claim: ExpenseClaim, actor) -> ExpenseClaim:
    claim = _locked(claim)
    _claimant_only(claim, actor)
    return _transition(
        claim=claim, allowed_from=DECIDABLE, to=ClaimStatus.WITHDRAWN, actor=actor
    )


# --- The department head -----------------------------------------------------------


def _head_may_decide(*, claim: ExpenseClaim, head) -> None:
    from lms.selectors import department_subtree_for_head

    own = {d.pk for d in department_subtree_for_head(user=head)}
    if claim.department_id not in own or claim.claimant_id == head.pk:
        raise ClaimError(NOT_YOUR_DEPARTMENT)


@transaction.atomic
def claim_head_confirm(*, claim: ExpenseClaim, head) -> ExpenseClaim:
    claim = _locked(claim)
    _head_may_decide(claim=claim, head=head)
    return _transition(
        claim=claim,
        allowed_from=(ClaimStatus.SUBMITTED,),
        to=ClaimStatus.CONFIRMED,
        actor=head,
    )


# --- HR -------------------------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError(REASON_REQUIRED)
    return reason


@transaction.atomic
def claim_return(
    *, claim: ExpenseClaim, actor, reason: str, by_head: bool = False
) -> ExpenseClaim:
    """Send back for correction (보완 요청); the claimant edits and submits again."""
    reason = _reason(reason)
    claim = _locked(claim)
    if by_head:
        _head_may_decide(claim=claim, head=actor)
    return _transition(
        claim=claim,
        allowed_from=DECIDABLE,
        to=ClaimStatus.RETURNED,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def claim_reject(*, claim: ExpenseClaim, actor, reason: str) -> ExpenseClaim:
    reason = _reason(reason)
    claim = _locked(claim)
    return _transition(
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
    claim = _locked(claim)
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
    claim = _transition(
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
    reason = _reason(reason)
    claim = _locked(claim)
    current, amount = claim.amount_approved or 0, int(amount)
    if claim.status not in (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_REQUESTED):
        raise ClaimError(STATE_CHANGED % {"status": claim.get_status_display()})
    if not 1 <= amount < current:
        raise ClaimError(AMOUNT_INVALID % {"max": won_format(max(current - 1, 1))})
    Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
        approved=F("approved") - (current - amount)
    )
    return _transition(
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
    reason = _reason(reason)
    claim = _locked(claim)
    allowed = (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_REQUESTED)
    if claim.status in allowed:
        Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
            approved=F("approved") - claim.amount_approved
        )
    return _transition(
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
    claim = _locked(claim)
    return _transition(
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
    reference = (reference or "").strip()
    if not reference:
        raise ClaimError(REFERENCE_REQUIRED)
    claim = _locked(claim)
    if claim.status == ClaimStatus.PAYMENT_REQUESTED:
        Budget.objects.select_for_update().filter(pk=claim.budget_id).update(
            paid=F("paid") + claim.amount_approved
        )
    return _transition(
        claim=claim,
        allowed_from=(ClaimStatus.PAYMENT_REQUESTED,),
        to=ClaimStatus.PAID,
        actor=actor,
        amount=claim.amount_approved,
        reason=reference,
        payment_reference=reference[:100],
    )
