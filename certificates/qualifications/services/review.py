"""Writes for staff qualifications: a learner submits, HR verifies or rejects."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.qualifications.models import (
    Qualification,
    QualificationStatus,
    StaffQualification,
)
from certificates.uploads import CleanUpload, upload_clean
from lms.history import history_record
from lms.permissions import permission_require

logger = logging.getLogger("lms.access")

VERIFY_PERMISSION = "certificates.verify_staffqualification"

QUALIFICATION_INACTIVE = _("This qualification can no longer be chosen.")
ACQUIRED_IN_FUTURE = _("The date obtained cannot be in the future.")
CERTIFICATE_NUMBER_REQUIRED = _("Enter the certificate number.")
QUALIFICATION_DUPLICATE = _(
    "You have already recorded this qualification with this certificate number; "
    "it is awaiting verification or verified."
)
ALREADY_DECIDED = _(
    "This qualification has already been verified or rejected, possibly by another "
    "training officer. Reload the list to see the decision."
)
REASON_REQUIRED = _("Enter the reason for the rejection; the staff member sees it.")
OWN_QUALIFICATION = _("You cannot verify or reject your own qualification.")


class QualificationError(Exception):
    """A rule refused the action; the message is for the user."""


def staff_qualification_submit(
    *,
    user,
    qualification: Qualification,
    acquired_on: datetime.date,
    certificate_number: str,
    evidence,
) -> StaffQualification:
    """Record a qualification with its evidence, awaiting HR's verification.

    ``evidence`` is a ``CleanUpload`` (from ``PrivateFileField``) or any file,
    which is then checked here. A rejected record stays as it is; submitting
    again makes a new record.
    """
    certificate_number = (certificate_number or "").strip()
    if not qualification.active:
        raise QualificationError(QUALIFICATION_INACTIVE)
    if acquired_on > timezone.localdate():
        raise QualificationError(ACQUIRED_IN_FUTURE)
    if not certificate_number:
        raise QualificationError(CERTIFICATE_NUMBER_REQUIRED)
    if not isinstance(evidence, CleanUpload):
        evidence = upload_clean(file=evidence)
    with transaction.atomic():
        # One submission per user at a time, so a double click cannot slip two
        # identical records past the duplicate check (PostgreSQL row lock).
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        duplicate = StaffQualification.objects.filter(
            user=user,
            qualification=qualification,
            certificate_number__iexact=certificate_number,
            status__in=(QualificationStatus.SUBMITTED, QualificationStatus.VERIFIED),
        )
        if duplicate.exists():
            raise QualificationError(QUALIFICATION_DUPLICATE)
        record = StaffQualification(
            user=user,
            qualification=qualification,
            acquired_on=acquired_on,
            certificate_number=certificate_number,
            evidence_content_type=evidence.content_type,
        )
        record.evidence.save(evidence.name, evidence, save=False)
        # The file is written before the row: remove it if the row fails.
        try:
            record.save()
        except Exception:
            record.evidence.delete(save=False)
            raise
    return record


def staff_qualification_verify(
    *, staff_qualification: StaffQualification, reviewer
) -> StaffQualification:
    """Mark a submitted qualification verified (once: a second decision fails)."""
    return _decide(
        staff_qualification,
        reviewer=reviewer,
        status=QualificationStatus.VERIFIED,
        reason="",
    )


def staff_qualification_reject(
    *, staff_qualification: StaffQualification, reviewer, reason: str
) -> StaffQualification:
    """Reject a submitted qualification with a reason the staff member sees."""
    reason = (reason or "").strip()
    if not reason:
        raise QualificationError(REASON_REQUIRED)
    return _decide(
        staff_qualification,
        reviewer=reviewer,
        status=QualificationStatus.REJECTED,
        reason=reason[:500],
    )


def _decide(
    staff_qualification: StaffQualification, *, reviewer, status: str, reason: str
) -> StaffQualification:
    permission_require(reviewer, VERIFY_PERMISSION)
    if staff_qualification.user_id == reviewer.pk:
        raise QualificationError(OWN_QUALIFICATION)
    # Conditional update: of two officers deciding at once, one row is updated.
    updated = StaffQualification.objects.filter(
        pk=staff_qualification.pk, status=QualificationStatus.SUBMITTED
    ).update(
        status=status,
        reviewed_by=reviewer,
        reviewed_at=timezone.now(),
        review_reason=reason,
    )
    if not updated:
        raise QualificationError(ALREADY_DECIDED)
    logger.info(
        "staff qualification %s %s by user %s",
        staff_qualification.pk,
        status,
        reviewer.pk,
    )
    staff_qualification.refresh_from_db()
    history_record(
        instance=staff_qualification,
        action=f"certificates.qualification_{status}",
        actor=reviewer,
        reason=reason,
    )
    return staff_qualification
