"""The append-only audit trail of claims: one event per transition, each chained
to the one before by its hash, and the chain head."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from certificates.support.models.claims import ExpenseClaim
from lms.models import AppendOnlyModel


class ClaimEvent(AppendOnlyModel):
    """One transition of a claim. Append-only: the application never changes
    or deletes an event, and each event's hash covers the previous one, so an
    edit made behind the application's back breaks the chain
    (``manage.py verify_claim_events``)."""

    claim = models.ForeignKey(
        ExpenseClaim, on_delete=models.PROTECT, related_name="events"
    )
    sequence = models.PositiveBigIntegerField(unique=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    amount = models.BigIntegerField(_("amount (won)"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"))
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.claim_id} {self.from_status} → {self.to_status}"


class ClaimChainHead(models.Model):
    """The last event's sequence and hash; its row is locked while an event
    is appended, so the chain has one order."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.sequence}"
