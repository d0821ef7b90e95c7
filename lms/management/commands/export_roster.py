"""``manage.py export_roster --kind … --out FILE.xlsx``: a roster workbook from the
command line, masked unless ``--full`` (with a reason), logged like an admin export."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from lms.models import Department
from lms.rosters import RosterError, RosterFilters, roster_export, roster_get, rosters


class Command(BaseCommand):
    help = (
        "Write a roster workbook (masked unless --full). A full export needs a "
        "reason and is logged like one from the admin. "
        "명단을 엑셀로 내려받습니다(기본: 가림 처리)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument(
            "--kind", required=True, help="claims | completions | hours"
        )
        parser.add_argument("--department", help="department code (with its units)")
        parser.add_argument("--category", type=int, help="support category number 1–6")
        parser.add_argument(
            "--full", action="store_true", help="full names and numbers"
        )
        parser.add_argument("--reason", default="", help="why a full export is needed")
        parser.add_argument("--out", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        with translation.override("ko"):
            return self._handle(**options)

    def _handle(self, **options):
        kind = options["kind"]
        if kind not in rosters():
            raise CommandError(
                f"Unknown --kind {kind!r}; choose one of: {', '.join(sorted(rosters()))}. "
                f"알 수 없는 명단 종류입니다."
            )
        department = None
        if options["department"]:
            department = Department.objects.filter(code=options["department"]).first()
            if department is None:
                raise CommandError(
                    f"No department with code {options['department']!r}. "
                    "해당 부서 코드가 없습니다."
                )
        filters = RosterFilters(
            year=options["year"], department=department, category=options["category"]
        )
        roster = roster_get(kind)
        total = roster.count(filters)
        self.stderr.write(f"{roster.file_name(filters.year)}: {total:,}행 / rows")

        def progress(done: int) -> None:
            percent = done * 100 // total if total else 100
            sys.stderr.write(f"\r  {done:,} / {total:,} ({percent}%)")
            sys.stderr.flush()

        try:
            with open(options["out"], "wb") as out:
                log = roster_export(
                    key=kind,
                    filters=filters,
                    out=out,
                    masked=not options["full"],
                    reason=options["reason"],
                    channel="command",
                    progress=progress,
                )
        except RosterError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"Cannot write {options['out']}: {exc}") from exc
        masked = "가림" if log.masked else "전체(사유 기록됨)"
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['out']}: {log.row_count:,}행, {masked} · "
                f"{log.row_count:,} rows written and logged."
            )
        )
