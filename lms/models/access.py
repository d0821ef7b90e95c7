"""The access log: one row each time a private file holding personal data is served."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models.append_only import AppendOnlyModel


class AccessKind(models.TextChoices):
    CERTIFICATE_PDF = "certificate_pdf", _("Certificate PDF")
    CERTIFICATES_ZIP = "certificates_zip", _("Certificate PDFs (ZIP)")
    RECEIPT = "receipt", _("Receipt")
    EVIDENCE = "evidence", _("Qualification evidence")


class AccessLog(AppendOnlyModel):
    """Who opened which private file holding whose personal data, and when:
    the access record the Personal Information Protection Act expects, next
    to the export log. Written by the views that serve the files (after the
    permission check, when the file is served); read by auditors; never
    edited, and kept: nothing in the product deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("file"), max_length=30, choices=AccessKind.choices)
    object_id = models.CharField(_("record number"), max_length=40, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("whose data"),
        help_text=_("Empty when the file holds the data of many people."),
    )
    own = models.BooleanField(
        _("own record"),
        default=False,
        help_text=_("The person opened a file about themselves."),
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
