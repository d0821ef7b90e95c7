"""Who may be reimbursed, and how much (Art. 15④ and the year's SupportPolicy).

The rules are a pure function of plain facts, so that they can be tested
exhaustively; ``claim_facts`` gathers those facts from the database. The rules
on the basis alone (valid, deadline, once per basis) are ``basis_check``: the
start page judges a basis with them before any claim rests on it.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from certificates.support.models.budgets import ItemKind
from lms.dates import date_text
from lms.money import won_format

ITEM_KINDS = ("exam_fee", "tuition", "textbooks", "travel")


@dataclass(frozen=True)
class PolicyTerms:
    evidence_required: bool = True
    once_per_basis: bool = True
    annual_cap: int = 500_000
    item_caps: dict = field(
        default_factory=lambda: {
            "exam_fee": 100_000,
            "tuition": 300_000,
            "textbooks": 50_000,
            "travel": 100_000,
        }
    )
    deadline_days: int = 90
    attestation_required: bool = True


@dataclass(frozen=True)
class ClaimFacts:
    basis_kind: str  # "certificate" or "qualification"
    basis_valid: bool  # a valid certificate, or a verified qualification
    basis_date: datetime.date  # completion or acquisition date
    items: tuple[tuple[str, int], ...]
    attested: bool
    basis_supported_before: bool  # an approved/paid claim on the same basis
    basis_pending_elsewhere: bool  # another claim on it is being decided
    used_this_year: int  # approved amounts of the person's other claims this year
    today: datetime.date


@dataclass(frozen=True)
class BasisFacts:
    """What is known of a basis before a claim rests on it (the fields of
    ``ClaimFacts`` that the basis rules read)."""

    basis_kind: str
    basis_valid: bool
    basis_date: datetime.date
    basis_supported_before: bool
    basis_pending_elsewhere: bool
    today: datetime.date


@dataclass(frozen=True)
class BasisCheck:
    """The basis rules' verdict: every reason a claim on it cannot be paid,
    and the last day to submit one (None while the year has no policy)."""

    problems: tuple[str, ...]
    deadline: datetime.date | None
    days_left: int | None

    @property
    def eligible(self) -> bool:
        return not self.problems


@dataclass
class Eligibility:
    problems: list[str]
    annual_remaining: int
    requested: int

    @property
    def eligible(self) -> bool:
        return not self.problems


def item_totals(items: Iterable[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for kind, amount in items:
        totals[kind] += amount
    return dict(totals)


def eligibility_evaluate(
    *, terms: PolicyTerms | None, facts: ClaimFacts, amount: int | None = None
) -> Eligibility:
    """Every reason the claim cannot be paid ``amount`` (default: the
    requested total), each a sentence for the claimant."""
    requested = sum(a for _k, a in facts.items)
    amount = requested if amount is None else amount
    if terms is None:
        return Eligibility(
            problems=[
                _("The training officer has not set this year's support policy yet.")
            ],
            annual_remaining=0,
            requested=requested,
        )
    remaining = max(terms.annual_cap - facts.used_this_year, 0)
    problems = _basis_problems(terms, facts)
    if not facts.items:
        problems.append(_("Add at least one expense with its receipt."))
    for kind, total in item_totals(facts.items).items():
        cap = terms.item_caps.get(kind, 0)
        if total > cap:
            problems.append(
                _("%(item)s is supported up to %(cap)s (claimed %(total)s).")
                % {
                    "item": ITEM_LABELS().get(kind, kind),
                    "cap": won_format(cap),
                    "total": won_format(total),
                }
            )
    if amount > remaining:
        problems.append(
            _("Yearly cap: %(remaining)s left of %(cap)s.")
            % {"remaining": won_format(remaining), "cap": won_format(terms.annual_cap)}
        )
    if terms.attestation_required and not facts.attested:
        problems.append(
            _(
                "Confirm that no other funding (such as welfare points) paid these costs."
            )
        )
    return Eligibility(
        problems=problems, annual_remaining=remaining, requested=requested
    )


def claim_deadline(*, terms: PolicyTerms, basis_date: datetime.date) -> datetime.date:
    """The last day to submit a claim on a basis completed or obtained on
    ``basis_date``."""
    return basis_date + datetime.timedelta(days=terms.deadline_days)


def basis_check(*, terms: PolicyTerms | None, facts: BasisFacts) -> BasisCheck:
    """The basis rules alone. Without a policy there is no deadline yet and
    nothing to refuse: the claim itself is refused at submission."""
    if terms is None:
        return BasisCheck(problems=(), deadline=None, days_left=None)
    deadline = claim_deadline(terms=terms, basis_date=facts.basis_date)
    return BasisCheck(
        problems=tuple(_basis_problems(terms, facts)),
        deadline=deadline,
        days_left=(deadline - facts.today).days,
    )


def _basis_problems(terms: PolicyTerms, facts: BasisFacts | ClaimFacts) -> list[str]:
    problems = []
    is_qualification = facts.basis_kind == "qualification"
    if terms.evidence_required and not facts.basis_valid:
        problems.append(
            _("The qualification has not been verified by the training officer.")
            if is_qualification
            else _("The certificate is no longer valid (expired or revoked).")
        )
    deadline = claim_deadline(terms=terms, basis_date=facts.basis_date)
    if facts.today > deadline:
        problems.append(
            _(
                "The claim deadline passed on %(date)s (%(days)s days after the date obtained)."
            )
            % {"date": date_text(deadline), "days": terms.deadline_days}
        )
    if terms.once_per_basis and facts.basis_supported_before:
        problems.append(
            _("You have already been supported for this qualification.")
            if is_qualification
            else _("You have already been supported for this course.")
        )
    elif terms.once_per_basis and facts.basis_pending_elsewhere:
        problems.append(_("Another claim of yours on the same basis is being decided."))
    return problems


def ITEM_LABELS() -> dict[str, str]:  # noqa: N802 - a lazy constant
    return {k.value: str(k.label) for k in ItemKind}
