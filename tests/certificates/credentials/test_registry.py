"""HR's certificate registry in the Wagtail admin: list, filters, inspect,
revoke and reissue, export."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from certificates.credentials.models import CertificateStatus
from certificates.credentials.services.issuing import (
    REASON_REQUIRED,
    certificate_issue_for_completion,
    certificate_revoke,
)
from certificates.models import Certificate
from lms.excel import csv_text_safe
from lms.models import Department, ExportLog
from lms.roles import GROUP_NAMES, roles_sync
from lms.services.staff import department_save

pytestmark = pytest.mark.django_db

INDEX = "certificate_registry:index"
THIS_YEAR = timezone.localdate().year


def _url(name: str, certificate: Certificate) -> str:
    return reverse(f"certificate_registry:{name}", args=[certificate.pk])


@pytest.fixture
def people(make_staff, department):
    team = department_save(
        department=Department(code="T110", name="시험팀", kind="team"),
        parent=department,
    )
    other = department_save(
        department=Department(code="T200", name="다른과", kind="division"),
        parent=None,
    )
    staff = {
        "top": make_staff(name="김과장", department=department),
        "member": make_staff(name="이주무", department=team),
        "other": make_staff(name="박다른", department=other),
        "hr": make_staff(name="최인사"),
        "auditor": make_staff(name="정감사"),
        "learner": make_staff(name="한학습"),
    }
    roles_sync()  # as load_demo does: the groups get every declared permission
    for role in ("hr", "auditor", "learner"):
        staff[role].user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return {
        **{key: profile.user for key, profile in staff.items()},
        "department": department,
        "team": team,
        "other_department": other,
    }


_completion_ids = iter(range(1, 10_000))


def _issue(user, *, course_key="course:ai", title="생성형 AI 기초", year=THIS_YEAR):
    return certificate_issue_for_completion(
        completion_id=next(_completion_ids),
        holder=user,
        course_key=course_key,
        course_title=title,
        topics=[("14-2-1", "인공지능 기본 개념")],
        recognised_hours=Decimal("2.5"),
        completed_on=timezone.localdate(),
        validity_months=24,
        cycle_year=year,
    )


@pytest.fixture
def certificates(people):
    certs = {
        "top": _issue(people["top"]),
        "team": _issue(people["member"], course_key="course:ethics", title="AI 윤리"),
        "other": _issue(people["other"], year=THIS_YEAR - 1),
        "revoked": _issue(people["top"], course_key="course:ethics", title="AI 윤리"),
    }
    certificate_revoke(certificate=certs["revoked"], actor=people["hr"], reason="착오")
    Certificate.objects.filter(pk=certs["other"].pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    for cert in certs.values():
        cert.refresh_from_db()
    return certs


def _serials(response) -> set[str]:
    return {c.serial for c in response.context["object_list"]}


def test_hr_sees_every_certificate_with_full_names(client, people, certificates):
    client.force_login(people["hr"])
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assert _serials(response) == {c.serial for c in certificates.values()}
    html = response.content.decode()
    assert "김과장" in html  # HR's internal tool shows full names
    assert certificates["team"].department_name in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"course": "course:ethics"}, {"team", "revoked"}),
        ({"department": "DEPT"}, {"top", "team", "revoked"}),
        ({"department": "TEAM"}, {"team"}),
        ({"year": str(THIS_YEAR - 1)}, {"other"}),
        ({"status": CertificateStatus.VALID}, {"top", "team"}),
        ({"status": CertificateStatus.EXPIRED}, {"other"}),
        ({"status": CertificateStatus.REVOKED}, {"revoked"}),
        ({"status": CertificateStatus.EXPIRING}, set()),
        ({"kind": "curriculum"}, set()),
        ({"course": "course:ethics", "status": CertificateStatus.VALID}, {"team"}),
    ],
)
def test_filters(client, people, certificates, params, expected):
    ids = {"DEPT": people["department"].pk, "TEAM": people["team"].pk}
    params = {k: ids.get(v, v) for k, v in params.items()}
    client.force_login(people["hr"])
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    assert _serials(response) == {certificates[key].serial for key in expected}


def test_sorting_still_works_when_filtered(client, people, certificates):
    client.force_login(people["hr"])
    response = client.get(
        reverse(INDEX), {"course": "course:ethics", "ordering": "holder_name"}
    )
    names = [c.holder_name for c in response.context["object_list"]]
    assert names == sorted(names) and len(names) == 2


def test_the_list_does_a_bounded_number_of_queries(
    client, people, certificates, django_assert_max_num_queries
):
    client.force_login(people["hr"])
    client.get(reverse(INDEX))  # warm the session and permission caches
    for i in range(15):
        _issue(people["member"], course_key=f"course:{i}", title=f"과정 {i}")
    with django_assert_max_num_queries(25):
        response = client.get(reverse(INDEX))
    assert len(response.context["object_list"]) == 19


def test_inspect_shows_the_certificate(client, people, certificates):
    client.force_login(people["hr"])
    cert = certificates["revoked"]
    response = client.get(_url("inspect", cert))
    assert response.status_code == 200
    html = response.content.decode()
    assert cert.serial in html and "착오" in html
    assert reverse("certificates_public:verify", args=[cert.code]) in html


def test_auditor_sees_the_list_but_cannot_revoke_or_reissue(
    client, people, certificates
):
    client.force_login(people["auditor"])
    cert = certificates["top"]
    assert client.get(reverse(INDEX)).status_code == 200
    inspect = client.get(_url("inspect", cert))
    assert inspect.status_code == 200
    for response in (client.get(reverse(INDEX)), inspect):
        html = response.content.decode()
        assert _url("revoke", cert) not in html
        assert _url("reissue", cert) not in html
    for name in ("revoke", "reissue"):
        assert client.get(_url(name, cert)).status_code == 403
        response = client.post(_url(name, cert), {"reason": "감사가 시도"})
        assert response.status_code == 403
    cert.refresh_from_db()
    assert cert.revoked_at is None
    assert Certificate.objects.count() == len(certificates)


def test_hr_sees_the_revoke_and_reissue_buttons(client, people, certificates):
    client.force_login(people["hr"])
    cert = certificates["top"]
    for url in (reverse(INDEX), _url("inspect", cert)):
        html = client.get(url).content.decode()
        assert _url("revoke", cert) in html and _url("reissue", cert) in html
        # Issue 17: the button read "취소", which reads as "Cancel".
        revoke_link = re.search(
            rf'<a[^>]*href="{re.escape(_url("revoke", cert))}"[^>]*>(.*?)</a>',
            html,
            re.S,
        )
        assert "수료증 무효 처리" in re.sub(r"<[^>]+>", " ", revoke_link.group(0))
        page = client.get(_url("revoke", cert)).content.decode()
        assert "수료증 무효 처리" in page  # the confirmation page is kept
    # not for a certificate that is already revoked
    html = client.get(_url("inspect", certificates["revoked"])).content.decode()
    assert _url("revoke", certificates["revoked"]) not in html


@pytest.mark.parametrize("role", ["learner", None])
def test_learners_and_strangers_cannot_open_the_registry(
    client, people, certificates, role
):
    if role:
        client.force_login(people[role])
    for url in (
        reverse(INDEX),
        _url("inspect", certificates["top"]),
        _url("revoke", certificates["top"]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "김과장" not in response.content.decode()


def test_nobody_adds_edits_or_deletes_certificates(
    client, people, certificates, admin_user
):
    cert = certificates["top"]
    base = reverse(INDEX)
    for user in (people["hr"], admin_user):
        client.force_login(user)
        for url in (
            f"{base}new/",
            f"{base}edit/{cert.pk}/",
            f"{base}delete/{cert.pk}/",
        ):
            assert client.get(url).status_code == 404
            assert client.post(url, {}).status_code == 404
        html = client.get(_url("inspect", cert)).content.decode()
        assert f"{base}edit/" not in html and f"{base}delete/" not in html
    assert Certificate.objects.filter(pk=cert.pk).exists()


def test_revoke_needs_a_reason_and_then_revokes(client, people, certificates):
    client.force_login(people["hr"])
    cert = certificates["top"]
    url = _url("revoke", cert)

    assert client.get(url).status_code == 200
    for empty in ("", "   "):
        response = client.post(url, {"reason": empty})
        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == [str(REASON_REQUIRED)]
    cert.refresh_from_db()
    assert cert.revoked_at is None

    response = client.post(url, {"reason": "부정 수료 확인"})
    assert response.status_code == 302
    assert response["Location"] == _url("inspect", cert)
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert cert.revoked_reason == "부정 수료 확인"
    assert cert.revoked_by == people["hr"]
    assert Certificate.objects.count() == len(certificates)

    # A second revoke is refused with the service's message, as a form error.
    response = client.post(url, {"reason": "다시"})
    assert response.status_code == 200


def test_revoking_twice_shows_the_service_error(client, people, certificates):
    from certificates.credentials.services.issuing import ALREADY_REVOKED

    client.force_login(people["hr"])
    cert = certificates["top"]
    url = _url("revoke", cert)
    form_page = client.get(url)  # HR opens the form ...
    assert form_page.status_code == 200
    certificate_revoke(
        certificate=cert, actor=people["hr"], reason="동시에"
    )  # ... meanwhile
    response = client.post(url, {"reason": "또"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(ALREADY_REVOKED)]


def test_reissue_needs_a_reason_and_gives_a_new_serial_and_code(
    client, people, certificates
):
    client.force_login(people["hr"])
    old = certificates["top"]
    url = _url("reissue", old)

    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert Certificate.objects.count() == len(certificates)

    response = client.post(url, {"reason": "성명 오기 정정"})
    assert response.status_code == 302
    old.refresh_from_db()
    new = old.replaced_by
    assert response["Location"] == _url("inspect", new)
    assert old.status == CertificateStatus.REVOKED
    assert old.revoked_reason == "성명 오기 정정"
    assert new.status == CertificateStatus.VALID
    assert new.serial != old.serial and new.code != old.code
    assert new.expires_on == old.expires_on
    assert new.holder == old.holder and new.course_key == old.course_key


def test_xlsx_export_follows_the_filters_and_keeps_text_as_text(
    client, people, certificates
):
    Certificate.objects.filter(pk=certificates["team"].pk).update(
        holder_name='=HYPERLINK("http://x")', course_title="+1+1"
    )
    client.force_login(people["hr"])
    response = client.get(
        reverse(INDEX), {"department": people["department"].pk, "export": "xlsx"}
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(header) == 15
    serials = {row[0] for row in body}
    assert serials == {certificates[key].serial for key in ("top", "team", "revoked")}
    team_row = next(r for r in body if r[0] == certificates["team"].serial)
    assert team_row[2] == '=HYPERLINK("http://x")'
    assert team_row[5] == "+1+1"
    assert team_row[6] == "14-2-1 인공지능 기본 개념"
    assert team_row[7] == 2.5
    cells = {
        cell.value: cell.data_type
        for row in workbook.active.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str)
    }
    assert cells['=HYPERLINK("http://x")'] == "s"
    revoked_row = next(r for r in body if r[0] == certificates["revoked"].serial)
    assert revoked_row[-1] == "착오"
    local = timezone.localtime(certificates["revoked"].revoked_at).replace(
        tzinfo=None, microsecond=0
    )
    assert revoked_row[-2].replace(microsecond=0) == local


def test_csv_export_neutralises_formulas(client, people, certificates):
    Certificate.objects.filter(pk=certificates["team"].pk).update(
        holder_name="@SUM(A1)", course_title="-2+3"
    )
    client.force_login(people["auditor"])
    response = client.get(reverse(INDEX), {"export": "csv", "course": "course:ethics"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3
    team_row = next(r for r in rows if r[0] == certificates["team"].serial)
    assert team_row[2] == "'@SUM(A1)"
    assert team_row[5] == "'-2+3"
    log = ExportLog.objects.get()
    assert (log.roster, log.masked, log.filters) == (
        "certificate-registry",
        False,
        {"course": "course:ethics"},
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+82", "'+82"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("＝1+1", "'＝1+1"),
        ("홍길동", "홍길동"),
        ("", ""),
    ],
)
def test_csv_text_safe(value, expected):
    assert csv_text_safe(value) == expected


def test_the_zip_link_carries_the_current_filters(client, people, certificates):
    client.force_login(people["hr"])
    response = client.get(
        reverse(INDEX),
        {"course": "course:ethics", "status": "valid", "ordering": "serial", "p": "1"},
    )
    html = response.content.decode()
    expected = reverse("certificates_zip") + "?course=course%3Aethics&amp;status=valid"
    assert expected in html
