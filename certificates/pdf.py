"""The certificate (수료증) as a one-page A4 PDF, in Korean.

ReportLab with the NanumGothic TTF shipped in ``certificates/fonts/`` (the
site runs on a closed network with no system font). The fonts are parsed
once per process; each document then embeds only the glyphs it uses, read
straight from the parsed glyph table, so a certificate costs a few
milliseconds instead of a re-parse of the 4.7 MB font. The QR code (segno,
drawn as vector rectangles: no image, no outside service) holds the absolute
URL of the public verify page.
"""

import datetime
import io
import logging
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from certificates.models import Certificate, CertificateKind, CertificateSettings

log = logging.getLogger(__name__)

# Flate only: ASCII85 on top makes every stream a quarter bigger, for nothing.
rl_config.useA85 = 0

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = "NanumGothic"
FONT_BOLD = "NanumGothicBold"

TITLE_COURSE = "수료증"
TITLE_CURRICULUM = "인공지능 필수 교육과정 수료증"
REVOKED_MARK = "취소됨 (revoked)"
NO_EXPIRY = "없음"

PAGE_W, PAGE_H = A4
MARGIN = 56
NAVY = Color(0.11, 0.20, 0.38)
GREY = Color(0.35, 0.35, 0.35)
RED = Color(0.78, 0.08, 0.08)

_fonts_lock = threading.Lock()


@cache
def fonts_register() -> None:
    """Parse and register the Korean fonts, once per process."""
    with _fonts_lock:
        for name, file in (
            (FONT_REGULAR, "NanumGothic.ttf"),
            (FONT_BOLD, "NanumGothicBold.ttf"),
        ):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


@dataclass(frozen=True)
class Issuer:
    """What the settings say about who issues certificates. Read once per
    document or once per batch (the HR ZIP)."""

    city: str
    programme: str
    ordinance: str
    issuer_name: str
    issuing_office: str
    seal: ImageReader | None
    base_url: str

    @property
    def signature(self) -> str:
        """'파주시장' stays as it is; a bare title gets the city in front."""
        if self.city and not self.issuer_name.startswith(self.city):
            return f"{self.city} {self.issuer_name}".strip()
        return self.issuer_name


def issuer_current() -> Issuer:
    from wagtail.models import Site

    from lms.models import LmsSettings

    certificate_settings = CertificateSettings.current()
    site = Site.objects.filter(is_default_site=True).first()
    lms = LmsSettings.for_site(site) if site is not None else LmsSettings()
    return Issuer(
        city=lms.city_name,
        programme=lms.programme_name,
        ordinance=lms.ordinance_name,
        issuer_name=certificate_settings.issuer_name,
        issuing_office=certificate_settings.issuing_office,
        seal=_seal_image(certificate_settings),
        base_url=settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    )


def _seal_image(certificate_settings: CertificateSettings) -> ImageReader | None:
    image = certificate_settings.seal_image
    if image is None:
        return None
    try:
        with image.file.open("rb") as f:
            return ImageReader(io.BytesIO(f.read()))
    except (OSError, ValueError):
        # A missing seal file must not stop certificates being issued.
        log.warning("Certificate seal image %s could not be read", image.pk)
        return None


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


def date_korean(day: datetime.date | None) -> str:
    """Dates as Korean documents write them: 2026. 9. 16."""
    return f"{day.year}. {day.month}. {day.day}." if day else ""


def hours_korean(hours: Decimal) -> str:
    text = f"{hours.normalize():f}" if hours is not None else "0"
    return f"{text}시간"


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


def _draw_frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(2.2)
    canvas.rect(28, 28, PAGE_W - 56, PAGE_H - 56)
    canvas.setLineWidth(0.6)
    canvas.rect(34, 34, PAGE_W - 68, PAGE_H - 68)


def _draw_heading(canvas: Canvas, *, certificate: Certificate, title: str) -> float:
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_REGULAR, 10)
    canvas.drawString(MARGIN, PAGE_H - 62, f"제 {certificate.serial} 호")
    canvas.setFillColor(NAVY)
    size = 40 if len(title) < 6 else 26
    canvas.setFont(FONT_BOLD, size)
    # Spaced out like a printed 수료증, but kept as one string for text search.
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 138, title, charSpace=size * 0.3)
    canvas.setFillColor(black)
    return PAGE_H - 215


def _field_rows(certificate: Certificate) -> list[tuple[str, str]]:
    expires = certificate.expires_on
    return [
        ("성명", certificate.holder_name),
        ("소속", certificate.department_name or "-"),
        ("교육과정", certificate.course_title),
        (
            "교육 주제",
            "\n".join(f"{code} {name}" for code, name in certificate.topics) or "-",
        ),
        ("인정 시간", hours_korean(certificate.recognised_hours)),
        ("수료일", date_korean(certificate.completed_on)),
        ("발급일", date_korean(certificate.issued_on)),
        ("유효기간", f"{date_korean(expires)}까지" if expires else NO_EXPIRY),
        ("발급번호", certificate.serial),
    ]


