"""Staff import: 10,000 rows of the HR export, planned and applied.

Builds a throwaway SQLite database (migrations, a department tree, this
year's training cycle so that every new active person gets the cycle's
topics), writes a 10,000-row workbook in a temporary folder, then times in a
fresh process: the dry run (plan), the apply (10,000 creates), and a second
import of the same file (all unchanged). Peak memory is the process's maximum
resident set. The figures go to the "## Staff import" section of
docs/benchmarks.md.
"""

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench_pages import PYTHON, ROOT, _write_section

HEADING = "## Staff import"
ROWS = 10_000
TARGET_SECONDS = 15

SETUP = r"""
import datetime, sys
import django
django.setup()
import openpyxl
from django.utils import timezone
from courses.models import TrainingCycle
from lms.models import Department
from lms.services.staff import department_save

divisions = []
for b in range(5):
    bureau = department_save(department=Department(code=f"B{b}", name=f"시험{b}국",
                                                   kind="bureau"), parent=None)
    for d in range(8):
        division = department_save(department=Department(
            code=f"B{b}D{d}", name=f"시험{b}{d}과", kind="division"), parent=bureau)
        teams = [department_save(department=Department(
            code=f"B{b}D{d}T{t}", name=f"시험{t}팀", kind="team"), parent=division)
            for t in range(4)]
        divisions.append((division, teams))
year = timezone.localdate().year
TrainingCycle.objects.get_or_create(year=year, defaults={"due_on": datetime.date(year, 12, 31)})
grades = ["9급 서기보", "8급 서기", "7급 주사보", "6급 주사", "5급 사무관"]
statuses = ["재직"] * 8 + ["휴직", "퇴직"]
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("직원명부")
sheet.append(["직원번호", "성명", "소속", "직급", "직렬", "이메일", "재직상태"])
for i in range(int(sys.argv[2])):
    division, teams = divisions[i % len(divisions)]
    unit = division.name if i % 5 == 0 else f"{division.name} {teams[i % 4].name}"
    sheet.append([20000000 + i, f"김{i:05d}", unit, grades[i % 5], "행정",
                  f"staff{i}@example.go.kr", statuses[i % 10]])
book.save(sys.argv[1])
"""

RUN = r"""
import json, resource, sys, time
import django
django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from courses.models import TopicAssignment
from lms.services.staff_import import staff_import_apply, staff_import_plan

def timed(fn):
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        value = fn()
    return value, time.perf_counter() - start, len(ctx.captured_queries)

baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
plan, plan_s, plan_q = timed(lambda: staff_import_plan(workbook=sys.argv[1]))
result, apply_s, apply_q = timed(lambda: staff_import_apply(plan=plan))
plan2, plan2_s, _ = timed(lambda: staff_import_plan(workbook=sys.argv[1]))
result2, apply2_s, _ = timed(lambda: staff_import_apply(plan=plan2))
print(json.dumps({
    "plan_s": plan_s, "plan_queries": plan_q, "apply_s": apply_s, "apply_queries": apply_q,
    "created": result.created, "errors": len(plan.errors),
    "assignments": TopicAssignment.objects.count(),
    "replan_s": plan2_s, "reapply_s": apply2_s, "unchanged": len(plan2.unchanged),
    "rewritten": result2.created + result2.updated + result2.deactivated,
    "baseline_mb": baseline / 1024,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _python(code, env, *args) -> str:
    return subprocess.run(
        [PYTHON, "-c", code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main():
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="lms.settings.dev",
            LMS_SQLITE_PATH=str(Path(tmp) / "bench.sqlite3"),
            LMS_PRIVATE_MEDIA_ROOT=str(Path(tmp) / "private"),
            LMS_MEDIA_ROOT=str(Path(tmp) / "media"),
        )
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        workbook = str(Path(tmp) / "staff.xlsx")
        _python(SETUP, env, workbook, str(ROWS))
        size_kb = Path(workbook).stat().st_size / 1024
        figures = json.loads(_python(RUN, env, workbook).strip().splitlines()[-1])
    _report(figures, size_kb)


def _report(f: dict, size_kb: float) -> None:
    total = f["plan_s"] + f["apply_s"]
    lines = [
        HEADING,
        "",
        f"`make bench` on {time.strftime('%Y-%m-%d')} (`scripts/bench_import.py`): "
        f"a {ROWS:,}-row HR export ({size_kb:,.0f} KB; 80 % in service, 10 % on "
        "leave, 10 % retired; 160 departments) imported into an empty throwaway "
        "SQLite database with this year's training cycle, so every new active "
        "person also gets the cycle's topics. One process; 2 cores shared.",
        "",
        "| step | wall time s | SQL queries | result |",
        "|---|---|---|---|",
        f"| dry run (`staff_import_plan`) | {f['plan_s']:.2f} | {f['plan_queries']} | "
        f"{f['created']:,} to create, {f['errors']} errors |",
        f"| apply (`staff_import_apply`) | {f['apply_s']:.2f} | {f['apply_queries']} | "
        f"{f['created']:,} created, {f['assignments']:,} topic assignments |",
        f"| **plan + apply** | **{total:.2f}** | | target < {TARGET_SECONDS} s: "
        f"{'met' if total < TARGET_SECONDS else 'NOT met'} |",
        f"| same file again: dry run | {f['replan_s']:.2f} | | "
        f"{f['unchanged']:,} unchanged |",
        f"| same file again: apply | {f['reapply_s']:.2f} | | "
        f"{f['rewritten']} rows written |",
        "",
        f"Peak memory (maximum resident set of the process): {f['peak_mb']:.0f} MB, "
        f"of which {f['baseline_mb']:.0f} MB is Django before the import.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    _write_section(text, HEADING)


if __name__ == "__main__":
    main()
