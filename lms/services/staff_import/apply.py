"""Applying a confirmed plan: ``staff_import_apply`` writes it in one transaction,
in bulk (logins, learner group, allauth addresses, profiles, retirements), and
calls ``lms_staff_activated`` once for everyone entering service. A strict plan
with errors writes nothing.

Owns ``ImportResult`` and the write batch size (``BATCH``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lms.models import EmploymentStatus, StaffProfile
from lms.roles import LEARNER
from lms.services.staff import _staff_activated

from .plan import ImportPlan, MissingStaff, StaffRow, StaffUpdate
from .read import Progress

BATCH = 500


@dataclass
class ImportResult:
    applied: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    skipped_rows: int = 0


# --- Applying -----------------------------------------------------------------


def staff_import_apply(
    *, plan: ImportPlan, progress: Progress | None = None
) -> ImportResult:
    """Write the plan in one transaction; a strict plan with errors writes nothing."""
    result = ImportResult(
        applied=plan.will_apply,
        unchanged=len(plan.unchanged),
        skipped_rows=plan.error_rows,
    )
    if not plan.will_apply:
        return result
    with transaction.atomic():
        activated = _create(plan.creates, progress)
        activated += _update(plan.updates)
        _deactivate(plan.deactivations)
        if activated:
            _staff_activated(activated)
    result.created = len(plan.creates)
    result.updated = len(plan.updates)
    result.deactivated = len(plan.deactivations)
    return result


def _create(rows: list[StaffRow], progress: Progress | None) -> list:
    """``staff_create`` for many: login, learner group, e-mail address, profile."""
    if not rows:
        return []
    from allauth.account.models import EmailAddress

    User = get_user_model()
    users = []
    for row in rows:
        user = User(
            username=row.staff_number,
            email=row.email,
            is_active=row.employment_status != EmploymentStatus.RETIRED,
        )
        user.set_unusable_password()
        users.append(user)
    for start in range(0, len(users), BATCH):
        User.objects.bulk_create(users[start : start + BATCH])
        if progress:
            progress("write", min(start + BATCH, len(users)))
    if any(u.pk is None for u in users):  # databases that return no keys
        pks = dict(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", "pk"
            )
        )
        for user in users:
            user.pk = pks[user.username]
    group = Group.objects.get_or_create(name=LEARNER.group_name)[0]
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=u.pk, group_id=group.pk) for u in users], batch_size=BATCH
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=BATCH,
    )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user=user,
                staff_number=row.staff_number,
                name=row.name,
                department=row.department,
                grade=row.grade,
                job_series=row.job_series,
                employment_status=row.employment_status,
            )
            for user, row in zip(users, rows, strict=True)
        ],
        batch_size=BATCH,
    )
    return [u for u, row in zip(users, rows, strict=True) if row.is_active_staff]


def _update(updates: list[StaffUpdate]) -> list:
    """``staff_update`` for many; returns the logins entering service."""
    if not updates:
        return []
    from allauth.account.models import EmailAddress

    now = timezone.now()
    activated, profiles, users, new_addresses = [], [], [], []
    for update in updates:
        profile, row, user = update.profile, update.row, update.profile.user
        if row.is_active_staff and not profile.is_active_staff:
            activated.append(user)
        profile.name, profile.department = row.name, row.department
        profile.grade, profile.job_series = row.grade, row.job_series
        profile.employment_status, profile.updated_at = row.employment_status, now
        if user.email != row.email:
            new_addresses.append(user)
        user.username, user.email = row.staff_number, row.email
        user.is_active = row.employment_status != EmploymentStatus.RETIRED
        profiles.append(profile)
        users.append(user)
    StaffProfile.objects.bulk_update(
        profiles,
        [
            "name",
            "department",
            "grade",
            "job_series",
            "employment_status",
            "updated_at",
        ],
        batch_size=BATCH,
    )
    get_user_model().objects.bulk_update(
        users, ["username", "email", "is_active"], batch_size=BATCH
    )
    # Old addresses go first, so that two people may swap addresses.
    ids = [u.pk for u in new_addresses]
    for start in range(0, len(ids), BATCH):
        EmailAddress.objects.filter(user_id__in=ids[start : start + BATCH]).delete()
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in new_addresses
        ],
        batch_size=BATCH,
    )
    return activated


def _deactivate(missing: list[MissingStaff]) -> None:
    now = timezone.now()
    profiles = [m.profile for m in missing]
    for start in range(0, len(profiles), BATCH):
        chunk = profiles[start : start + BATCH]
        StaffProfile.objects.filter(pk__in=[p.pk for p in chunk]).update(
            employment_status=EmploymentStatus.RETIRED, updated_at=now
        )
        get_user_model().objects.filter(pk__in=[p.user_id for p in chunk]).update(
            is_active=False
        )
