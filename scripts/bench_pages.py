"""Page throughput: course and lesson pages against a plain Wagtail page.

Serves the demo data with gunicorn (2 workers, production settings) on
loopback, drives 16 concurrent logged-in clients for 20 s per page with wrk,
and records requests per second, p50/p99 latency and SQL query counts (with
the demo data and again with 50 more courses) in docs/benchmarks.md.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"
PYTHON = sys.executable


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        LMS_BASE_URL="http://127.0.0.1",
        LMS_SSL_REDIRECT="0",
        LMS_SQLITE_PATH=str(WORK / "bench.sqlite3"),
        LMS_STATIC_ROOT=str(WORK / "static"),
        LMS_MEDIA_ROOT=str(WORK / "media"),
    )
    return env


def _manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )


SETUP = r"""
import django, json
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from courses.models import CoursePage, LessonPage
from courses.services.learning import enrolment_create, lesson_complete
from lms.models import HomePage, StandardPage, User

user = User.objects.get(email="learner@example.com")
# A plain information page as deep in the tree as a lesson (Wagtail's routing
# costs queries per level, so depth matters for a fair floor).
parent = HomePage.objects.get()
for level in ("bench-a", "bench-b", "bench-c"):
    parent = parent.add_child(instance=StandardPage(
        title=f"기준 페이지 {level}", slug=level, intro="성능 기준용 일반 페이지",
        body="<p>" + "일반 Wagtail 페이지의 본문입니다. " * 40 + "</p>"))
    parent.save_revision().publish()
plain_deep = parent
course = CoursePage.objects.live().filter(topics__code="14-2-2").first()
lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
enrolment_create(user=user, course=course)
lesson_complete(user=user, lesson=lessons[0])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
client = Client(HTTP_HOST="127.0.0.1", **{"wsgi.url_scheme": "http"})
client.force_login(user)
def queries(url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)
urls = {"course": course.url, "lesson": lessons[1].url, "home": "/",
        "plain": plain_deep.url}
print(json.dumps({"session": session.session_key, "cookie": settings.SESSION_COOKIE_NAME,
                  "urls": urls, "queries": {k: queries(u) for k, u in urls.items()}}))
"""

GROW = r"""
import django, json
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.services.learning import enrolment_create, lesson_complete
from lms.models import User
index = CourseIndexPage.objects.get()
user = User.objects.get(email="learner@example.com")
for i in range(50):
    course = CoursePage(title=f"부하 시험 과정 {i}", slug=f"bench-{i}", summary="-")
    index.add_child(instance=course)
    course.save_revision().publish()
    for j in range(4):
        lesson = LessonPage(title=f"차시 {j}", slug=f"bench-{i}-{j}", body="[]")
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    enrolment_create(user=user, course=course)
    lesson_complete(user=user, lesson=lesson)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
urls = json.loads(__import__("sys").argv[1])
out = {}
for key, url in urls.items():
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    out[key] = len(ctx.captured_queries)
client.get("/learn/")
with CaptureQueriesContext(connection) as ctx:
    client.get("/learn/")
out["learn"] = len(ctx.captured_queries)
print(json.dumps(out))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url, cookie, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            req = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
            with urllib.request.urlopen(req, timeout=2) as r:  # noqa: S310 (loopback)
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer {url}")


def _wrk(url, cookie, seconds, connections) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": pct(50),
        "p99": pct(99),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = _env()
    dev_env = {**env, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    _manage(dev_env, "migrate", "--noinput", "-v0")
    _manage(dev_env, "load_demo")
    _manage(env, "createcachetable")
    _manage(env, "collectstatic", "--noinput", "-v0")
    import json

    setup = json.loads(
        subprocess.run(
            [PYTHON, "-c", SETUP],
            cwd=ROOT,
            env=dev_env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    cookie = f"{setup['cookie']}={setup['session']}"
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "lms.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + setup["urls"]["course"], cookie)
        for key in ("home", "plain", "course", "lesson"):
            _wrk(base + setup["urls"][key], cookie, 3, args.connections)  # warm up
            results[key] = _wrk(
                base + setup["urls"][key], cookie, args.seconds, args.connections
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    grown = json.loads(
        subprocess.run(
            [PYTHON, "-c", GROW, json.dumps(setup["urls"])],
            cwd=ROOT,
            env=dev_env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    _report(results, setup["queries"], grown, args)


def _report(results, queries, grown, args):
    floor = results["plain"]["rps"]
    lines = [
        "## Pages: course and lesson against a plain Wagtail page",
        "",
        f"`make bench` on {time.strftime('%Y-%m-%d')}: gunicorn, 2 workers, production "
        f"settings, SQLite, demo data; wrk with {args.connections} concurrent logged-in "
        f"clients for {args.seconds} s per page on loopback (same machine: 2 cores "
        "shared by server and load generator).",
        "",
        "| page | depth | requests/s | × floor | p50 ms | p99 ms | non-2xx | SQL queries (demo) | "
        "SQL queries (+50 courses, 200 lessons, 50 enrolments) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    names = {
        "home": "home page",
        "plain": "plain information page (the floor)",
        "course": "course page",
        "lesson": "lesson page",
    }
    depths = {"home": 2, "plain": 5, "course": 4, "lesson": 5}
    for key in ("home", "plain", "course", "lesson"):
        r = results[key]
        lines.append(
            f"| {names[key]} | {depths[key]} | {r['rps']:.1f} | {r['rps'] / floor:.2f} | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {r['errors']} | {queries[key]} | {grown[key]} |"
        )
    lines += [
        "",
        "The floor is a plain Wagtail page (`StandardPage`: title and rich "
        "text) at the lesson's depth: Wagtail resolves a URL with queries per "
        "tree level, so the shallow home page is shown for reference, not as "
        "the floor.",
        "",
        f"`/learn/` with the grown data: {grown['learn']} SQL queries.",
        "Target: course and lesson pages at ≥ 0.7 × the floor's requests per "
        "second, with query counts constant in the data size.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    _write_section(text, "## Pages: course and lesson against a plain Wagtail page")


def _write_section(text: str, heading: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    current = (
        doc.read_text(encoding="utf-8")
        if doc.exists()
        else "# Benchmarks\n\nFigures written by `make bench`; tests assert behaviour, not speed.\n\n"
    )
    if heading in current:
        start = current.index(heading)
        end = current.find("\n## ", start + len(heading))
        current = (
            current[:start] + text + ("\n" + current[end + 1 :] if end != -1 else "")
        )
    else:
        current = current.rstrip("\n") + "\n\n" + text
    doc.write_text(current.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
