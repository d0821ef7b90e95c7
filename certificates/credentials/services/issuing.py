"""Issuing certificates. The learning app calls the two ``*_for_*`` functions
when a course is completed and when a cycle's curriculum is complete;
certificates never import the learning app.

Exactly once: a partial unique constraint allows one standing (not revoked)
certificate per completion, and one curriculum certificate per holder and
cycle; a second call, also a concurrent one, returns the certificate that is
already there. Serial numbers are gap-free per year: the year's counter row is
locked and advanced in the issuing transaction, so a rolled-back issue gives
its number back.
"""

import base64
import calendar
import datetime
import secrets
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.credentials.models import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    SerialCounter,
)
from lms.history import history_record
from lms.models import LmsSettings
from lms.permissions import permission_require
from lms.selectors import staff_profile_for_user

REVOKE_PERMISSION = "certificates.revoke_certificate"
CODE_BYTES = 20  # 160 random bits, written as 32 base32 characters
ALREADY_REVOKED = _("This certificate has already been revoked.")
REASON_REQUIRED = _("Give a reason.")
CURRICULUM_TITLE = "인공지능 필수 교육과정 (조례 제14조제2항 5개 주제)"


class CertificateError(Exception):
    """A rule refused the action; the message is for the person who asked."""


def verification_code_new() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def verification_code_normalise(raw: str) -> str:
    """What a person typed (any case, with spaces or hyphens) as stored."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def months_add(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _serial_next(*, year: int) -> tuple[int, str]:
    SerialCounter.objects.bulk_create([SerialCounter(year=year)], ignore_conflicts=True)
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    prefix = CertificateSettings.current().serial_prefix.strip() or "CERT"
    return counter.last_number, f"{prefix}-{year}-{counter.last_number:06d}"


def _city_name() -> str:
    return LmsSettings.current().city_name


def _holder_snapshot(holder) -> dict:
    profile = staff_profile_for_user(user=holder)
    if profile is None:
        return {"holder_name": holder.get_full_name() or holder.get_username()}
    return {
        "holder_name": profile.name,
        "department_name": profile.department.full_name,
        "department_path": profile.department.path,
    }


def _certificate_create(
    *,
    fields: dict,
    validity_months: int | None = None,
    expires_on: datetime.date | None = None,
) -> Certificate:
    """Create under a savepoint; the caller turns a duplicate into the existing one."""
    issued_on = timezone.localdate()
    if validity_months:
        expires_on = months_add(issued_on, validity_months)
    with transaction.atomic():
        number, serial = _serial_next(year=issued_on.year)
        return Certificate.objects.create(
            serial=serial,
            serial_year=issued_on.year,
            serial_number=number,
            code=verification_code_new(),
            issued_on=issued_on,
            expires_on=expires_on,
            **fields,
        )


def _standing(**lookup) -> Certificate | None:
    return Certificate.objects.filter(revoked_at__isnull=True, **lookup).first()


def certificate_issue_for_completion(
    *,
    completion_id: int,
    holder,
    course_key: str,
    course_title: str,
    topics: Sequence[tuple[str, str]],
    recognised_hours: Decimal,
    completed_on: datetime.date,
    validity_months: int | None,
    cycle_year: int,
    provider: str = "",
) -> Certificate:
    """Issue the certificate (수료증) of one course completion, exactly once per
    completion. Called inside the completion's transaction."""
    existing = _standing(completion_ref=completion_id)
    if existing is not None:
        return existing
    fields = {
        "kind": CertificateKind.COURSE,
        "holder": holder,
        "completion_ref": completion_id,
        "course_key": course_key,
        "course_title": course_title,
        "provider": provider,
        "topics": [list(t) for t in topics],
        "recognised_hours": recognised_hours,
        "completed_on": completed_on,
        "cycle_year": cycle_year,
        **_holder_snapshot(holder),
    }
    try:
        return _certificate_create(fields=fields, validity_months=validity_months)
    except IntegrityError:
        return _standing(completion_ref=completion_id)


def certificate_issue_for_curriculum(
    *,
    holder,
    cycle_year: int,
    topics: Sequence[tuple[str, str]],
    recognised_hours: Decimal,
    completed_on: datetime.date,
) -> Certificate:
    """Issue the combined Art. 14② curriculum certificate of a cycle, once per
    holder and cycle. Called inside the completing transaction."""
    lookup = {"kind": CertificateKind.CURRICULUM, "holder": holder}
    existing = _standing(cycle_year=cycle_year, **lookup)
    if existing is not None:
        return existing
    fields = {
        **lookup,
        "course_key": f"curriculum:{cycle_year}",
        "course_title": f"{cycle_year}년 {CURRICULUM_TITLE}",
        "provider": _city_name(),
        "topics": [list(t) for t in topics],
        "recognised_hours": recognised_hours,
        "completed_on": completed_on,
        "cycle_year": cycle_year,
        **_holder_snapshot(holder),
    }
    try:
        return _certificate_create(fields=fields)
    except IntegrityError:
        return _standing(cycle_year=cycle_year, **lookup)


def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke with a reason; the verify page shows it as revoked from now on."""
    permission_require(actor, REVOKE_PERMISSION)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(REASON_REQUIRED)
    updated = Certificate.objects.filter(
        pk=certificate.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_reason=reason[:500], revoked_by=actor)
    if not updated:
        raise CertificateError(ALREADY_REVOKED)
    certificate.refresh_from_db()
    history_record(
        instance=certificate, action="certificates.revoke", actor=actor, reason=reason
    )
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Replace a certificate (e.g. a misspelt name after the staff record was
    corrected): the old one is revoked with the reason, the new one gets a new
    serial and code, today's date and the holder's current name and department."""
    certificate_revoke(certificate=certificate, actor=actor, reason=reason)
    fields = {
        "kind": certificate.kind,
        "holder": certificate.holder,
        "completion_ref": certificate.completion_ref,
        "course_key": certificate.course_key,
        "course_title": certificate.course_title,
        "provider": certificate.provider,
        "topics": certificate.topics,
        "recognised_hours": certificate.recognised_hours,
        "completed_on": certificate.completed_on,
        "cycle_year": certificate.cycle_year,
        "replaces": certificate,
        **_holder_snapshot(certificate.holder),
    }
    # Keep the original expiry: a reissue corrects, it does not extend.
    new = _certificate_create(fields=fields, expires_on=certificate.expires_on)
    history_record(
        instance=new,
        action="certificates.reissue",
        actor=actor,
        reason=reason,
        replaces=certificate.serial,
    )
    return new
