"""The admin's listings and inspect pages say 예/아니요, name rosters and
channels in words, and head each column with its own label."""

import re

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.support.models import SupportPolicy
from lms.models import AccessKind, AccessLog, ExportLog

pytestmark = pytest.mark.django_db

BOOLEAN = re.compile(r"\b(True|False)\b")


def _text(response) -> str:
    """The page without its scripts (the sidebar's JSON, the JS catalogue)."""
    html = response.content.decode()
    return re.sub(r"<script.*?</script>", "", html, flags=re.S)


@pytest.fixture
def logs(hr):
    ExportLog.objects.create(
        user=hr,
        roster="claims",
        filters={"year": 2026, "department": "D01"},
        masked=False,
        reason="감사 자료",
        row_count=3,
    )
    ExportLog.objects.create(  # the command line's exports have no user
        user=None, roster="certificate-registry", masked=True, channel="command"
    )
    AccessLog.objects.create(
        user=hr, kind=AccessKind.CERTIFICATE_PDF, subject=hr, own=True
    )


def test_the_export_log_names_rosters_and_says_yes_or_no(client, auditor, logs):
    client.force_login(auditor)
    page = _text(client.get(reverse("export_log:index")))
    assert not BOOLEAN.search(page)
    assert ">claims<" not in page and ">certificate-registry<" not in page
    assert "수료증 대장" in page  # the registry's spreadsheet
    assert "경비" in page  # the claims roster, by its label
    assert "예" in page and "아니요" in page
    assert "관리자 화면" in page and "명령줄" in page


def test_an_export_log_entry_reads_in_words(client, auditor, logs):
    entry = ExportLog.objects.get(roster="claims")
    client.force_login(auditor)
    page = _text(client.get(reverse("export_log:inspect", args=[entry.pk])))
    assert not BOOLEAN.search(page)
    assert "연도 2026, 부서 D01" in page
    assert "{'year'" not in page and "claims" not in page


def test_the_access_log_says_yes_or_no(client, auditor, logs):
    client.force_login(auditor)
    listing = _text(client.get(reverse("access_log:index")))
    entry = AccessLog.objects.get()
    inspect = _text(client.get(reverse("access_log:inspect", args=[entry.pk])))
    for page in (listing, inspect):
        assert not BOOLEAN.search(page)
        assert "예" in page


def test_the_department_list_heads_names_as_department_names(client, hr, department):
    client.force_login(hr)
    page = _text(client.get(reverse("departments:index")))
    assert "부서명" in page
    assert "성명" not in page
    assert not BOOLEAN.search(page)


def test_a_yes_or_no_filter_shows_its_value_in_words(client, hr, department):
    client.force_login(hr)
    page = _text(client.get(reverse("departments:index"), {"active": "true"}))
    assert not BOOLEAN.search(page)


def test_the_support_policy_list_says_yes_or_no(client, hr):
    SupportPolicy.objects.get_or_create(fiscal_year=2031)
    client.force_login(hr)
    page = _text(client.get(reverse("expense_policies:index")))
    assert not BOOLEAN.search(page)
    assert "예" in page or "아니요" in page


def test_an_empty_value_on_an_inspect_page_is_a_dash(client, auditor, logs):
    entry = ExportLog.objects.get(user=None)
    client.force_login(auditor)
    page = _text(client.get(reverse("export_log:inspect", args=[entry.pk])))
    words = re.sub(r"<[^>]+>", " ", page)  # what is shown, not class names
    assert not re.search(r"\bNone\b", words)
    assert "—" in words


def test_a_department_inspect_page_says_yes_or_no(client, hr, department):
    client.force_login(hr)
    page = _text(client.get(reverse("departments:inspect", args=[department.pk])))
    assert not BOOLEAN.search(page)
    assert "예" in page


def test_the_certificate_page_is_titled_in_korean(client, demo_users):
    certificate = Certificate.objects.order_by("pk").first()
    client.force_login(demo_users["hr"])
    page = _text(
        client.get(reverse("certificate_registry:inspect", args=[certificate.pk]))
    )
    assert f"수료증 상세: {certificate.serial}" in page
    assert "검사" not in page


def test_the_admin_login_page_is_korean(client):
    page = _text(client.get(reverse("wagtailadmin_login")))
    assert "관리자 로그인" in page
    assert "웨그테일" not in page
    assert ">\n            Password" not in page and "Password<" not in page
    assert "비밀번호" in page
    assert "이메일 또는 직원번호" in page
