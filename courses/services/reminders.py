"""Reminder e-mails for staff who still owe topics in the current cycle."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from courses.models import ReminderLog, Topic, TrainingCycle
from courses.selectors import Status, compliance_for_users
from lms.models import EmploymentStatus

REPEAT_EVERY_DAYS = 7
BATCH = 500


@dataclass
class ReminderRun:
    cycle: TrainingCycle | None
    due: int = 0
    sent: int = 0
    skipped_recent: int = 0
    without_email: int = 0


def reminders_send(
    *, on: datetime.date | None = None, dry_run: bool = False
) -> ReminderRun:
    """E-mail every active staff member with open topics, starting
    ``cycle.reminder_days`` before the due date and weekly after that
    (overdue staff too). Safe to run daily."""
    on = on or timezone.localdate()
    cycle = TrainingCycle.objects.filter(year=on.year).first()
    run = ReminderRun(cycle=cycle)
    if cycle is None or on < cycle.due_on - datetime.timedelta(
        days=cycle.reminder_days
    ):
        return run
    users = list(
        get_user_model()
        .objects.filter(
            is_active=True, staff_profile__employment_status=EmploymentStatus.ACTIVE
        )
        .select_related("staff_profile")
        .order_by("pk")
    )
    topics = {t.pk: t for t in Topic.objects.all()}
    recent = set(
        ReminderLog.objects.filter(
            cycle=cycle, sent_on__gt=on - datetime.timedelta(days=REPEAT_EVERY_DAYS)
        ).values_list("user_id", flat=True)
    )
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for start in range(0, len(users), BATCH):
        chunk = users[start : start + BATCH]
        status = compliance_for_users(
            cycle=cycle, user_ids=[u.pk for u in chunk], on=on
        )
        open_topics = defaultdict(list)
        for (user_id, topic_id), value in status.items():
            if value != Status.COMPLETE:
                open_topics[user_id].append(topics[topic_id])
        messages, logs = [], []
        for user in chunk:
            if not open_topics.get(user.pk):
                continue
            run.due += 1
            if user.pk in recent:
                run.skipped_recent += 1
                continue
            if not user.email:
                run.without_email += 1
                continue
            overdue = on > cycle.due_on
            messages.append(
                _message(
                    user=user,
                    cycle=cycle,
                    overdue=overdue,
                    base_url=base_url,
                    topics=sorted(open_topics[user.pk], key=lambda t: t.sort_order),
                )
            )
            logs.append(
                ReminderLog(user=user, cycle=cycle, sent_on=on, overdue=overdue)
            )
        if not dry_run and messages:
            get_connection().send_messages(messages)
            ReminderLog.objects.bulk_create(logs)
        run.sent += len(messages)
    return run


def _message(*, user, cycle, overdue, topics, base_url) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": user.display_name,
            "cycle": cycle,
            "topics": topics,
            "overdue": overdue,
            "url": f"{base_url}/learn/",
        }
        subject = render_to_string(
            "courses/email/reminder_subject.txt", context
        ).strip()
        body = render_to_string("courses/email/reminder_body.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])
