"""The models of expense support, by what they hold: ``budgets`` (categories,
budgets, policy), ``claims`` (claims and items), ``events`` (the audit trail)."""

from certificates.support.models.budgets import Budget, SupportCategory, SupportPolicy
from certificates.support.models.claims import (
    CLOSED,
    DECIDABLE,
    EDITABLE,
    RESERVING_STATES,
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
    ItemKind,
)
from certificates.support.models.events import ClaimChainHead, ClaimEvent

__all__ = [
    "CLOSED",
    "DECIDABLE",
    "EDITABLE",
    "RESERVING_STATES",
    "Budget",
    "ClaimChainHead",
    "ClaimEvent",
    "ClaimItem",
    "ClaimStatus",
    "ExpenseClaim",
    "ItemKind",
    "SupportCategory",
    "SupportPolicy",
]
