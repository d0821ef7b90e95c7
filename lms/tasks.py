"""Background work: large roster exports (django-tasks; a worker runs them in
production, development and tests run them at once)."""

import logging
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from lms.models import ExportJob, ExportJobStatus
from lms.rosters import RosterFilters, roster_export, roster_get, roster_rules_check

logger = logging.getLogger(__name__)
FAILED_MESSAGE = "The export could not be written. Try again or tell the administrator."


def export_job_create(
    *, user, key: str, filters: RosterFilters, masked: bool, reason: str
) -> ExportJob:
    """Check the rules now (so the person sees a refusal at once), then queue."""
    roster = roster_get(key)
    reason = roster_rules_check(user=user, masked=masked, reason=reason)
    job = ExportJob.objects.create(
        user=user,
        roster=key,
        filters=filters.as_job(),
        masked=masked,
        reason=reason,
        rows_total=roster.count(filters),
        file_name=roster.file_name(filters.year),
    )
    transaction.on_commit(lambda: roster_export_run.enqueue(job_id=job.pk))
    return job


@task()
def roster_export_run(job_id: int) -> None:
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ExportJobStatus.QUEUED:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJobStatus.RUNNING)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with tempfile.TemporaryFile() as out:
            log = roster_export(
                key=job.roster,
                filters=RosterFilters.from_job(job.filters),
                out=out,
                user=job.user,
                masked=job.masked,
                reason=job.reason,
                progress=progress,
            )
            out.seek(0)
            job.file.save("roster.xlsx", File(out), save=False)
    except Exception:
        logger.exception("roster export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJobStatus.FAILED,
            error=FAILED_MESSAGE,
            finished_at=timezone.now(),
        )
        return
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJobStatus.DONE,
        file=job.file.name,
        rows_done=log.row_count,
        rows_total=log.row_count,
        finished_at=timezone.now(),
    )
