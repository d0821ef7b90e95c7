"""``manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]``: the daily job that
e-mails staff who still owe topics of this year's cycle."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from courses.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail staff who have not yet completed all Art. 14② topics of this year's "
        "cycle (from the cycle's reminder window, then weekly). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count, send nothing, record nothing"
        )
        parser.add_argument("--date", help="act as if today were YYYY-MM-DD")

    def handle(self, *args, dry_run=False, date=None, **options):
        on = None
        if date:
            try:
                on = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(
                    f"--date must be YYYY-MM-DD / 날짜는 YYYY-MM-DD 형식이어야 합니다: {date}"
                ) from error
        run = reminders_send(on=on, dry_run=dry_run)
        if run.cycle is None:
            self.stdout.write(
                "No training cycle for this year: nothing to do. "
                "올해 교육 연도가 없어 보낼 알림이 없습니다."
            )
            return
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{run.cycle.year}: {run.due} staff with open topics; {verb} {run.sent}, "
            f"skipped {run.skipped_recent} reminded in the last week, "
            f"{run.without_email} without e-mail."
        )
