import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from lms.models import Department, StaffProfile
from tests.conftest import DEMO_EMAILS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _snapshot():
    User = get_user_model()
    return (
        sorted(
            Department.objects.values_list("code", "name", "path", "kind", "active")
        ),
        sorted(
            StaffProfile.objects.values_list(
                "staff_number", "name", "department_id", "grade", "updated_at"
            )
        ),
        sorted(User.objects.values_list("username", "email", "password", "is_active")),
        sorted(User.groups.through.objects.values_list("user_id", "group_id")),
    )


def test_load_demo_builds_the_organisation(demo):
    assert Department.objects.count() >= 10
    assert StaffProfile.objects.count() >= 50
    User = get_user_model()
    for email in DEMO_EMAILS.values():
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.staff_profile.name  # a Korean name
    head = User.objects.get(email="head@example.com")
    assert set(head.groups.values_list("name", flat=True)) == {"학습자", "부서장"}


def test_load_demo_is_idempotent(demo):
    before = _snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _snapshot() == before
    text = out.getvalue()
    assert "created" not in text and "updated" not in text
    assert "staff unchanged" in text


def test_load_demo_is_refused_when_not_allowed(db, settings):
    settings.LMS_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert not StaffProfile.objects.exists()


def test_load_demo_is_refused_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 64,
        "DJANGO_ALLOWED_HOSTS": "lms.example.com",
        "LMS_BASE_URL": "https://lms.example.com",
        "LMS_SQLITE_PATH": str(tmp_path / "prod.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "refused under production settings" in result.stderr
