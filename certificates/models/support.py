"""Art. 15④ expense support: categories, budgets, the yearly policy, claims
and their append-only audit trail. Money is whole 원 in integers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.storage import private_storage, private_upload_to


class SupportCategory(models.Model):
    """One of the six Art. 15② programme kinds (seeded by a migration)."""

    number = models.PositiveSmallIntegerField(_("Art. 15② item"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    budget_item_code = models.CharField(
        _("budget item code (통계목)"),
        max_length=30,
        blank=True,
        help_text=_("e.g. 201-01 사무관리비; confirm with the finance office."),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("name"), FieldPanel("budget_item_code"), FieldPanel("active")]

    class Meta:
        verbose_name = _("support category")
        verbose_name_plural = _("support categories")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Budget(models.Model):
    """Money for one fiscal year and category (optionally one department).
    ``approved`` is reserved at approval; the database refuses approved >
    allocated and paid > approved."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), db_index=True)
    category = models.ForeignKey(
        SupportCategory,
        on_delete=models.PROTECT,
        related_name="budgets",
        verbose_name=_("category"),
    )
    department = models.ForeignKey(
        "lms.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("Leave empty for a budget that serves the whole city."),
    )
    allocated = models.PositiveBigIntegerField(_("allocated (won)"))
    approved = models.PositiveBigIntegerField(_("approved (won)"), default=0)
    paid = models.PositiveBigIntegerField(_("paid (won)"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [
        FieldPanel("fiscal_year"),
        FieldPanel("category"),
        FieldPanel("department"),
        FieldPanel("allocated"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-fiscal_year", "category__number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved__lte=F("allocated")),
                name="budget_approved_within_allocated",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=F("approved")),
                name="budget_paid_within_approved",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "category"],
                condition=Q(department__isnull=True),
                name="budget_once_per_year_category",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "category", "department"],
                condition=Q(department__isnull=False),
                name="budget_once_per_year_category_department",
            ),
        ]

    def __str__(self) -> str:
        scope = f" · {self.department.name}" if self.department_id else ""
        return f"{self.fiscal_year} {self.category.name}{scope}"

    @property
    def remaining(self) -> int:
        return self.allocated - self.approved


class SupportPolicy(models.Model):
    """The rules of a fiscal year, edited by HR. Defaults follow comparable
    municipal schemes (../shared/DOMAIN.md) and are for the city to confirm."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), unique=True)
    evidence_required = models.BooleanField(
        _("completion or pass required"),
        default=True,
        help_text=_(
            "A claim needs a valid certificate of completion or a verified qualification."
        ),
    )
    once_per_qualification = models.BooleanField(
        _("once per qualification per person"), default=True
    )
    annual_cap = models.PositiveBigIntegerField(
        _("yearly cap per person (won)"), default=500_000
    )
    cap_exam_fee = models.PositiveBigIntegerField(
        _("cap: exam fee (won)"), default=100_000
    )
    cap_tuition = models.PositiveBigIntegerField(
        _("cap: tuition (won)"), default=300_000
    )
    cap_textbooks = models.PositiveBigIntegerField(
        _("cap: textbooks (won)"), default=50_000
    )
    cap_travel = models.PositiveBigIntegerField(_("cap: travel (won)"), default=100_000)
    claim_deadline_days = models.PositiveSmallIntegerField(
        _("claim deadline (days after completion or qualification)"), default=90
    )
    attestation_required = models.BooleanField(
        _("attestation of no other funding required"),
        default=True,
        help_text=_("e.g. welfare points (맞춤형복지) did not pay the same cost."),
    )
    head_confirmation_required = models.BooleanField(
        _("department-head confirmation required"), default=False
    )

    panels = [
        FieldPanel("fiscal_year"),
        MultiFieldPanel(
            [
                FieldPanel("evidence_required"),
                FieldPanel("once_per_qualification"),
                FieldPanel("attestation_required"),
                FieldPanel("head_confirmation_required"),
                FieldPanel("claim_deadline_days"),
            ],
            heading=_("Eligibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("annual_cap"),
                FieldPanel("cap_exam_fee"),
                FieldPanel("cap_tuition"),
                FieldPanel("cap_textbooks"),
                FieldPanel("cap_travel"),
            ],
            heading=_("Caps"),
        ),
    ]

    class Meta:
        verbose_name = _("support policy")
        verbose_name_plural = _("support policies")
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return f"{self.fiscal_year}"

    def item_cap(self, kind: str) -> int:
        return {
            ItemKind.EXAM_FEE: self.cap_exam_fee,
            ItemKind.TUITION: self.cap_tuition,
            ItemKind.TEXTBOOKS: self.cap_textbooks,
            ItemKind.TRAVEL: self.cap_travel,
        }[kind]


class ItemKind(models.TextChoices):
    EXAM_FEE = "exam_fee", _("Exam fee (응시료)")
    TUITION = "tuition", _("Tuition (교육비)")
    TEXTBOOKS = "textbooks", _("Textbooks (교재비)")
    TRAVEL = "travel", _("Travel (여비)")


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
RESERVING_STATES = (
    ClaimStatus.APPROVED,
    ClaimStatus.PAYMENT_REQUESTED,
    ClaimStatus.PAID,
)


class ExpenseClaim(models.Model):
    """A staff member's claim for the expenses of a completed course or an
    obtained qualification. Changed only by the services in
    certificates/services/claims.py, each change an event."""

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


class ClaimEvent(models.Model):
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

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Claim events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Claim events are append-only.")


class ClaimChainHead(models.Model):
    """The last event's sequence and hash; its row is locked while an event
    is appended, so the chain has one order."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.sequence}"
