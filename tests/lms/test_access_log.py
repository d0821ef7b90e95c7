"""The access record: every served private file of personal data leaves one
row (who, when, which file, whose); refusals leave none; auditors read it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Qualification
from certificates.qualifications.services.review import staff_qualification_submit
from certificates.uploads import upload_clean
from lms.models import AccessKind, AccessLog
from tests.certificates.credentials.test_pdf import certificate_for
from tests.certificates.support.claim_fixtures import budget, policy, submitted_claim
from tests.certificates.upload_files import png_bytes, upload

pytestmark = pytest.mark.django_db


def _only_entry() -> AccessLog:
    (entry,) = AccessLog.objects.all()
    return entry


def test_certificate_pdf_by_hr_is_recorded_with_whose_it_is(client, holder, hr):
    certificate = certificate_for(holder)
    client.force_login(hr)
    assert (
        client.get(reverse("certificate_pdf", args=[certificate.pk])).status_code == 200
    )
    entry = _only_entry()
    assert (entry.user, entry.subject, entry.own) == (hr, holder, False)
    assert entry.kind == AccessKind.CERTIFICATE_PDF
    assert entry.object_id == str(certificate.pk) and entry.detail == certificate.serial


def test_own_certificate_is_recorded_as_own_and_a_refusal_not_at_all(
    client, holder, make_staff
):
    certificate = certificate_for(holder)
    client.force_login(make_staff().user)
    assert (
        client.get(reverse("certificate_pdf", args=[certificate.pk])).status_code == 404
    )
    assert not AccessLog.objects.exists()
    client.force_login(holder)
    client.get(reverse("certificate_pdf", args=[certificate.pk]))
    entry = _only_entry()
    assert entry.own and entry.subject == holder


def test_receipt_download_is_recorded(client, holder, hr, make_staff):
    policy()
    budget(1_000_000)
    claim = submitted_claim(holder)
    item = claim.items.get()
    url = reverse("learner_claim_receipt", args=[claim.pk, item.pk])
    client.force_login(make_staff().user)
    assert client.get(url).status_code == 404
    assert not AccessLog.objects.exists()
    client.force_login(hr)
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = _only_entry()
    assert (entry.user, entry.subject, entry.kind) == (hr, holder, AccessKind.RECEIPT)
    assert entry.object_id == str(item.pk) and entry.detail == f"#{claim.pk}"


def test_evidence_download_is_recorded(client, holder, auditor):
    qualification = Qualification.objects.create(
        name="SQL 개발자(SQLD)", issuer="한국데이터산업진흥원", kind="national_private"
    )
    record = staff_qualification_submit(
        user=holder,
        qualification=qualification,
        acquired_on=timezone.localdate() - datetime.timedelta(days=3),
        certificate_number="SQLD-1",
        evidence=upload_clean(file=upload(png_bytes(), "합격증.png")),
    )
    client.force_login(auditor)
    response = client.get(reverse("qualification_evidence", args=[record.pk]))
    assert response.status_code == 200
    entry = _only_entry()
    assert (entry.user, entry.subject, entry.kind) == (
        auditor,
        holder,
        AccessKind.EVIDENCE,
    )
    assert entry.detail == qualification.name


def test_certificate_zip_is_recorded_with_count_and_filters(client, holder, hr):
    certificate_for(holder)
    client.force_login(hr)
    year = timezone.localdate().year
    response = client.get("/admin/certificates/zip/", {"year": year})
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = _only_entry()
    assert entry.kind == AccessKind.CERTIFICATES_ZIP and entry.subject is None
    assert entry.detail == f"1건 (year={year})"
    # Nothing to download: nothing recorded.
    assert client.get("/admin/certificates/zip/", {"year": 2001}).status_code == 404
    assert AccessLog.objects.count() == 1


def test_auditor_reads_the_log_and_nobody_edits_it(client, holder, hr, auditor):
    certificate = certificate_for(holder)
    client.force_login(hr)
    client.get(reverse("certificate_pdf", args=[certificate.pk]))
    entry = _only_entry()
    client.force_login(auditor)
    listing = client.get(reverse("access_log:index"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert certificate.serial in page
    # People by name and staff number, not by account name alone.
    assert f"이서연 ({holder.username})" in page and f"정인사 ({hr.username})" in page
    year = timezone.localdate().year
    filtered = client.get(
        reverse("access_log:index"),
        {"created_at_from": f"{year - 1}-01-01", "created_at_to": f"{year - 1}-12-31"},
    )
    assert (
        filtered.status_code == 200
        and certificate.serial not in filtered.content.decode()
    )
    assert client.get(reverse("access_log:inspect", args=[entry.pk])).status_code == 200
    edit = client.get(f"/admin/access_log/edit/{entry.pk}/")
    assert edit.status_code in (302, 403, 404)
    entry.detail = "changed"
    with pytest.raises(RuntimeError):
        entry.save()


def test_a_learner_cannot_read_the_log(client, holder):
    client.force_login(holder)
    response = client.get(reverse("access_log:index"))
    assert response.status_code in (302, 403)
