"""Reads of expense claims shared by the learner's pages and the HR admin:
the claim's history as people should see it, and the eligibility panel."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from certificates.models import ClaimStatus, ExpenseClaim
from certificates.services.claims import budget_for_claim, claim_eligibility
from lms.roles import GROUP_NAMES


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
