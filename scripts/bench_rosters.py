"""Roster export at scale: a 100,000-row budget-claim roster.

Fills a throwaway SQLite database (var/bench-rosters/) with 100,000 approved
expense claims (bulk inserts: the services are not what is measured), then,
each in a fresh process pinned to one CPU core, measures wall time and the
growth of the process's peak RSS (ru_maxrss) while writing:

- our roster (``roster_export``: summary + detail sheet, styled cells, masked);
- the floor: a bare openpyxl write-only dump of the same 13 columns from one
  ``values_list`` query, without styles;
- Wagtail's own spreadsheet export (``SpreadsheetExportMixin.write_xlsx_response``)
  of the same rows and columns.

Writes the "## Rosters" section of docs/benchmarks.md. Runs standalone
(`.venv/bin/python scripts/bench_rosters.py [ROWS]`) and from `make bench`.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_pages import _write_section

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench-rosters"
PYTHON = sys.executable
HEADING = "## Rosters"
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REPEATS = 3


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        LMS_SQLITE_PATH=str(WORK / "bench.sqlite3"),
        LMS_PRIVATE_MEDIA_ROOT=str(WORK / "private"),
        PYTHONPATH=str(ROOT),
    )
    return env


PRELUDE = r"""
import os, resource, sys, time
cpus = sorted(os.sched_getaffinity(0))
os.sched_setaffinity(0, {cpus[-1]})  # one core
import django
django.setup()
"""

SETUP = r"""
import datetime
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from certificates.models import Budget, Certificate, ExpenseClaim, SupportCategory
from lms.models import Department, StaffProfile
from lms.services.staff import department_save

ROWS = int(sys.argv[1])
year = timezone.localdate().year
today = timezone.localdate()
bureau = department_save(department=Department(code="B000", name="기획행정실", kind="bureau"), parent=None)
units = [department_save(department=Department(code=f"B{n:03d}", name=f"{n}과", kind="division"), parent=bureau)
         for n in range(1, 21)]
User = get_user_model()
family, given = "김이박최정강조윤장임", ["서연", "민준", "하늘", "지우", "도윤", "예린", "시우", "은채", "건우", "수아"]
category = SupportCategory.objects.get(number=1)
budget = Budget.objects.create(fiscal_year=year, category=category, allocated=ROWS * 200_000, approved=ROWS * 150_000)
step = 10_000
with transaction.atomic():
    for start in range(0, ROWS, step):
        numbers = range(start, min(start + step, ROWS))
        users = User.objects.bulk_create([User(username=f"3{n:07d}", email=f"b{n}@example.com") for n in numbers])
        StaffProfile.objects.bulk_create([
            StaffProfile(user=u, staff_number=f"3{n:07d}", name=family[n % 10] + given[n // 10 % 10],
                         department=units[n % 20], grade="7", job_series="행정")
            for n, u in zip(numbers, users)])
        certificates = Certificate.objects.bulk_create([
            Certificate(kind="course", holder=u, completion_ref=n + 1, serial=f"B-{year}-{n:07d}",
                        serial_year=year, serial_number=n + 1, code=f"C{n:031d}",
                        holder_name="x", course_key="course:1", course_title="생성형 AI 실무 과정",
                        provider="경기도인재개발원", recognised_hours=4, completed_on=today,
                        cycle_year=year, issued_on=today)
            for n, u in zip(numbers, users)])
        ExpenseClaim.objects.bulk_create([
            ExpenseClaim(claimant=u, department=units[n % 20], fiscal_year=year, category=category,
                         certificate=c, budget=budget, amount_requested=180_000, amount_approved=150_000,
                         status="approved", attested_no_other_funding=True)
            for n, (u, c) in enumerate(zip(users, certificates), start=start)])
print(ExpenseClaim.objects.count())
"""

MEASURE = r"""
import io, json
from django.utils import timezone
from certificates.models import ExpenseClaim
from lms.rosters import RosterFilters, roster_export

kind = sys.argv[1]
year = timezone.localdate().year
out_path = sys.argv[2]

def ours():
    with open(out_path, "wb") as out:
        return roster_export(key="claims", filters=RosterFilters(year=year), out=out,
                             channel="command").row_count

def floor():
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("명단")
    ws.append(["연번", "소속", "직급", "성명", "직원번호", "구분", "교육·자격명", "시행기관",
               "취득(이수)일", "신청액", "지급액", "증빙", "비고"])
    rows = (ExpenseClaim.objects.filter(fiscal_year=year)
            .order_by("department__path", "claimant__staff_profile__staff_number", "pk")
            .values_list("department__name", "claimant__staff_profile__grade",
                         "claimant__staff_profile__name", "claimant__staff_profile__staff_number",
                         "certificate__course_title", "certificate__provider",
                         "certificate__completed_on", "amount_requested", "amount_approved"))
    n = 0
    for dept, grade, name, number, title, provider, day, requested, approved in rows.iterator(chunk_size=2000):
        n += 1
        ws.append([n, dept, grade, name, number, "교육", title, provider, day, requested,
                   approved, "수료증·영수증", ""])
    wb.save(out_path)
    return n

def wagtail():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin
    class Export(SpreadsheetExportMixin):
        list_export = ["department.name", "claimant.staff_profile.grade",
                       "claimant.staff_profile.name", "claimant.staff_profile.staff_number",
                       "category.name", "certificate.course_title", "certificate.provider",
                       "certificate.completed_on", "amount_requested", "amount_approved",
                       "status", "fiscal_year", "pk"]
    qs = (ExpenseClaim.objects.filter(fiscal_year=year)
          .select_related("department", "claimant__staff_profile", "category", "certificate")
          .order_by("department__path", "claimant__staff_profile__staff_number", "pk"))
    response = Export().write_xlsx_response(qs)
    with open(out_path, "wb") as out:
        for chunk in response.streaming_content:
            out.write(chunk)
    return qs.count()

run = {"ours": ours, "floor": floor, "wagtail": wagtail}[kind]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
rows = run()
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"rows": rows, "wall": wall, "cpu": cpu, "peak_mb": (after - before) / 1024,
                  "size_mb": os.path.getsize(out_path) / 1e6}))
