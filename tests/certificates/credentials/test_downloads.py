import datetime
import io
import zipfile
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.credentials.admin.downloads import NOTHING_MATCHES
from certificates.credentials.models import CertificateStatus
from certificates.credentials.pdf import _ChunkSink, certificate_zip_iter
from certificates.models import Certificate
from courses.models import Completion
from courses.services.learning import (
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.certificates.credentials.test_pdf import certificate_for, pdf_text
from tests.conftest import with_role
from tests.factories import lessons_of, make_course, quiz_of, right_answers


def _pdf_url(certificate) -> str:
    return reverse("certificate_pdf", args=[certificate.pk])


# --- The PDF download: who gets what ------------------------------------------------
@pytest.mark.django_db
def test_completing_a_course_gives_the_holder_a_pdf_with_safe_headers(client, holder):
    course = make_course(slug="pdf-course", validity=12)
    for lesson in lessons_of(course):
        lesson_complete(user=holder, lesson=lesson)
    attempt = quiz_attempt_start(user=holder, quiz=quiz_of(course))
    quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz_of(course)))
    assert Completion.objects.filter(user=holder).exists()
    certificate = Certificate.objects.get(holder=holder)

    client.force_login(holder)
    response = client.get(_pdf_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    korean_name = f"수료증-{certificate.serial}.pdf"
    assert f"filename*=UTF-8''{quote(korean_name)}" in disposition
    assert f'filename="{certificate.serial}.pdf"' in disposition  # ASCII fallback
    text = pdf_text(response.content)
    assert "이서연" in text
    assert course.title in text
    assert certificate.serial in text


@pytest.mark.django_db
def test_another_learner_gets_404_not_403(client, holder, other):
    certificate = certificate_for(holder)
    client.force_login(other)
    assert client.get(_pdf_url(certificate)).status_code == 404
    # A number that does not exist looks the same.
    assert client.get(reverse("certificate_pdf", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr", "auditor"])
def test_hr_and_auditor_download_anyones_pdf(client, holder, make_staff, role):
    certificate = certificate_for(holder)
    client.force_login(with_role(make_staff().user, role))
    response = client.get(_pdf_url(certificate))
    assert response.status_code == 200
    assert certificate.serial in pdf_text(response.content)


@pytest.mark.django_db
def test_head_of_department_without_the_permission_gets_404(client, holder, make_staff):
    certificate = certificate_for(holder)
    client.force_login(with_role(make_staff().user, "head"))
    assert client.get(_pdf_url(certificate)).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, holder):
    certificate = certificate_for(holder)
    response = client.get(_pdf_url(certificate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- /learn/certificates/ ---------------------------------------------------------
@pytest.mark.django_db
def test_list_shows_own_certificates_only_with_their_status(client, holder, other):
    today = timezone.localdate()
    valid = certificate_for(holder, completion_id=1)
    expiring = certificate_for(holder, completion_id=2, course_title="곧 만료 과정")
    expired = certificate_for(holder, completion_id=3, course_title="만료 과정")
    revoked = certificate_for(holder, completion_id=4, course_title="취소 과정")
    theirs = certificate_for(other, completion_id=5, course_title="다른 사람 과정")
    Certificate.objects.filter(pk=expiring.pk).update(
        expires_on=today + datetime.timedelta(days=10)
    )
    Certificate.objects.filter(pk=expired.pk).update(
        expires_on=today - datetime.timedelta(days=1)
    )
    Certificate.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())

    client.force_login(holder)
    response = client.get(reverse("learner_certificates"))

    assert response.status_code == 200
    rows = {row["certificate"].serial: row for row in response.context["rows"]}
    assert rows.keys() == {
        valid.serial,
        expiring.serial,
        expired.serial,
        revoked.serial,
    }
    assert {serial: row["status"] for serial, row in rows.items()} == {
        valid.serial: CertificateStatus.VALID,
        expiring.serial: CertificateStatus.EXPIRING,
        expired.serial: CertificateStatus.EXPIRED,
        revoked.serial: CertificateStatus.REVOKED,
    }
    html = response.content.decode()
    assert theirs.serial not in html and "다른 사람 과정" not in html
    for certificate, status in (
        (valid, CertificateStatus.VALID),
        (expiring, CertificateStatus.EXPIRING),
        (expired, CertificateStatus.EXPIRED),
        (revoked, CertificateStatus.REVOKED),
    ):
        assert f'data-serial="{certificate.serial}" data-status="{status}"' in html
        # The status is written out, not only coloured.
        assert str(CertificateStatus(status).label) in html
        assert _pdf_url(certificate) in html
        assert reverse("certificates_public:verify", args=[certificate.code]) in html
    assert "<caption>" in html and 'scope="col"' in html


# --- /learn/ dashboard --------------------------------------------------------------
def _dashboard_queries(client) -> tuple[int, str]:
    client.get("/learn/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/learn/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_dashboard_lists_certificates_with_a_constant_number_of_queries(client, holder):
    client.force_login(holder)
    first = certificate_for(holder, completion_id=1)
    one, html = _dashboard_queries(client)
    assert f'data-serial="{first.serial}" data-status="valid"' in html
    assert reverse("learner_certificates") in html

    Certificate.objects.filter(pk=first.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    more = [certificate_for(holder, completion_id=n) for n in range(2, 11)]
    ten, html = _dashboard_queries(client)

    assert ten == one
    assert f'data-serial="{first.serial}" data-status="expiring"' in html
    assert all(c.serial in html for c in more)


# --- ZIP for HR ---------------------------------------------------------------------
ZIP_URL = "/admin/certificates/zip/"


def _zip_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_zip_for_hr_holds_one_pdf_per_matching_certificate(client, hr, holder, other):
    a = certificate_for(holder, completion_id=1, course_key="course:7")
    b = certificate_for(other, completion_id=2, course_key="course:7")
    certificate_for(holder, completion_id=3, course_key="course:8")
    revoked = certificate_for(other, completion_id=4, course_key="course:7")
    Certificate.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    client.force_login(hr)

    response = client.get(ZIP_URL, {"course": "course:7", "status": "valid"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(_zip_bytes(response)))
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == sorted(
        [f"{a.serial}_이서연.pdf", f"{b.serial}_박민준.pdf"]
    )
    text = pdf_text(archive.read(f"{a.serial}_이서연.pdf"))
    assert a.serial in text and "이서연" in text


@pytest.mark.django_db
def test_zip_filters_by_department_year_and_kind(client, hr, holder, make_staff):
    from lms.models import Department
    from lms.services.staff import department_save

    elsewhere = department_save(
        department=Department(code="T200", name="다른과", kind="division"), parent=None
    )
    outsider = make_staff(name="최다른", department=elsewhere).user
    mine = certificate_for(holder, completion_id=1)
    certificate_for(outsider, completion_id=2)
    client.force_login(hr)
    department = Certificate.objects.get(pk=mine.pk).holder.staff_profile.department

    response = client.get(
        ZIP_URL, {"department": department.pk, "year": 2026, "kind": "course"}
    )

    names = zipfile.ZipFile(io.BytesIO(_zip_bytes(response))).namelist()
    assert names == [f"{mine.serial}_이서연.pdf"]


@pytest.mark.django_db
def test_zip_with_nothing_matching_says_so_instead_of_an_empty_zip(client, hr, holder):
    certificate_for(holder)
    client.force_login(hr)
    response = client.get(ZIP_URL, {"course": "no-such-course"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert str(NOTHING_MATCHES) in response.content.decode()

    assert client.get(ZIP_URL, {"year": "soon"}).status_code == 400


@pytest.mark.django_db
def test_a_learner_gets_no_zip(client, holder):
    certificate_for(holder)
    client.force_login(holder)
    response = client.get(ZIP_URL)
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/zip"


@pytest.mark.django_db
def test_admin_user_without_the_permission_is_refused_as_wagtail_does(
    client, holder, make_staff
):
    certificate_for(holder)
    editor = with_role(make_staff().user, "editor")
    client.force_login(editor)
    response = client.get(ZIP_URL)
    # Wagtail turns PermissionDenied in the admin into a redirect to its home.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_zip_is_written_to_a_non_seekable_stream_one_pdf_at_a_time(holder):
    for n in range(1, 4):
        certificate_for(holder, completion_id=n)
    sink = _ChunkSink()
    assert not sink.seekable()

    chunks = list(
        certificate_zip_iter(certificates=Certificate.objects.all(), chunk_size=2)
    )

    # One chunk per PDF, then the central directory; no chunk holds two PDFs.
    assert len(chunks) == 4
    assert all(chunk.count(b"%PDF-") == 1 for chunk in chunks[:3])
    assert b"%PDF-" not in chunks[3]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert len(archive.namelist()) == 3
    assert archive.testzip() is None
