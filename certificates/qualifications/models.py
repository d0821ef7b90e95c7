"""The qualification catalogue HR keeps, and the qualifications staff record with
evidence for HR to verify or reject."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from lms.masking import identifier_mask
from lms.storage import private_storage, private_upload_to


class QualificationKind(models.TextChoices):
    NATIONAL_TECHNICAL = "national_technical", _("National technical (국가기술자격)")
    NATIONAL_PRIVATE = (
        "national_private",
        _("Nationally recognised private (국가공인 민간자격)"),
    )
    PRIVATE = "private", _("Private (민간자격)")
    VENDOR = "vendor", _("Vendor certificate (벤더 자격)")


class Qualification(index.Indexed, models.Model):
    """An AI or data qualification a staff member may obtain (catalogue kept by HR)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    issuer = models.CharField(_("issuer"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=QualificationKind.choices)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Inactive qualifications stay in old records but cannot be chosen."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("issuer"),
        FieldPanel("kind"),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("issuer")]

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualification catalogue")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class QualificationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class StaffQualification(models.Model):
    """A qualification a staff member reports with evidence; HR verifies it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("staff member"),
    )
    qualification = models.ForeignKey(
        Qualification,
        on_delete=models.PROTECT,
        related_name="holders",
        verbose_name=_("qualification"),
    )
    acquired_on = models.DateField(_("date obtained"))
    certificate_number = models.CharField(
        _("certificate number"),
        max_length=50,
        help_text=_("As printed on the certificate. Shown masked everywhere."),
    )
    evidence = models.FileField(
        _("evidence"),
        storage=private_storage,
        upload_to=private_upload_to,
        max_length=200,
    )
    evidence_content_type = models.CharField(max_length=50, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QualificationStatus.choices,
        default=QualificationStatus.SUBMITTED,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff qualification")
        verbose_name_plural = _("staff qualifications")
        ordering = ["-created_at"]
        permissions = [
            ("verify_staffqualification", _("Can verify or reject qualifications")),
        ]

    def __str__(self) -> str:
        return f"{self.qualification} ({self.acquired_on:%Y-%m-%d})"

    @property
    def certificate_number_masked(self) -> str:
        return identifier_mask(self.certificate_number)
