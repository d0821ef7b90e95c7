"""Background roster exports: each job's status, progress and the private file it
writes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.storage import private_storage, private_upload_to


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    """A large roster written in the background; HR follows its progress and
    downloads the file when it is ready. The file is private and kept only
    for a few days."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    roster = models.CharField(_("roster"), max_length=40)
    filters = models.JSONField(_("filters"), default=dict)
    masked = models.BooleanField(_("masked"), default=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExportJobStatus.choices,
        default=ExportJobStatus.QUEUED,
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(
        storage=private_storage, upload_to=private_upload_to, blank=True, max_length=200
    )
    file_name = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.roster} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if self.status == ExportJobStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
