"""Qualifications: a learner records one with evidence, HR verifies or rejects,
evidence is served to the owner, HR and auditors only."""

import datetime
import io
import os
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from certificates.models import Qualification, QualificationStatus, StaffQualification
from certificates.qualifications.admin import QUALIFICATION_IN_USE
from certificates.qualifications.services.review import (
    ACQUIRED_IN_FUTURE,
    ALREADY_DECIDED,
    OWN_QUALIFICATION,
    QUALIFICATION_DUPLICATE,
    REASON_REQUIRED,
    QualificationError,
    staff_qualification_reject,
    staff_qualification_submit,
    staff_qualification_verify,
)
from certificates.uploads import (
    UPLOAD_NAME_MISMATCH,
    UPLOAD_TYPE_NOT_ALLOWED,
    upload_clean,
)
from lms.models import Department
from lms.services.staff import department_save
from lms.storage import private_storage
from tests.certificates.upload_files import (
    GPS_IFD,
    SVG_WITH_SCRIPT,
    jpeg_with_gps,
    pdf_bytes,
    png_bytes,
    upload,
)
from tests.conftest import with_role

CERT_NUMBER = "ADSP-2026-731945"
MASKED = "AD************45"


# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def learner(make_staff):
    return make_staff(name="홍길동", staff_number="20190001").user


@pytest.fixture
def other_learner(make_staff):
    return make_staff(name="김철수").user


@pytest.fixture
def hr2(make_staff):
    return with_role(make_staff(name="최담당").user, "hr")


@pytest.fixture
def editor(make_staff):
    return with_role(make_staff(name="정편집").user, "editor")


@pytest.fixture
def qualification(db):
    return Qualification.objects.create(
        name="데이터분석 준전문가(ADsP)",
        issuer="한국데이터산업진흥원",
        kind="national_private",
    )


@pytest.fixture
def record(learner, qualification):
    return staff_qualification_submit(
        user=learner,
        qualification=qualification,
        acquired_on=timezone.localdate() - datetime.timedelta(days=10),
        certificate_number=CERT_NUMBER,
        evidence=upload_clean(file=upload(png_bytes(), "합격증.png")),
    )


