"""Expense claims and their items (Art. 15④): what a staff member asks to be paid,
on which basis, and where the claim stands. Money is whole 원 in integers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.support.models.budgets import Budget, ItemKind, SupportCategory
from lms.storage import private_storage, private_upload_to


class ClaimStatus(models.TextChoices):
    # A context of their own: "Approved" or "Paid" as a status is not the
    # amount column of the same name.
    DRAFT = "draft", pgettext_lazy("claim status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("claim status", "Submitted")
    CONFIRMED = (
        "confirmed",
        pgettext_lazy("claim status", "Confirmed by department head"),
    )
    RETURNED = "returned", pgettext_lazy("claim status", "Returned for correction")
    REJECTED = "rejected", pgettext_lazy("claim status", "Rejected")
    APPROVED = "approved", pgettext_lazy("claim status", "Approved")
    PAYMENT_REQUESTED = (
        "payment_requested",
        pgettext_lazy("claim status", "Payment requested"),
    )
    PAID = "paid", pgettext_lazy("claim status", "Paid")
    WITHDRAWN = "withdrawn", pgettext_lazy("claim status", "Withdrawn")
    CANCELLED = "cancelled", pgettext_lazy("claim status", "Approval cancelled")


# States in which the approved amount is reserved from the budget.
# Where a claim stands, by what may happen to it next.
EDITABLE = (ClaimStatus.DRAFT, ClaimStatus.RETURNED)
DECIDABLE = (ClaimStatus.SUBMITTED, ClaimStatus.CONFIRMED)
CLOSED = (ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN, ClaimStatus.CANCELLED)

RESERVING_STATES = (
    ClaimStatus.APPROVED,
    ClaimStatus.PAYMENT_REQUESTED,
    ClaimStatus.PAID,
)


class ExpenseClaim(models.Model):
    """A staff member's claim for the expenses of a completed course or an
    obtained qualification. Changed only by the services in
    certificates/support/services/, each change an event."""

    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expense_claims",
        verbose_name=_("claimant"),
    )
    department = models.ForeignKey(
        "lms.Department",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), db_index=True)
    category = models.ForeignKey(
        SupportCategory,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("category"),
    )
    certificate = models.ForeignKey(
        "certificates.Certificate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("certificate"),
    )
    qualification = models.ForeignKey(
        "certificates.StaffQualification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("qualification"),
    )
    budget = models.ForeignKey(
        Budget,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("budget"),
    )
    amount_requested = models.PositiveBigIntegerField(_("requested (won)"), default=0)
    amount_approved = models.PositiveBigIntegerField(
        _("approved (won)"), null=True, blank=True
    )
    attested_no_other_funding = models.BooleanField(
        _("no other funding paid these costs"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.DRAFT,
        db_index=True,
    )
    payment_reference = models.CharField(
        _("finance system reference"), max_length=100, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-created_at"]
        permissions = [
            ("review_expenseclaim", _("Can approve, return or reject expense claims")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(certificate__isnull=True, qualification__isnull=False)
                    | Q(certificate__isnull=False, qualification__isnull=True)
                ),
                name="claim_has_exactly_one_basis",
            ),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | Q(amount_approved__lte=F("amount_requested")),
                name="claim_approved_within_requested",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=RESERVING_STATES)
                | Q(amount_approved__isnull=False, budget__isnull=False),
                name="claim_approved_has_amount_and_budget",
            ),
        ]
        indexes = [models.Index(fields=["claimant", "fiscal_year"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.basis_title}"

    @property
    def basis_title(self) -> str:
        if self.certificate_id:
            return self.certificate.course_title
        if self.qualification_id:
            return self.qualification.qualification.name
        return ""


class ClaimItem(models.Model):
    """One expense with its receipt (stored privately)."""

    claim = models.ForeignKey(
        ExpenseClaim, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("expense"), max_length=20, choices=ItemKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (won)"))
    receipt = models.FileField(
        _("receipt"),
        storage=private_storage,
        upload_to=private_upload_to,
        max_length=200,
    )
    receipt_content_type = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("claim item")
        verbose_name_plural = _("claim items")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="claim_item_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
