import datetime
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates.credentials import pdf
from certificates.credentials.pdf import render
from certificates.credentials.services.issuing import (
    certificate_issue_for_completion,
    certificate_issue_for_curriculum,
)
from certificates.models import Certificate, CertificateSettings

TOPICS = [("14-2-1", "인공지능 기본 개념"), ("14-2-2", "생성형 인공지능 활용")]


def certificate_for(user, *, completion_id: int = 1, **overrides) -> Certificate:
    """A course certificate issued the way courses issue it."""
    fields = {
        "completion_id": completion_id,
        "holder": user,
        "course_key": "course:1",
        "course_title": "생성형 AI 행정 활용 기초",
        "topics": TOPICS,
        "recognised_hours": Decimal("2.5"),
        "completed_on": datetime.date(2026, 9, 16),
        "validity_months": 24,
        "cycle_year": 2026,
    }
    fields.update(overrides)
    return certificate_issue_for_completion(**fields)


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


@pytest.fixture
def holder(make_staff):
    return make_staff(name="김하늘").user


@pytest.mark.django_db
def test_pdf_text_holds_name_department_course_topics_and_serial(holder, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://lms.example.go.kr/"
    certificate = certificate_for(holder)

    data = pdf.certificate_pdf_render(certificate=certificate)

    assert data.startswith(b"%PDF-")
    assert len(PdfReader(BytesIO(data)).pages) == 1
    text = pdf_text(data)
    assert "김하늘" in text
    assert certificate.department_name and certificate.department_name in text
    assert "생성형 AI 행정 활용 기초" in text
    assert "14-2-1 인공지능 기본 개념" in text
    assert certificate.serial in text
    assert pdf.TITLE_COURSE in text
    assert "2.5시간" in text
    assert pdf.date_korean(certificate.issued_on) in text
    assert f"{pdf.date_korean(certificate.expires_on)}까지" in text
    assert certificate.code_display in text
    assert "파주시장" in text
    # The printed address is the absolute verify URL, base URL without its slash.
    assert f"https://lms.example.go.kr/certificates/verify/{certificate.code}/" in text
    assert pdf.REVOKED_MARK not in text


@pytest.mark.django_db
def test_the_qr_code_encodes_the_absolute_verify_url(holder, settings, monkeypatch):
    settings.WAGTAILADMIN_BASE_URL = "https://lms.example.go.kr/"
    certificate = certificate_for(holder)
    seen = []
    real = pdf.verify_qr

    def spy(url):
        seen.append(url)
        return real(url)

    # The verification block calls verify_qr from the module that owns it.
    monkeypatch.setattr(render, "verify_qr", spy)
    pdf.certificate_pdf_render(certificate=certificate)

    assert seen == [
        f"https://lms.example.go.kr/certificates/verify/{certificate.code}/"
    ]
    # The QR really holds that text: segno keeps the encoded segments.
    qr = real(seen[0])
    assert qr.designator.endswith("-M")
    assert len(qr.matrix) == qr.symbol_size(border=0)[0]


def test_dates_and_hours_read_as_korean_documents_write_them():
    assert pdf.date_korean(datetime.date(2026, 9, 16)) == "2026. 9. 16."
    assert pdf.date_korean(None) == ""
    assert pdf.hours_korean(Decimal("2.0")) == "2시간"
    assert pdf.hours_korean(Decimal("1.5")) == "1.5시간"
    assert pdf.hours_korean(Decimal("10")) == "10시간"


@pytest.mark.django_db
def test_no_expiry_reads_none_and_revoked_pdf_is_marked(holder):
    certificate = certificate_for(holder, validity_months=None)
    assert certificate.expires_on is None
    text = pdf_text(pdf.certificate_pdf_render(certificate=certificate))
    assert pdf.NO_EXPIRY in text
    assert "까지" not in text

    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    certificate.refresh_from_db()
    text = pdf_text(pdf.certificate_pdf_render(certificate=certificate))
    assert pdf.REVOKED_MARK in text
    assert "김하늘" in text


@pytest.mark.django_db
def test_curriculum_certificate_has_its_own_title(holder):
    certificate = certificate_for_curriculum(holder)
    text = pdf_text(pdf.certificate_pdf_render(certificate=certificate))
    assert pdf.TITLE_CURRICULUM in text
    assert "14-2-2 생성형 인공지능 활용" in text
    assert pdf.certificate_pdf_filename(certificate).endswith(
        f"-{certificate.serial}.pdf"
    )


def certificate_for_curriculum(user) -> Certificate:
    return certificate_issue_for_curriculum(
        holder=user,
        cycle_year=2026,
        topics=TOPICS,
        recognised_hours=Decimal("10"),
        completed_on=datetime.date(2026, 10, 1),
    )


@pytest.mark.django_db
def test_fonts_come_from_the_package_and_are_embedded_as_subsets(holder):
    assert (pdf.FONT_DIR / "NanumGothic.ttf").is_file()
    assert (pdf.FONT_DIR / "OFL.txt").is_file()
    data = pdf.certificate_pdf_render(certificate=certificate_for(holder))
    page = PdfReader(BytesIO(data)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert any("NanumGothic" in name for name in names)
    assert all("Helvetica" not in name for name in names)
    for font in fonts.values():
        descriptor = font.get_object().get("/FontDescriptor")
        if descriptor is not None:
            assert "/FontFile2" in descriptor.get_object()  # embedded, not system
    # A subset, not the 4.7 MB font.
    assert len(data) < 200_000


@pytest.mark.django_db
def test_seal_image_from_settings_is_printed(holder):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from lms.services.pages import home_page_ensure

    home_page_ensure()
    site = Site.objects.get(is_default_site=True)
    seal = get_image_model().objects.create(title="직인", file=get_test_image_file())
    certificate_settings = CertificateSettings.for_site(site)
    certificate_settings.seal_image = seal
    certificate_settings.save()

    issuer = pdf.issuer_current()
    assert issuer.seal is not None
    data = pdf.certificate_pdf_render(
        certificate=certificate_for(holder), issuer=issuer
    )
    page = PdfReader(BytesIO(data)).pages[0]
    assert len(page.images) == 1
