"""Reads of expense claims shared by the learner's pages and the HR admin: who
sees which claim, the claim's history as people should see it, the facts
and eligibility of a claim (``claim_facts``, ``claim_eligibility``), and the
budget it would draw on (``budget_for_claim``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.qualifications.models import QualificationStatus
from certificates.support.eligibility import (
    ClaimFacts,
    Eligibility,
    PolicyTerms,
    eligibility_evaluate,
)
from certificates.support.models import (
    DECIDABLE,
    RESERVING_STATES,
    Budget,
    ClaimStatus,
    ExpenseClaim,
    ItemKind,
    SupportPolicy,
)
from lms.models import Department
from lms.permissions import owned_or_permitted
from lms.roles import GROUP_NAMES, user_role_keys
from lms.selectors import department_subtree_for_head

VIEW_ALL_PERMISSION = "certificates.view_expenseclaim"


def claims_visible_to(user) -> QuerySet[ExpenseClaim]:
    """The claimant sees their own claims, HR and auditors every claim, and a
    department head also the claims from their subtree (to confirm them)."""
    claims = owned_or_permitted(
        ExpenseClaim.objects.all(),
        user=user,
        owner="claimant",
        permission=VIEW_ALL_PERMISSION,
    )
    if (
        not getattr(user, "is_authenticated", False)
        or user.has_perm(VIEW_ALL_PERMISSION)
        or "head" not in user_role_keys(user)
    ):
        return claims
    subtree = [d.pk for d in department_subtree_for_head(user=user)]
    return ExpenseClaim.objects.filter(Q(claimant=user) | Q(department_id__in=subtree))


@dataclass(frozen=True)
class HistoryRow:
    when: object
    from_label: str
    to_label: str
    amount: int | None
    reason: str
    actor: str


def _status_label(value: str) -> str:
    return ClaimStatus(value).label if value in ClaimStatus.values else value


def _role_label(user) -> str:
    names = {g.name for g in user.groups.all()}
    keys = {key for key, name in GROUP_NAMES.items() if name in names}
    if "hr" in keys:
        return _("Training officer")
    if "head" in keys:
        return _("Department head")
    return _("Staff")


def claim_history_rows(claim: ExpenseClaim, *, show_names: bool) -> list[HistoryRow]:
    """The claim's events, oldest first. The claimant sees other people as
    their role only; staff with access to the claims see names too."""
    events = claim.events.select_related("actor__staff_profile").prefetch_related(
        "actor__groups"
    )
    rows = []
    for event in events:
        actor = event.actor
        if actor is None:
            who = _("System")
        elif actor.pk == claim.claimant_id and not show_names:
            who = _("You")
        elif show_names:
            who = f"{actor.display_name} ({_role_label(actor)})"
        else:
            who = _role_label(actor)
        rows.append(
            HistoryRow(
                when=event.created_at,
                from_label=_status_label(event.from_status)
                if event.from_status
                else "",
                to_label=_status_label(event.to_status),
                amount=event.amount,
                reason=event.reason,
                actor=who,
            )
        )
    return rows


def claim_checks(claim: ExpenseClaim, *, amount: int | None = None) -> dict:
    """The eligibility panel: the problems at ``amount`` (default: the
    requested total) and the room left in the category's budget."""
    eligibility = claim_eligibility(claim=claim, amount=amount)
    budget = budget_for_claim(claim=claim)
    asked = claim.amount_requested if amount is None else amount
    return {
        "eligibility": eligibility,
        "budget": budget,
        "budget_has_room": budget is not None and budget.remaining >= asked,
        "asked": asked,
    }


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