def _draw_fields(canvas: Canvas, *, certificate: Certificate, top: float) -> float:
    label_x, value_x = MARGIN + 30, MARGIN + 120
    width = PAGE_W - value_x - MARGIN - 20
    y = top
    for label, value in _field_rows(certificate):
        canvas.setFont(FONT_BOLD, 12)
        canvas.setFillColor(NAVY)
        canvas.drawString(label_x, y, label)
        canvas.setFillColor(black)
        size = 15 if label == "성명" else 12
        canvas.setFont(FONT_REGULAR, size)
        for line in _wrap(value, FONT_REGULAR, size, width):
            canvas.drawString(value_x, y, line)
            y -= size + 6
        y -= 8
    return y


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break at spaces, or inside a word when one word is wider than the line
    (Korean titles may have long words)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
                cut = len(line) - 1
                while (
                    cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width
                ):
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _draw_statement(
    canvas: Canvas, *, certificate: Certificate, issuer: Issuer, top: float
) -> None:
    if certificate.kind == CertificateKind.CURRICULUM:
        sentence = (
            f"위 사람은 「{issuer.ordinance}」 제14조제2항에 따른 인공지능 필수 교육 "
            "5개 주제를 모두 이수하였으므로 이 증서를 수여합니다."
        )
    else:
        sentence = (
            f"위 사람은 {issuer.programme}의 위 교육과정을 "
            "수료하였으므로 이 증서를 수여합니다."
        )
    canvas.setFont(FONT_REGULAR, 13)
    y = min(top - 10, 330)
    for line in _wrap(sentence, FONT_REGULAR, 13, PAGE_W - 2 * MARGIN - 40):
        canvas.drawCentredString(PAGE_W / 2, y, line)
        y -= 20
    canvas.drawCentredString(PAGE_W / 2, y - 12, date_korean(certificate.issued_on))


def _draw_issuer(canvas: Canvas, *, certificate: Certificate, issuer: Issuer) -> None:
    y = 215
    canvas.setFont(FONT_BOLD, 22)
    canvas.drawCentredString(PAGE_W / 2, y, issuer.signature)
    if issuer.seal is not None:
        half = pdfmetrics.stringWidth(issuer.signature, FONT_BOLD, 22) / 2
        canvas.drawImage(
            issuer.seal,
            PAGE_W / 2 + half + 6,
            y - 22,
            60,
            60,
            mask="auto",
            preserveAspectRatio=True,
        )
    if issuer.issuing_office:
        canvas.setFont(FONT_REGULAR, 10)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(
            PAGE_W / 2, y - 22, f"발급기관: {issuer.issuing_office}"
        )
        canvas.setFillColor(black)


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


def _draw_qr(
    canvas: Canvas, qr: segno.QRCode, *, x: float, y: float, size: float
) -> None:
    """Dark modules as one path of horizontal runs (a few hundred rectangles)."""
    matrix = qr.matrix
    module = size / len(matrix)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        start = None
        for col, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col - start) * module, module)
                start = None
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_revoked(canvas: Canvas, *, certificate: Certificate) -> None:
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(2)
    canvas.rect(MARGIN, PAGE_H - 186, PAGE_W - 2 * MARGIN, 30)
    canvas.setFont(FONT_BOLD, 14)
    when = timezone.localtime(certificate.revoked_at).date()
    canvas.drawCentredString(
        PAGE_W / 2,
        PAGE_H - 176,
        f"{REVOKED_MARK} · {date_korean(when)} 취소된 수료증입니다",
    )
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(35)
    canvas.setFillAlpha(0.18)
    canvas.setFont(FONT_BOLD, 72)
    canvas.drawCentredString(0, 0, REVOKED_MARK)
    canvas.restoreState()


# --- Many certificates in one ZIP (HR) -------------------------------------------
class _ChunkSink(io.RawIOBase):
    """A write-only, non-seekable file: zipfile then writes each member with a
    data descriptor, and what it wrote is handed on and forgotten."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def zip_member_name(certificate: Certificate) -> str:
    name = "".join(ch for ch in certificate.holder_name if ch.isalnum())
    return f"{certificate.serial}_{name}.pdf" if name else f"{certificate.serial}.pdf"


def certificate_zip_iter(
    *, certificates: QuerySet[Certificate], chunk_size: int = 200
) -> Iterator[bytes]:
    """The PDFs of ``certificates`` as a ZIP, one chunk per PDF. Memory stays at
    one PDF and one chunk of rows, whatever the number of certificates. PDFs
    are compressed already, so members are stored, not deflated again."""
    issuer = issuer_current()
    sink = _ChunkSink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.iterator(chunk_size=chunk_size):
            data = certificate_pdf_render(certificate=certificate, issuer=issuer)
            info = zipfile.ZipInfo(
                zip_member_name(certificate), date_time=_zip_time(certificate)
            )
            archive.writestr(info, data)
            yield sink.take()
    yield sink.take()  # the central directory


def _zip_time(certificate: Certificate) -> tuple[int, int, int, int, int, int]:
    day = certificate.issued_on
    return (day.year, day.month, day.day, 0, 0, 0)
