"""Certificate throughput: PDFs per second on one core, and a 1,000-PDF ZIP.

Migrates a throwaway SQLite database (var/bench-certificates/), issues 1,000
certificates through the issuing service, then, each in a fresh process
pinned to one CPU core:

- renders 200 certificates in-process (the fonts are registered and 5
  documents rendered first, outside the timing; the cold first document is
  reported on its own);
- downloads the HR ZIP of 250 (one course) and of 1,000 certificates through the admin
  view (streamed), recording wall time and the growth of the process's peak
  RSS (ru_maxrss) during the download: bounded memory means the 1,000 ZIP
  grows no more than the 250 one.

Writes the "## Certificates" section of docs/benchmarks.md. Runs standalone
(`.venv/bin/python scripts/bench_certificates.py`) and from `make bench`.
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
WORK = ROOT / "var" / "bench-certificates"
PYTHON = sys.executable
HEADING = "## Certificates"


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        LMS_SQLITE_PATH=str(WORK / "bench.sqlite3"),
        LMS_MEDIA_ROOT=str(WORK / "media"),
        LMS_PRIVATE_MEDIA_ROOT=str(WORK / "private"),
        LMS_BASE_URL="https://lms.example.go.kr",
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
import datetime, json
from decimal import Decimal
from certificates.credentials.services.issuing import certificate_issue_for_completion
from lms.models import Department, Grade
from lms.roles import GROUP_NAMES, roles_sync
from lms.services.staff import department_save, staff_create
from django.contrib.auth.models import Group
from django.db import transaction

roles_sync()
bureau = department_save(department=Department(code="B000", name="기획행정실", kind="bureau"), parent=None)
units = [department_save(department=Department(code=f"B{n:03d}", name=name, kind="division"), parent=bureau)
         for n, name in enumerate(["총무과", "기획예산과", "정보통신과", "민원여권과"], 1)]
family, given = "김이박최정강조윤장임", ["서연", "민준", "하늘", "지우", "도윤", "예린", "시우", "은채", "건우", "수아"]
holders = [staff_create(staff_number=f"2026{n:04d}", name=family[n % 10] + given[n // 10 % 10],
                        email=f"bench{n}@example.com", department=units[n % 4], grade=Grade.G7,
                        job_series="행정").user for n in range(100)]
hr = staff_create(staff_number="20269999", name="정인사", email="hr@example.com",
                  department=units[0], grade=Grade.G6).user
Group.objects.get(name=GROUP_NAMES["hr"]).user_set.add(hr)
titles = ["생성형 AI 기초: 행정 문서 작성에 활용하기", "인공지능 기본 개념과 공공 서비스",
          "개인정보 보호와 AI 윤리", "데이터 기반 행정과 인공지능"]
topics = [("14-2-1", "인공지능 기본 개념"), ("14-2-2", "생성형 인공지능 활용"),
          ("14-2-3", "인공지능 윤리와 개인정보 보호")]
with transaction.atomic():
    for n in range(1000):
        certificate_issue_for_completion(
            completion_id=n + 1, holder=holders[n % 100], course_key=f"course:{n % 4}",
            course_title=titles[n % 4], topics=topics[: 1 + n % 3],
            recognised_hours=Decimal("2.5"), completed_on=datetime.date(2026, 9, 16),
            validity_months=24, cycle_year=2026)
print(json.dumps({"hr": hr.pk}))
"""

RENDER = r"""
import json
from certificates.models import Certificate
from certificates.credentials.pdf import certificate_pdf_render, issuer_current
certificates = list(Certificate.objects.order_by("pk")[:205])
started = time.perf_counter()
issuer = issuer_current()
certificate_pdf_render(certificate=certificates[0], issuer=issuer)  # cold: parses the fonts
cold = time.perf_counter() - started
for c in certificates[1:5]:
    certificate_pdf_render(certificate=c, issuer=issuer)
cpu0, started = time.process_time(), time.perf_counter()
sizes = [len(certificate_pdf_render(certificate=c, issuer=issuer)) for c in certificates[5:]]
wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
print(json.dumps({"n": len(sizes), "wall": wall, "cpu": cpu, "cold": cold,
                  "bytes": sum(sizes) / len(sizes)}))
"""

