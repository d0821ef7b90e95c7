"""``manage.py prune_private_files [--dry-run] [--min-age-hours 24]``: deletes the
private files (evidence, receipts, exports) that no record points to."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lms.services.private_files import private_files_prune


class Command(BaseCommand):
    help = (
        "Delete private files (evidence, receipts, export files) that no record "
        "points to, once older than --min-age-hours. "
        "어떤 기록도 가리키지 않는 비공개 파일(증빙, 영수증, 명단 파일)을 삭제합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-hours",
            type=int,
            default=24,
            help="keep younger files: an upload may still be on its way (default 24)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list the files, delete nothing"
        )

    def handle(self, *args, **options):
        hours = options["min_age_hours"]
        if hours < 1:
            raise CommandError(
                "--min-age-hours must be at least 1. "
                "--min-age-hours는 1 이상이어야 합니다."
            )
        dry_run = options["dry_run"]
        names = private_files_prune(
            min_age=datetime.timedelta(hours=hours), dry_run=dry_run
        )
        for name in names:
            self.stdout.write(name)
        verb = "would delete" if dry_run else "deleted"
        korean = "삭제 예정" if dry_run else "삭제"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(names)} orphaned file(s) {verb}. 고아 파일 {len(names)}개 {korean}."
            )
        )
