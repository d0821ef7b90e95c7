"""Certificates: what was issued to whom, its serial counter, and the site-wide
settings every certificate prints (issuer, serial prefix, seal)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


class CertificateKind(models.TextChoices):
    COURSE = "course", _("Course certificate")
    CURRICULUM = "curriculum", _("Art. 14② curriculum certificate")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


EXPIRING_WITHIN_DAYS = 30


class CertificateQuerySet(models.QuerySet):
    def valid(self, *, on: datetime.date | None = None):
        """Certificates that count today: not revoked, not expired."""
        on = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )


class Certificate(models.Model):
    """A certificate of completion (수료증). It keeps a snapshot of what it
    proves, so that later edits of a course or a staff record change nothing."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=CertificateKind.choices, db_index=True
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    # The learning record behind a course certificate: an opaque reference, as
    # certificates never import the learning app.
    completion_ref = models.PositiveBigIntegerField(null=True, blank=True)
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    serial_year = models.PositiveSmallIntegerField()
    serial_number = models.PositiveIntegerField()
    code = models.CharField(_("verification code"), max_length=40, unique=True)

    # Snapshot of what the certificate proves.
    holder_name = models.CharField(_("name"), max_length=50)
    department_name = models.CharField(_("department"), max_length=200, blank=True)
    department_path = models.CharField(max_length=255, blank=True, db_index=True)
    course_key = models.CharField(_("course key"), max_length=50, db_index=True)
    course_title = models.CharField(_("course"), max_length=255)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    recognised_hours = models.DecimalField(
        _("recognised hours"), max_digits=5, decimal_places=1
    )
    completed_on = models.DateField(_("completed on"))
    cycle_year = models.PositiveSmallIntegerField(_("cycle"), db_index=True)

    issued_on = models.DateField(_("issued on"), db_index=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("reissue of"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-serial_number"]
        permissions = [
            ("revoke_certificate", _("Can revoke and reissue certificates")),
        ]
        constraints = [
            # Exactly one standing certificate per completion, and per holder
            # and cycle for the curriculum certificate, whatever the races.
            models.UniqueConstraint(
                fields=["completion_ref"],
                condition=Q(completion_ref__isnull=False, revoked_at__isnull=True),
                name="certificate_once_per_completion",
            ),
            models.UniqueConstraint(
                fields=["holder", "cycle_year"],
                condition=Q(kind="curriculum", revoked_at__isnull=True),
                name="curriculum_certificate_once_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["serial_year", "serial_number"], name="certificate_serial_once"
            ),
        ]
        indexes = [models.Index(fields=["holder", "issued_on"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.course_title}"

    def status_on(self, on: datetime.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.expires_on is not None:
            if self.expires_on < on:
                return CertificateStatus.EXPIRED
            if (self.expires_on - on).days <= EXPIRING_WITHIN_DAYS:
                return CertificateStatus.EXPIRING
        return CertificateStatus.VALID

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def is_valid(self) -> bool:
        return self.status in (CertificateStatus.VALID, CertificateStatus.EXPIRING)

    @property
    def code_display(self) -> str:
        """The code in groups of four, easier to read aloud and type."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class SerialCounter(models.Model):
    """The last serial number given in a year. Locked and advanced in the
    issuing transaction, so numbers are gap-free: a rolled-back issue gives its
    number back."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate says about who issued it. Another city changes
    these, not the code."""

    serial_prefix = models.CharField(
        _("serial number prefix"),
        max_length=12,
        default="PAJU",
        help_text=_("Serial numbers read PREFIX-YEAR-NUMBER, e.g. PAJU-2026-000123."),
    )
    issuer_name = models.CharField(
        _("issuer"),
        max_length=50,
        default="파주시장",
        help_text=_("The title that signs the certificate, e.g. 파주시장."),
    )
    issuing_office = models.CharField(
        _("issuing office"),
        max_length=100,
        blank=True,
        default="파주시 총무과",
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seal image"),
        help_text=_("Optional official seal printed beside the issuer (PNG)."),
    )

    panels = [
        FieldPanel("serial_prefix"),
        FieldPanel("issuer_name"),
        FieldPanel("issuing_office"),
        FieldPanel("seal_image"),
    ]

    class Meta:
        verbose_name = _("certificate settings")

    @classmethod
    def current(cls) -> "CertificateSettings":
        """The default site's settings (documents are made outside a request)."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()
