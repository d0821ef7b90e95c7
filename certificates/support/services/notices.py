"""E-mail to the claimant at each decision on their claim, sent after commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from certificates.support.models import ClaimStatus, ExpenseClaim

DECISIONS = {
    s.value
    for s in (
        ClaimStatus.CONFIRMED,
        ClaimStatus.RETURNED,
        ClaimStatus.REJECTED,
        ClaimStatus.APPROVED,
        ClaimStatus.PAYMENT_REQUESTED,
        ClaimStatus.PAID,
        ClaimStatus.CANCELLED,
    )
}


def claim_decision_notify(*, claim: ExpenseClaim, to_status: str, reason: str) -> None:
    """Queue the e-mail; nothing is sent when the transaction rolls back."""
    if to_status not in DECISIONS or not claim.claimant.email:
        return
    message = _message(claim=claim, to_status=to_status, reason=reason)
    transaction.on_commit(lambda: message.send(fail_silently=True))


def _message(*, claim: ExpenseClaim, to_status: str, reason: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "claim": claim,
            "status_label": ClaimStatus(to_status).label,
            "reason": reason,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("learner_claim_detail", args=[claim.pk]),
        }
        subject = render_to_string(
            "certificates/support/email/claim_decision_subject.txt", context
        ).strip()
        body = render_to_string(
            "certificates/support/email/claim_decision_body.txt", context
        )
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[claim.claimant.email]
    )
