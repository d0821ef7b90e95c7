import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6,
    "DJANGO_ALLOWED_HOSTS": "lms.example.com",
}


def _manage(*args, **env_overrides):
    env = {**os.environ, **GOOD_ENV, **env_overrides}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a test-only switch
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_debug():
    result = _manage("check", DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_refuses_missing_secret_key():
    result = _manage("check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_default_secret_key():
    result = _manage(
        "check", DJANGO_SECRET_KEY="dev-only-insecure-key-never-in-production"
    )
    assert result.returncode != 0


def test_production_deploy_check_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_korean_and_seoul_by_default(settings):
    assert settings.LANGUAGE_CODE == "ko"
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert [code for code, _ in settings.LANGUAGES] == ["ko", "en"]


def test_the_admin_loads_nothing_from_outside(client, demo_users):
    client.force_login(demo_users["hr"])
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html
    assert 'src="http' not in html and "src='http" not in html


def test_upload_limits_come_from_the_environment_as_readme_says():
    # README documents LMS_UPLOAD_MAX_* as variables; they used to be ignored.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup();"
            "from certificates.uploads import upload_limits; print(upload_limits())",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
            "LMS_UPLOAD_MAX_BYTES": "2048",
            "LMS_UPLOAD_MAX_PIXELS": "1000",
            "LMS_UPLOAD_MAX_PDF_PAGES": "3",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(2048, 1000, 3)"
