from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()
