"""The zero-set-up path: no DATABASE_URL means SQLite, and the site works on it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import django, json
django.setup()
from django.conf import settings
from django.test import Client
assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
c = Client(HTTP_HOST="localhost")
out = {url: c.get(url).status_code for url in ["/", "/accounts/login/", "/healthz"]}
r = c.post("/accounts/login/", {"login": "learner@example.com", "password": "demo-pass-2026"})
out["login"] = r.status_code
out["learn"] = c.get("/learn/").status_code
print(json.dumps(out))
"""


def test_migrate_demo_and_pages_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "LMS_SQLITE_PATH": str(tmp_path / "site.sqlite3"),
    }
    env.pop("DATABASE_URL", None)

    def run(*args):
        result = subprocess.run(
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    run(sys.executable, "manage.py", "migrate", "--noinput")
    first = run(sys.executable, "manage.py", "load_demo")
    assert "learner@example.com" in first
    second = run(sys.executable, "manage.py", "load_demo")
    assert "created" not in second and "updated" not in second
    result = run(sys.executable, "-c", SMOKE)
    import json

    statuses = json.loads(result.strip().splitlines()[-1])
    assert statuses == {
        "/": 200,
        "/accounts/login/": 200,
        "/healthz": 200,
        "login": 302,
        "learn": 200,
    }
