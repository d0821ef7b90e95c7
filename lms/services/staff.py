"""Writes for the organisation: departments and staff with their accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail import hooks

from lms.models import Department, EmploymentStatus, StaffProfile
from lms.roles import LEARNER


def department_save(*, department: Department, parent: Department | None) -> Department:
    """Create a department under ``parent`` or move an existing one there."""
    if department.pk is None:
        if parent is None:
            return Department.add_root(instance=department)
        return parent.add_child(instance=department)
    department.save()
    current = department.get_parent()
    if (current.pk if current else None) != (parent.pk if parent else None):
        if parent is None:
            first_root = Department.get_first_root_node()
            department.move(first_root, pos="sorted-sibling")
        else:
            department.move(parent, pos="sorted-child")
        department.refresh_from_db()
    return department


@transaction.atomic
def staff_create(
    *,
    staff_number: str,
    name: str,
    email: str,
    department: Department,
    grade: str,
    job_series: str = "",
    employment_status: str = EmploymentStatus.ACTIVE,
) -> StaffProfile:
    """Create a staff member and their login (no password: they set one by reset)."""
    User = get_user_model()
    user = User(username=staff_number, email=email.strip().lower())
    user.set_unusable_password()
    user.is_active = employment_status != EmploymentStatus.RETIRED
    user.save()
    user.groups.add(Group.objects.get_or_create(name=LEARNER.group_name)[0])
    profile = StaffProfile(
        user=user,
        staff_number=staff_number,
        name=name,
        department=department,
        grade=grade,
        job_series=job_series,
        employment_status=employment_status,
    )
    profile.full_clean(exclude=["user"])
    profile.save()
    _email_sync(user)
    if profile.is_active_staff:
        _staff_activated([user])
    return profile


@transaction.atomic
def staff_update(*, profile: StaffProfile, email: str | None = None, **fields) -> bool:
    """Update a staff member and keep their login in step. Returns whether anything
    changed, so that repeated imports can say "unchanged"."""
    changed = False
    was_active = profile.is_active_staff
    for name, value in fields.items():
        if getattr(profile, name) != value:
            setattr(profile, name, value)
            changed = True
    if changed:
        profile.full_clean(exclude=["user"])
        profile.save()
    user = profile.user
    wanted = {
        "username": profile.staff_number,
        "is_active": profile.employment_status != EmploymentStatus.RETIRED,
    }
    if email is not None:
        wanted["email"] = email.strip().lower()
    user_changed = [k for k, v in wanted.items() if getattr(user, k) != v]
    if user_changed:
        for key in user_changed:
            setattr(user, key, wanted[key])
        user.save(update_fields=user_changed)
        _email_sync(user)
        changed = True
    if profile.is_active_staff and not was_active:
        _staff_activated([user])
    return changed


def _staff_activated(users) -> None:
    """Apps built on the core react to staff entering service (e.g. the learning
    app assigns the current cycle's topics) through this hook."""
    for fn in hooks.get_hooks("lms_staff_activated"):
        fn(users)


def _email_sync(user) -> None:
    """Keep allauth's address book equal to the account's one email address."""
    from allauth.account.models import EmailAddress

    if not user.email:
        EmailAddress.objects.filter(user=user).delete()
        return
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )
