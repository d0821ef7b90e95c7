"""One certificate as a one-page A4 PDF: ``certificate_pdf_render``, the
titles and download filename, and the verification block (the absolute
verify URL, printed and held in the QR code).

The fonts are parsed once per process; each document then embeds only the
glyphs it uses, so a certificate costs a few milliseconds. The QR code
(segno, drawn as vector rectangles: no image, no outside service) holds the
absolute URL of the public verify page.
"""

import io

import segno
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from certificates.credentials.models import Certificate, CertificateKind
from certificates.credentials.pdf.drawing import (
    MARGIN,
    _draw_fields,
    _draw_frame,
    _draw_heading,
    _draw_issuer,
    _draw_qr,
    _draw_revoked,
    _draw_statement,
)
from certificates.credentials.pdf.fonts import FONT_BOLD, FONT_REGULAR, fonts_register
from certificates.credentials.pdf.issuer import Issuer, issuer_current

TITLE_COURSE = "수료증"
TITLE_CURRICULUM = "인공지능 필수 교육과정 수료증"


def verify_url(*, code: str, base_url: str | None = None) -> str:
    """The absolute URL of the public verify page, printed and in the QR."""
    if base_url is None:
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        path = reverse("certificates_public:verify", args=[code])
    except NoReverseMatch:
        path = f"/certificates/verify/{code}/"
    return f"{base_url}{path}"


def verify_qr(url: str) -> segno.QRCode:
    """The QR code of a verify URL (error correction M: survives a fold)."""
    return segno.make_qr(url, error="m")


def certificate_title(certificate: Certificate) -> str:
    if certificate.kind == CertificateKind.CURRICULUM:
        return TITLE_CURRICULUM
    return TITLE_COURSE


def certificate_pdf_filename(certificate: Certificate) -> str:
    return (
        f"{certificate_title(certificate).replace(' ', '_')}-{certificate.serial}.pdf"
    )


def certificate_pdf_render(
    *, certificate: Certificate, issuer: Issuer | None = None
) -> bytes:
    """One A4 portrait page: what the certificate proves, who issued it and
    how to check it. A revoked certificate carries a red 취소됨 mark."""
    fonts_register()
    issuer = issuer or issuer_current()
    buffer = io.BytesIO()
    title = certificate_title(certificate)
    canvas = Canvas(
        buffer, pagesize=A4, pageCompression=1, initialFontName=FONT_REGULAR
    )
    canvas.setTitle(f"{title} {certificate.serial}")
    canvas.setAuthor(issuer.signature)
    canvas.setSubject(certificate.course_title)
    canvas.setCreator(issuer.programme)

    _draw_frame(canvas)
    y = _draw_heading(canvas, certificate=certificate, title=title)
    y = _draw_fields(canvas, certificate=certificate, top=y)
    _draw_statement(canvas, certificate=certificate, issuer=issuer, top=y)
    _draw_issuer(canvas, certificate=certificate, issuer=issuer)
    _draw_verification(canvas, certificate=certificate, issuer=issuer)
    if certificate.revoked_at is not None:
        _draw_revoked(canvas, certificate=certificate)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_verification(
    canvas: Canvas, *, certificate: Certificate, issuer: Issuer
) -> None:
    url = verify_url(code=certificate.code, base_url=issuer.base_url)
    qr = verify_qr(url)
    x, y, size = MARGIN, 52, 84
    _draw_qr(canvas, qr, x=x, y=y, size=size)
    text_x = x + size + 14
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(text_x, y + 66, "진위 확인")
    canvas.setFont(FONT_REGULAR, 8)
    canvas.drawString(
        text_x, y + 52, "QR 코드를 찍거나 아래 주소에서 확인 코드를 입력하면"
    )
    canvas.drawString(text_x, y + 41, "이 수료증이 유효한지 확인할 수 있습니다.")
    canvas.drawString(text_x, y + 26, url)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(text_x, y + 10, f"확인 코드 {certificate.code_display}")
