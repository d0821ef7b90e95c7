"""Art. 15② support categories, yearly budgets per category (and department), and
the yearly support policy that HR edits. Money is whole 원 in integers."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class ItemKind(models.TextChoices):
    EXAM_FEE = "exam_fee", _("Exam fee (응시료)")
    TUITION = "tuition", _("Tuition (교육비)")
    TEXTBOOKS = "textbooks", _("Textbooks (교재비)")
    TRAVEL = "travel", _("Travel (여비)")


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
