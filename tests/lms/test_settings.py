import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6,
    "DJANGO_ALLOWED_HOSTS": "lms.example.com",
    "LMS_BASE_URL": "https://lms.example.com",
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


@pytest.mark.parametrize(
    "base_url",
    ["", "lms.example.com", "ftp://lms.example.com", "https://", "http://x:y"],
)
def test_production_refuses_a_missing_or_invalid_base_url(base_url):
    # The QR code on every certificate and the links in e-mail use it; the
    # development default (127.0.0.1) would print a dead address on them.
    result = _manage("check", LMS_BASE_URL=base_url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "LMS_BASE_URL must be the site's public http(s) address" in result.stderr
    assert "LMS_BASE_URL 환경 변수에 누리집 주소" in result.stderr


def _settings_value(module: str, expression: str, **env) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; "
            f"print({expression})",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            **GOOD_ENV,
            "DJANGO_SETTINGS_MODULE": module,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_uses_the_base_url_it_is_given():
    value = _settings_value(
        "lms.settings.production",
        "settings.WAGTAILADMIN_BASE_URL",
        LMS_BASE_URL="https://lms.paju.go.kr/",
    )
    assert value == "https://lms.paju.go.kr"


def _run_script(tmp_path, **env) -> subprocess.CompletedProcess:
    """scripts/run.sh (what `make run` runs) with a stand-in python that
    prints what it was asked to do and the LMS_BASE_URL it was given."""
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "python $* [LMS_BASE_URL=$LMS_BASE_URL]"\n')
    fake.chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if k not in ("LMS_BASE_URL", "PORT")}
    return subprocess.run(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env={**clean, "BIN": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "url", "address"),
    [
        ({}, "http://127.0.0.1:8000", "127.0.0.1:8000"),
        ({"PORT": "9001"}, "http://127.0.0.1:9001", "127.0.0.1:9001"),
        (
            {"LMS_BASE_URL": "http://localhost:8123/"},
            "http://localhost:8123",
            "localhost:8123",
        ),
        ({"LMS_BASE_URL": "http://[::1]:8001"}, "http://[::1]:8001", "[::1]:8001"),
    ],
)
def test_make_run_prints_and_serves_the_base_url(tmp_path, env, url, address):
    result = _run_script(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"사이트 주소 / Site address: {url}" in result.stdout
    # Every step sees the same LMS_BASE_URL, so the links agree with the server.
    assert lines[0] == f"python manage.py migrate --noinput [LMS_BASE_URL={url}]"
    assert lines[-1] == f"python manage.py runserver {address} [LMS_BASE_URL={url}]"
    # ...and the development settings take it as the site's address.
    base, hosts = _settings_value(
        "lms.settings.dev",
        "settings.WAGTAILADMIN_BASE_URL, settings.ALLOWED_HOSTS",
        LMS_BASE_URL=url,
    ).split(" ", 1)
    assert base == url
    assert address.rsplit(":", 1)[0] in hosts


@pytest.mark.parametrize(
    "base_url", ["https://lms.example.com", "lms.example.com", "http://x/lms"]
)
def test_make_run_refuses_an_address_it_cannot_serve(tmp_path, base_url):
    result = _run_script(tmp_path, LMS_BASE_URL=base_url)
    assert result.returncode == 2
    assert "LMS_BASE_URL" in result.stderr and "python" not in result.stdout


def test_make_run_goes_through_the_script():
    result = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "bash scripts/run.sh" in result.stdout


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