def _stored_files() -> list[str]:
    root = private_storage().location
    return sorted(
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def _form_data(qualification, **overrides):
    data = {
        "qualification": qualification.pk,
        "acquired_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "certificate_number": CERT_NUMBER,
        "evidence": upload(png_bytes(), "합격증.png", "image/png"),
    }
    data.update(overrides)
    return data


# --- Submitting ---------------------------------------------------------------


def test_learner_records_a_qualification_with_a_clean_photo(
    client, learner, qualification
):
    client.force_login(learner)
    photo = upload(jpeg_with_gps(), "IMG_0001.JPG", "image/jpeg")
    response = client.post(
        reverse("qualification_create"), _form_data(qualification, evidence=photo)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learner_qualifications")
    record = StaffQualification.objects.get(user=learner)
    assert record.status == QualificationStatus.SUBMITTED
    assert record.certificate_number == CERT_NUMBER
    assert record.evidence_content_type == "image/jpeg"
    assert record.evidence.name.startswith("staffqualification/")
    assert record.evidence.name.endswith(".jpg")
    assert "IMG_0001" not in record.evidence.name
    with record.evidence.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert dict(image.getexif()) == {}
    assert not image.getexif().get_ifd(GPS_IFD)


def test_a_pdf_is_stored_with_a_pdf_extension(client, learner, qualification):
    client.force_login(learner)
    evidence = upload(pdf_bytes(2), "합격증.pdf", "application/pdf")
    client.post(
        reverse("qualification_create"), _form_data(qualification, evidence=evidence)
    )
    record = StaffQualification.objects.get(user=learner)
    assert record.evidence.name.endswith(".pdf")
    assert record.evidence_content_type == "application/pdf"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (SVG_WITH_SCRIPT, "certificate.png", UPLOAD_TYPE_NOT_ALLOWED),
        (pdf_bytes(1), "certificate.png", UPLOAD_NAME_MISMATCH),
    ],
)
def test_a_bad_file_gets_a_form_error_and_nothing_is_stored(
    client, learner, qualification, content, name, message
):
    client.force_login(learner)
    before = _stored_files()
    response = client.post(
        reverse("qualification_create"),
        _form_data(qualification, evidence=upload(content, name, "image/png")),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"] == [str(message)]
    assert 'aria-describedby="id_evidence_helptext id_evidence_error"' in (
        response.content.decode()
    )
    assert StaffQualification.objects.count() == 0
    assert _stored_files() == before


def test_date_in_the_future_is_refused(client, learner, qualification):
    client.force_login(learner)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    before = _stored_files()
    response = client.post(
        reverse("qualification_create"), _form_data(qualification, acquired_on=tomorrow)
    )
    assert response.context["form"].errors["acquired_on"] == [str(ACQUIRED_IN_FUTURE)]
    assert StaffQualification.objects.count() == 0
    assert _stored_files() == before


def test_inactive_qualification_cannot_be_chosen(client, learner, qualification):
    qualification.active = False
    qualification.save()
    client.force_login(learner)
    response = client.post(reverse("qualification_create"), _form_data(qualification))
    assert "qualification" in response.context["form"].errors
    assert StaffQualification.objects.count() == 0


def test_duplicate_is_refused_until_rejected(
    client, record, learner, hr, qualification
):
    client.force_login(learner)
    before = _stored_files()
    response = client.post(
        reverse("qualification_create"),
        _form_data(qualification, certificate_number=f" {CERT_NUMBER.lower()} "),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(QUALIFICATION_DUPLICATE)]
    assert StaffQualification.objects.count() == 1
    assert _stored_files() == before

    staff_qualification_reject(staff_qualification=record, reviewer=hr, reason="흐릿함")
    response = client.post(reverse("qualification_create"), _form_data(qualification))
    assert response.status_code == 302
    assert StaffQualification.objects.filter(user=learner).count() == 2


def test_duplicate_of_a_verified_one_is_refused_in_the_service(record, learner, hr):
    staff_qualification_verify(staff_qualification=record, reviewer=hr)
    with pytest.raises(QualificationError) as caught:
        staff_qualification_submit(
            user=learner,
            qualification=record.qualification,
            acquired_on=record.acquired_on,
            certificate_number=CERT_NUMBER,
            evidence=upload(png_bytes(), "scan.png"),
        )
    assert str(caught.value) == str(QUALIFICATION_DUPLICATE)


def test_service_checks_a_raw_file_itself(learner, qualification):
    with pytest.raises(Exception) as caught:
        staff_qualification_submit(
            user=learner,
            qualification=qualification,
            acquired_on=timezone.localdate(),
            certificate_number="X-1",
            evidence=upload(SVG_WITH_SCRIPT, "scan.png"),
        )
    assert getattr(caught.value, "code", None) == "type_not_allowed"
    assert StaffQualification.objects.count() == 0


def test_anonymous_is_sent_to_login(client, qualification):
    for url in (reverse("learner_qualifications"), reverse("qualification_create")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# --- The learner's list -------------------------------------------------------


def test_list_shows_the_masked_number_never_the_full_one(client, record, learner, hr):
    staff_qualification_reject(
        staff_qualification=record, reviewer=hr, reason="번호가 보이지 않습니다"
    )
    client.force_login(learner)
    response = client.get(reverse("learner_qualifications"))
    page = response.content.decode()
    assert response.status_code == 200
    assert MASKED in page
    assert CERT_NUMBER not in page
    assert "번호가 보이지 않습니다" in page
    assert reverse("qualification_evidence", args=[record.pk]) in page
    assert record.evidence.name not in page


def test_list_shows_only_own_records(client, record, other_learner):
    client.force_login(other_learner)
    response = client.get(reverse("learner_qualifications"))
    assert list(response.context["records"]) == []
    assert MASKED not in response.content.decode()


def test_create_form_offers_only_active_qualifications(client, learner, qualification):
    inactive = Qualification.objects.create(
        name="폐지된 자격", issuer="어딘가", kind="private", active=False
    )
    client.force_login(learner)
    response = client.get(reverse("qualification_create"))
    choices = list(response.context["form"].fields["qualification"].queryset)
    assert qualification in choices and inactive not in choices
    assert 'enctype="multipart/form-data"' in response.content.decode()


# --- Evidence access ----------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("other", 404), ("hr", 200), ("auditor", 200), ("editor", 404)],
)
def test_evidence_access(
    client, record, learner, other_learner, hr, auditor, editor, who, status
):
    users = {
        "owner": learner,
        "other": other_learner,
        "hr": hr,
        "auditor": auditor,
        "editor": editor,
    }
    client.force_login(users[who])
    response = client.get(reverse("qualification_evidence", args=[record.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["Cache-Control"] == "private, no-store"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert quote(record.qualification.name[:4]) in disposition
        body = b"".join(response.streaming_content)
        assert Image.open(io.BytesIO(body)).format == "PNG"


def test_evidence_of_a_missing_record_is_404(client, learner):
    client.force_login(learner)
    assert (
        client.get(reverse("qualification_evidence", args=[999999])).status_code == 404
    )


def test_evidence_anonymous_is_sent_to_login(client, record):
    response = client.get(reverse("qualification_evidence", args=[record.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_evidence_file_gone_is_404_not_500(client, record, learner):
    private_storage().delete(record.evidence.name)
    client.force_login(learner)
    response = client.get(reverse("qualification_evidence", args=[record.pk]))
    assert response.status_code == 404


# --- Verify and reject (services) ---------------------------------------------


def test_verify_records_who_and_when(record, hr):
    staff_qualification_verify(staff_qualification=record, reviewer=hr)
    record.refresh_from_db()
    assert record.status == QualificationStatus.VERIFIED
    assert record.reviewed_by == hr
    assert record.reviewed_at is not None


def test_reject_needs_a_reason(record, hr):
    with pytest.raises(QualificationError) as caught:
        staff_qualification_reject(staff_qualification=record, reviewer=hr, reason="  ")
    assert str(caught.value) == str(REASON_REQUIRED)
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED


def test_second_decision_is_refused(record, hr, hr2):
    # Both officers loaded the record while it was awaiting.
    stale = StaffQualification.objects.get(pk=record.pk)
    staff_qualification_verify(staff_qualification=record, reviewer=hr)
    with pytest.raises(QualificationError) as caught:
        staff_qualification_reject(
            staff_qualification=stale, reviewer=hr2, reason="중복"
        )
    assert str(caught.value) == str(ALREADY_DECIDED)
    record.refresh_from_db()
    assert record.status == QualificationStatus.VERIFIED
    assert record.reviewed_by == hr
    assert record.review_reason == ""


def test_auditor_cannot_decide(record, auditor):
    with pytest.raises(PermissionDenied):
        staff_qualification_verify(staff_qualification=record, reviewer=auditor)
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED


def test_officer_cannot_decide_on_own_qualification(hr, qualification):
    own = staff_qualification_submit(
        user=hr,
        qualification=qualification,
        acquired_on=timezone.localdate(),
        certificate_number="SQLD-1234",
        evidence=upload(png_bytes(), "scan.png"),
    )
    with pytest.raises(QualificationError) as caught:
        staff_qualification_verify(staff_qualification=own, reviewer=hr)
    assert str(caught.value) == str(OWN_QUALIFICATION)


# --- Admin: review queue ------------------------------------------------------


def _assert_refused(response) -> None:
    """Wagtail turns PermissionDenied in the admin into a redirect to its home
    page with a message; outside it, a 403."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def _queue(**params) -> str:
    url = reverse("qualification_review:index")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def test_hr_queue_shows_awaiting_with_masked_number(client, record, hr, qualification):
    verified = staff_qualification_submit(
        user=record.user,
        qualification=qualification,
        acquired_on=record.acquired_on,
        certificate_number="OTHER-0001",
        evidence=upload(png_bytes(), "scan.png"),
    )
    staff_qualification_verify(staff_qualification=verified, reviewer=hr)
    client.force_login(hr)
    response = client.get(_queue())
    page = response.content.decode()
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [record.pk]
    assert "홍길동" in page and "20190001" in page and "시험과" in page
    assert MASKED in page and CERT_NUMBER not in page
    assert reverse("qualification_evidence", args=[record.pk]) in page
    every = client.get(_queue(status=""))
    assert {r.pk for r in every.context["page"].object_list} == {record.pk, verified.pk}


def test_queue_filters_by_department_subtree_and_qualification(
    client, record, hr, make_staff, qualification
):
    elsewhere = department_save(
        department=Department(code="T900", name="다른과", kind="division"), parent=None
    )
    team = department_save(
        department=Department(code="T901", name="다른팀", kind="team"), parent=elsewhere
    )
    colleague = make_staff(department=team).user
    other_record = staff_qualification_submit(
        user=colleague,
        qualification=qualification,
        acquired_on=record.acquired_on,
        certificate_number="X-9",
        evidence=upload(png_bytes(), "scan.png"),
    )
    client.force_login(hr)
    response = client.get(_queue(department=elsewhere.pk))
    assert [r.pk for r in response.context["page"].object_list] == [other_record.pk]
    another = Qualification.objects.create(name="SQLD", issuer="KData", kind="private")
    response = client.get(_queue(qualification=another.pk))
    assert list(response.context["page"].object_list) == []


def test_queue_query_count_does_not_grow_with_rows(
    client, hr, make_staff, qualification, django_assert_max_num_queries
):
    for n in range(5):
        staff_qualification_submit(
            user=make_staff().user,
            qualification=qualification,
            acquired_on=timezone.localdate(),
            certificate_number=f"N-{n}",
            evidence=upload(png_bytes((4, 4)), "scan.png"),
        )
    client.force_login(hr)
    client.get(_queue())  # warm up menus and session
    with django_assert_max_num_queries(25) as captured:
        client.get(_queue())
    few = len(captured)
    for n in range(5, 15):
        staff_qualification_submit(
            user=make_staff().user,
            qualification=qualification,
            acquired_on=timezone.localdate(),
            certificate_number=f"N-{n}",
            evidence=upload(png_bytes((4, 4)), "scan.png"),
        )
    with django_assert_max_num_queries(few):
        client.get(_queue())


def test_hr_detail_shows_the_full_number_auditor_the_masked(
    client, record, hr, auditor
):
    url = reverse("qualification_review:detail", args=[record.pk])
    client.force_login(hr)
    page = client.get(url).content.decode()
    assert CERT_NUMBER in page
    assert reverse("qualification_review:verify", args=[record.pk]) in page
    client.force_login(auditor)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert CERT_NUMBER not in page and MASKED in page
    assert reverse("qualification_review:verify", args=[record.pk]) not in page
    assert reverse("qualification_review:reject", args=[record.pk]) not in page
    queue = client.get(_queue())
    assert queue.status_code == 200
    assert [r.pk for r in queue.context["page"].object_list] == [record.pk]
    assert not queue.context["can_decide"]


def test_hr_verifies_in_the_admin(client, record, hr):
    client.force_login(hr)
    response = client.post(reverse("qualification_review:verify", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == QualificationStatus.VERIFIED
    # A second decision through the view changes nothing.
    response = client.post(
        reverse("qualification_review:reject", args=[record.pk]), {"reason": "늦게"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == QualificationStatus.VERIFIED
    assert record.review_reason == ""


def test_hr_rejects_only_with_a_reason(client, record, hr):
    client.force_login(hr)
    url = reverse("qualification_review:reject", args=[record.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["reject_form"].errors
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED
    response = client.post(url, {"reason": "증빙서류의 자격증 번호가 다릅니다"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == QualificationStatus.REJECTED
    assert record.review_reason == "증빙서류의 자격증 번호가 다릅니다"


def test_decisions_are_post_only(client, record, hr):
    client.force_login(hr)
    response = client.get(reverse("qualification_review:verify", args=[record.pk]))
    assert response.status_code == 405
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED


@pytest.mark.parametrize("action", ["verify", "reject"])
def test_auditor_actions_are_refused(client, record, auditor, action):
    client.force_login(auditor)
    response = client.post(
        reverse(f"qualification_review:{action}", args=[record.pk]), {"reason": "x"}
    )
    _assert_refused(response)
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED


def test_learner_and_editor_cannot_open_the_admin_area(client, record, learner, editor):
    urls = [
        _queue(),
        reverse("qualification_review:detail", args=[record.pk]),
        reverse("qualifications:index"),
    ]
    client.force_login(learner)
    for url in urls:
        # No admin access at all: Wagtail sends them to its login page.
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.force_login(editor)
    for url in urls:
        _assert_refused(client.get(url))
    _assert_refused(
        client.post(reverse("qualification_review:verify", args=[record.pk]))
    )
    record.refresh_from_db()
    assert record.status == QualificationStatus.SUBMITTED


# --- Admin: catalogue ---------------------------------------------------------


def test_hr_edits_the_catalogue(client, hr):
    client.force_login(hr)
    assert client.get(reverse("qualifications:index")).status_code == 200
    response = client.post(
        reverse("qualifications:add"),
        {
            "name": "시험용 AI 자격",
            "issuer": "KT·한국경제신문",
            "kind": "private",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Qualification.objects.filter(name="시험용 AI 자격").exists()


def test_auditor_reads_the_catalogue_but_cannot_add(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("qualifications:index")).status_code == 200
    response = client.post(
        reverse("qualifications:add"),
        {"name": "몰래", "issuer": "x", "kind": "private", "active": "on"},
    )
    assert response.status_code in (302, 403)
    assert not Qualification.objects.filter(name="몰래").exists()


def test_deleting_a_referenced_qualification_gives_a_message_not_a_500(
    client, record, hr
):
    hr.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="certificates", codename="delete_qualification"
        )
    )
    client.force_login(hr)
    url = reverse("qualifications:delete", args=[record.qualification.pk])
    for response in (client.get(url, follow=True), client.post(url, follow=True)):
        assert response.status_code == 200
        assert str(QUALIFICATION_IN_USE) in [
            str(m) for m in response.context["messages"]
        ]
    assert Qualification.objects.filter(pk=record.qualification.pk).exists()