"""


def _run(code: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", PRELUDE + code, *args],
        env=_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(result.returncode)
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        env=_env(),
        cwd=ROOT,
        check=True,
    )
    count = _run(SETUP, str(ROWS))
    print(f"rosters: {count} claims ready in {time.perf_counter() - started:.0f} s")
    runs = {"floor": [], "ours": [], "wagtail": []}
    # Floor and ours alternate, REPEATS times each, so that a busy moment of
    # the machine falls on both; the report takes each one's median run.
    # Wagtail's export (3 × slower) runs once.
    for kind in ("floor", "ours") * REPEATS + ("wagtail",):
        result = json.loads(_run(MEASURE, kind, str(WORK / f"{kind}.xlsx")))
        runs[kind].append(result)
        print(f"rosters: {kind}: {result}")
    _write_section(_report(runs), HEADING)
    shutil.rmtree(WORK, ignore_errors=True)


def _median(results: list[dict]) -> dict:
    ordered = sorted(results, key=lambda r: r["wall"])
    return {**ordered[len(ordered) // 2], "walls": [r["wall"] for r in results]}


def _report(runs: dict) -> str:
    ours, floor, wagtail = (_median(runs[k]) for k in ("ours", "floor", "wagtail"))
    line = (
        "| {name} | {rows:,} | {wall:.1f} | {spread} | {cpu:.1f} | {ratio:.2f} "
        "| {peak:.0f} | {size:.1f} |"
    )
    rows = [
        line.format(
            name=name,
            rows=r["rows"],
            wall=r["wall"],
            spread=" / ".join(f"{w:.1f}" for w in r["walls"]),
            cpu=r["cpu"],
            ratio=r["wall"] / floor["wall"],
            peak=r["peak_mb"],
            size=r["size_mb"],
        )
        for name, r in (
            ("bare openpyxl write-only dump (the floor)", floor),
            ("our budget-claim roster (summary + styled detail, masked)", ours),
            ("Wagtail's spreadsheet export of the same rows", wagtail),
        )
    ]
    return "\n".join(
        [
            HEADING,
            "",
            f"`make bench` on {time.strftime('%Y-%m-%d')}: {ROWS:,} approved claims in "
            "SQLite, each export in a fresh process pinned to one core (the machine's "
            "other core is free for the database and the OS); peak memory is the growth "
            "of the process's peak RSS during the export. The floor and ours ran "
            f"{REPEATS} times each, alternating; the table gives the median run and "
            "lists every run's wall time.",
            "",
            "| export | rows | wall s (median) | every run, s | CPU s | × floor "
            "| peak MB | file MB |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Ours against Wagtail's: {wagtail['wall'] / ours['wall']:.2f}× faster, "
            f"{ours['peak_mb']:.0f} MB against {wagtail['peak_mb']:.0f} MB.",
            "Targets: faster than Wagtail's own export, within 1.3 × the bare dump, "
            "peak memory under 64 MB.",
            "",
            "Where ours spends its time over the floor: three styled cells a row "
            "(date, requested, paid; one cell per column is styled once and reused "
            "row after row), masking of name and staff number, the formula guard "
            "(run once per distinct value in the columns that repeat), the summary "
            "sheet, and a wider query (15 columns from six tables, against 9).",
            "",
            _verdict(ours, floor, wagtail),
        ]
    )


def _verdict(ours: dict, floor: dict, wagtail: dict) -> str:
    checks = [
        ("faster than Wagtail's export", ours["wall"] < wagtail["wall"]),
        ("within 1.3 × the bare dump", ours["wall"] <= 1.3 * floor["wall"]),
        ("peak memory under 64 MB", ours["peak_mb"] < 64),
    ]
    met = [name for name, ok in checks if ok]
    missed = [name for name, ok in checks if not ok]
    text = "Met: " + ", ".join(met) + "." if met else "Met: none."
    if missed:
        text += " Not met: " + ", ".join(missed) + "."
    return text


if __name__ == "__main__":
    main()
