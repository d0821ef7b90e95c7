import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from courses.services.cycles import cycle_for_date
from courses.services.learning import lesson_complete
from tests.factories import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(db):
    cycle = cycle_for_date()
    cycle.due_on = datetime.date(cycle.year, 12, 31)
    cycle.reminder_days = 30
    cycle.save()
    return cycle


def test_no_reminders_before_the_window(make_staff, cycle):
    make_staff()
    call_command("send_reminders", "--date", f"{cycle.year}-11-01", stdout=StringIO())
    assert mail.outbox == []


def test_reminders_list_the_open_topics_and_repeat_weekly(make_staff, cycle):
    done = make_staff(email="done@example.com")
    todo = make_staff(email="todo@example.com")
    course = make_course(
        topics=("14-2-1", "14-2-2", "14-2-3", "14-2-4", "14-2-5"), lessons=1, quiz=False
    )
    lesson_complete(user=done.user, lesson=lessons_of(course)[0])
    out = StringIO()
    call_command("send_reminders", "--date", f"{cycle.year}-12-05", stdout=out)
    assert [m.to for m in mail.outbox] == [["todo@example.com"]]
    message = mail.outbox[0]
    assert "14-2-5" in message.body and todo.name in message.body
    assert "/learn/" in message.body
    call_command("send_reminders", "--date", f"{cycle.year}-12-08", stdout=StringIO())
    assert len(mail.outbox) == 1  # not again within a week
    call_command("send_reminders", "--date", f"{cycle.year}-12-12", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_overdue_wording_after_the_due_date(make_staff, cycle):
    make_staff(email="late@example.com")
    call_command("send_reminders", "--date", f"{cycle.year}-12-15", stdout=StringIO())
    assert "기한이 지났습니다" not in mail.outbox[0].subject
    mail.outbox.clear()
    cycle.due_on = datetime.date(cycle.year, 12, 20)
    cycle.save()
    call_command("send_reminders", "--date", f"{cycle.year}-12-28", stdout=StringIO())
    assert "기한이 지났습니다" in mail.outbox[0].subject


def test_dry_run_sends_and_records_nothing(make_staff, cycle):
    make_staff()
    out = StringIO()
    call_command(
        "send_reminders", "--dry-run", "--date", f"{cycle.year}-12-10", stdout=out
    )
    assert mail.outbox == []
    assert "would send 1" in out.getvalue()
    call_command("send_reminders", "--date", f"{cycle.year}-12-10", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "31.12.2026")