ZIP = r"""
import json, zipfile
from django.contrib.auth import get_user_model
from django.test import Client
from certificates.models import Certificate
from certificates.credentials.pdf import certificate_pdf_render, fonts_register
scope, hr = sys.argv[1], int(sys.argv[2])
fonts_register()
certificate_pdf_render(certificate=Certificate.objects.first())  # warm, as a running server is
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(pk=hr))
client.get("/admin/")
# The smaller run goes through the registry filter: one course of four.
query = {} if scope == "all" else {"course": "course:0", "year": 2026}
expected = Certificate.objects.filter(**({"course_key": "course:0"} if query else {})).count()
out = os.path.join(os.environ["BENCH_WORK"], f"certificates-{scope}.zip")
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu0, started = time.process_time(), time.perf_counter()
response = client.get("/admin/certificates/zip/", query)
assert response.status_code == 200 and response.streaming, response.status_code
size = 0
with open(out, "wb") as f:
    for chunk in response.streaming_content:
        f.write(chunk)
        size += len(chunk)
wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with zipfile.ZipFile(out) as archive:
    members = len(archive.namelist())
    assert archive.testzip() is None
assert members == expected, (members, expected)
print(json.dumps({"members": members, "wall": wall, "cpu": cpu, "bytes": size,
                  "rss_before_kb": rss0, "rss_after_kb": rss1}))
"""


def _run(code: str, env: dict, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, "-c", PRELUDE + code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = {**_env(), "BENCH_WORK": str(WORK)}
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    started = time.perf_counter()
    hr = _run(SETUP, env)["hr"]
    issue_seconds = time.perf_counter() - started
    render = _run(RENDER, env)
    zips = {scope: _run(ZIP, env, scope, str(hr)) for scope in ("course", "all")}
    _report(render, zips, issue_seconds)
    shutil.rmtree(WORK, ignore_errors=True)


def _report(render: dict, zips: dict, issue_seconds: float) -> None:
    rate = render["n"] / render["wall"]
    lines = [
        HEADING,
        "",
        f"`scripts/bench_certificates.py` on {time.strftime('%Y-%m-%d')}: SQLite, "
        "1,000 certificates issued through the issuing service "
        f"({issue_seconds:.1f} s including 100 staff records), each measurement in a "
        "fresh process pinned to one CPU core. The machine has 2 cores shared with "
        f"other work (load average {os.getloadavg()[0]:.1f} when written), so the "
        "wall-clock figures include waiting for the core; CPU time is the cost.",
        "",
        "| measurement | result | target |",
        "|---|---|---|",
        f"| PDF rendering, warm (fonts registered and 5 documents rendered before "
        f"timing; {render['n']} certificates) | **{rate:.1f} certificates/s** "
        f"wall clock ({1000 * render['wall'] / render['n']:.1f} ms each); by CPU time "
        f"{render['n'] / render['cpu']:.1f}/s ({1000 * render['cpu'] / render['n']:.1f} "
        "ms each) | ≥ 20/s on one core |",
        f"| first PDF in a process (parses the two Nanum fonts) | "
        f"{render['cold'] * 1000:.0f} ms | – |",
        f"| PDF size | {render['bytes'] / 1024:.0f} KB on average | – |",
    ]
    for scope, z in zips.items():
        grown = (z["rss_after_kb"] - z["rss_before_kb"]) / 1024
        lines.append(
            f"| HR ZIP of {z['members']:,} PDFs through the admin view (streamed) | "
            f"{z['wall']:.1f} s (CPU {z['cpu']:.1f} s), {z['bytes'] / 1024 / 1024:.1f} MB; "
            "peak RSS grew "
            f"{grown:.1f} MB (process peak {z['rss_after_kb'] / 1024:.0f} MB) | "
            + ("< 60 s, bounded memory |" if scope == "all" else "(comparison) |")
        )
    lines += [
        "",
        "The ZIP's memory does not depend on the number of certificates: zipfile "
        "writes to a non-seekable sink that hands each PDF on as soon as it is "
        "written, and the rows are read 200 at a time. Compare the RSS growth of "
        "the 250 and the 1,000 ZIP. The documented naive renderer (fpdf2 adding "
        "the 4.7 MB font to every new document) managed about 5.6 certificates/s; "
        "ReportLab parses the font once per process and subsets each document "
        "from it.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    _write_section(text, HEADING)


if __name__ == "__main__":
    main()
