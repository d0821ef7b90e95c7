"""The claims' append-only audit trail: one event per transition, written in
the transition's transaction, each hashing the one before it."""

import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone

from certificates.support.models import ClaimChainHead, ClaimEvent, ExpenseClaim

GENESIS = "0" * 64


def _event_hash(*, event: ClaimEvent) -> str:
    payload = [
        event.sequence,
        event.claim_id,
        event.actor_id,
        event.from_status,
        event.to_status,
        event.amount,
        event.reason,
        event.created_at.isoformat(),
        event.previous_hash,
    ]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_event_append(
    *,
    claim: ExpenseClaim,
    actor,
    from_status: str,
    to_status: str,
    amount: int | None = None,
    reason: str = "",
) -> ClaimEvent:
    """Append an event; call inside the transition's transaction. The chain
    head's row lock gives the events one order."""
    ClaimChainHead.objects.bulk_create([ClaimChainHead(id=1)], ignore_conflicts=True)
    head = ClaimChainHead.objects.select_for_update().get(id=1)
    event = ClaimEvent(
        claim=claim,
        sequence=head.sequence + 1,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        amount=amount,
        reason=reason,
        created_at=timezone.now(),
        previous_hash=head.hash,
    )
    event.hash = _event_hash(event=event)
    event.save()
    ClaimChainHead.objects.filter(id=1).update(sequence=event.sequence, hash=event.hash)
    return event


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def claim_events_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit."""
    previous, expected_sequence, checked = GENESIS, 1, 0
    for event in ClaimEvent.objects.order_by("sequence").iterator(
        chunk_size=chunk_size
    ):
        if event.sequence != expected_sequence:
            return ChainReport(checked, expected_sequence, "an event is missing")
        if event.previous_hash != previous:
            return ChainReport(
                checked, event.sequence, "the link to the previous event is broken"
            )
        if _event_hash(event=event) != event.hash:
            return ChainReport(checked, event.sequence, "the event was changed")
        previous, expected_sequence, checked = (
            event.hash,
            expected_sequence + 1,
            checked + 1,
        )
    head = ClaimChainHead.objects.filter(id=1).first()
    if head is not None and (head.sequence != checked or head.hash != previous):
        return ChainReport(
            checked, checked + 1, "events after the last one were removed"
        )
    return ChainReport(checked)
