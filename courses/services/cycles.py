"""Training cycles and the topics every active staff member owes in them."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import Topic, TopicAssignment, TrainingCycle
from lms.models import EmploymentStatus


def cycle_for_date(*, on: datetime.date | None = None) -> TrainingCycle:
    """The cycle of a date's year; created (due 31 December) when HR has not yet."""
    on = on or timezone.localdate()
    cycle = TrainingCycle.objects.filter(year=on.year).first()
    if cycle is not None:
        return cycle
    try:
        with transaction.atomic():
            cycle = TrainingCycle.objects.create(
                year=on.year,
                title=f"{on.year}년 AI 역량강화 교육",
                due_on=datetime.date(on.year, 12, 31),
            )
    except IntegrityError:  # created concurrently
        return TrainingCycle.objects.get(year=on.year)
    cycle_assign(cycle=cycle)
    return cycle


def cycle_assign(*, cycle: TrainingCycle, users=None) -> int:
    """Assign every topic to each active staff member (or to ``users``) who does
    not have it yet. Returns how many assignments were created."""
    User = get_user_model()
    if users is None:
        users = User.objects.filter(
            is_active=True, staff_profile__employment_status=EmploymentStatus.ACTIVE
        )
    user_ids = (
        list(users.values_list("pk", flat=True))
        if hasattr(users, "values_list")
        else [u.pk for u in users]
    )
    topic_ids = list(Topic.objects.values_list("pk", flat=True))
    existing = set(
        TopicAssignment.objects.filter(cycle=cycle, user_id__in=user_ids).values_list(
            "user_id", "topic_id"
        )
    )
    new = [
        TopicAssignment(cycle=cycle, user_id=user_id, topic_id=topic_id)
        for user_id in user_ids
        for topic_id in topic_ids
        if (user_id, topic_id) not in existing
    ]
    TopicAssignment.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)
