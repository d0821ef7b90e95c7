"""Reads of expense claims shared by the learner's pages and the HR admin: who
sees which claim, the claim's history as people should see it, the facts
and eligibility of a claim (``claim_facts``, ``claim_eligibility``), each
basis judged before a claim rests on it (``claim_start_for``), the yearly cap
(``yearly_cap_for``), and the budget a claim would draw on
(``budget_for_claim``)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.credentials.models import Certificate
from certificates.qualifications.models import QualificationStatus, StaffQualification
from certificates.support.eligibility import (
    BasisCheck,
    BasisFacts,
    ClaimFacts,
    Eligibility,
    PolicyTerms,
    basis_check,
    eligibility_evaluate,
)
from certificates.support.models import (
    CLOSED,
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


# What makes two claims rest on the same basis: a reissued certificate is the
# same basis as the one it replaced, a qualification is its catalogue entry.
BASIS_IDENTITY = {
    "certificate": ("course_key", "completion_ref", "cycle_year"),
    "qualification": ("qualification_id",),
}
Basis = Certificate | StaffQualification


def _basis_of(claim: ExpenseClaim) -> tuple[str, Basis]:
    if claim.certificate_id:
        return "certificate", claim.certificate
    return "qualification", claim.qualification


def _basis_key(kind: str, record: Basis) -> tuple:
    return (kind, *(getattr(record, name) for name in BASIS_IDENTITY[kind]))


def _basis_filter(claim: ExpenseClaim) -> dict:
    kind, record = _basis_of(claim)
    return {f"{kind}__{name}": getattr(record, name) for name in BASIS_IDENTITY[kind]}


def _basis_standing(kind: str, record: Basis) -> tuple[bool, datetime.date]:
    """Valid (a valid certificate, a verified qualification), and its date."""
    if kind == "certificate":
        return record.is_valid, record.completed_on
    return record.status == QualificationStatus.VERIFIED, record.acquired_on


def _used_in_year(claims: QuerySet[ExpenseClaim], year: int) -> int:
    """The approved amounts of ``claims`` that count against the yearly cap."""
    return (
        claims.filter(fiscal_year=year, status__in=RESERVING_STATES).aggregate(
            total=Sum("amount_approved")
        )["total"]
        or 0
    )


def claim_facts(
    *, claim: ExpenseClaim, today: datetime.date | None = None
) -> ClaimFacts:
    # The deadline is met by submitting in time, whenever HR decides.
    if today is None and claim.submitted_at is not None and claim.status in DECIDABLE:
        today = timezone.localdate(claim.submitted_at)
    today = today or timezone.localdate()
    basis_kind, record = _basis_of(claim)
    basis_valid, basis_date = _basis_standing(basis_kind, record)
    others = ExpenseClaim.objects.filter(claimant_id=claim.claimant_id).exclude(
        pk=claim.pk
    )
    same_basis = others.filter(**_basis_filter(claim))
    return ClaimFacts(
        basis_kind=basis_kind,
        basis_valid=basis_valid,
        basis_date=basis_date,
        items=tuple(claim.items.values_list("kind", "amount")),
        attested=claim.attested_no_other_funding,
        basis_supported_before=same_basis.filter(status__in=RESERVING_STATES).exists(),
        basis_pending_elsewhere=same_basis.filter(status__in=DECIDABLE).exists(),
        used_this_year=_used_in_year(others, claim.fiscal_year),
        today=today,
    )


def claim_eligibility(*, claim: ExpenseClaim, amount: int | None = None) -> Eligibility:
    terms = policy_terms(policy_for_year(claim.fiscal_year))
    return eligibility_evaluate(
        terms=terms, facts=claim_facts(claim=claim), amount=amount
    )


# --- Before a claim: each basis judged, the yearly cap -----------------------------


@dataclass(frozen=True)
class YearlyCap:
    year: int
    cap: int
    used: int
    remaining: int


def yearly_cap_for(
    *, user, year: int, policy: SupportPolicy | None = None
) -> YearlyCap | None:
    """The year's cap and what the person's approved claims used of it; None
    while the year has no policy."""
    policy = policy or policy_for_year(year)
    if policy is None:
        return None
    used = _used_in_year(ExpenseClaim.objects.filter(claimant=user), year)
    return YearlyCap(
        year=year,
        cap=policy.annual_cap,
        used=used,
        remaining=max(policy.annual_cap - used, 0),
    )


@dataclass(frozen=True)
class BasisOption:
    """A record a claim could rest on, judged by the basis rules, with the
    person's claims already on it (not the closed ones)."""

    kind: str  # "certificate" or "qualification"
    record: Basis
    check: BasisCheck
    claims: tuple[ExpenseClaim, ...]

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.record.pk}"


@dataclass(frozen=True)
class ClaimStart:
    year: int  # the fiscal year of a draft started today
    has_policy: bool
    cap: YearlyCap | None
    options: tuple[BasisOption, ...]


def _basis_options(
    user, bases: list[tuple[str, Basis]], *, terms, today
) -> list[BasisOption]:
    """Judge ``bases`` by the basis rules of ``eligibility``, with one query
    for the person's claims on all of them."""
    claims = (
        ExpenseClaim.objects.filter(claimant=user)
        .exclude(status__in=CLOSED)
        .select_related("certificate", "qualification")
        .order_by("pk")
    )
    by_basis = defaultdict(list)
    for claim in claims:
        by_basis[_basis_key(*_basis_of(claim))].append(claim)
    options = []
    for kind, record in bases:
        same = by_basis[_basis_key(kind, record)]
        valid, day = _basis_standing(kind, record)
        facts = BasisFacts(
            basis_kind=kind,
            basis_valid=valid,
            basis_date=day,
            basis_supported_before=any(c.status in RESERVING_STATES for c in same),
            basis_pending_elsewhere=any(c.status in DECIDABLE for c in same),
            today=today,
        )
        check = basis_check(terms=terms, facts=facts)
        options.append(BasisOption(kind, record, check, tuple(same)))
    return options


def claim_start_for(*, user, today: datetime.date | None = None) -> ClaimStart:
    """The start page: the person's valid certificates and verified
    qualifications, each with its deadline and what stands in its way, under
    the policy of the year a draft started today belongs to."""
    today = today or timezone.localdate()
    policy = policy_for_year(today.year)
    certificates = Certificate.objects.valid(on=today).filter(holder=user)
    qualifications = StaffQualification.objects.filter(
        user=user, status=QualificationStatus.VERIFIED
    ).select_related("qualification")
    bases = [("certificate", c) for c in certificates.order_by("-issued_on", "pk")]
    bases += [("qualification", q) for q in qualifications.order_by("-acquired_on")]
    options = _basis_options(user, bases, terms=policy_terms(policy), today=today)
    return ClaimStart(
        year=today.year,
        has_policy=policy is not None,
        cap=yearly_cap_for(user=user, year=today.year, policy=policy),
        options=tuple(options),
    )


def basis_check_for(
    *, user, kind: str, record: Basis, today: datetime.date | None = None
) -> BasisCheck:
    """One basis judged as ``claim_start_for`` judges it (for a new draft)."""
    today = today or timezone.localdate()
    terms = policy_terms(policy_for_year(today.year))
    return _basis_options(user, [(kind, record)], terms=terms, today=today)[0].check


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
