"""The export log: one row per roster export of personal data, and the two export
permissions (masked, full)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models.append_only import AppendOnlyModel


class ExportLog(AppendOnlyModel):
    """Who exported which roster of personal data, when, how (the access
    record the Personal Information Protection Act expects). Written by the
    export services; read by auditors; never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exported by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    roster = models.CharField(_("roster"), max_length=40)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    masked = models.BooleanField(_("masked"), default=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    channel = models.CharField(
        _("from"), max_length=20, default="admin", help_text=_("admin or command")
    )

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-created_at"]
        permissions = [
            ("export_roster", _("Can export rosters (masked)")),
            (
                "export_full_roster",
                _("Can export rosters with full names and staff numbers"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.roster}"
