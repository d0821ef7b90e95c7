"""The canvas drawing of the certificate page: layout constants and colours,
the Korean date and hours text, and one helper per block (frame, heading,
fields, statement, issuer, QR code, revoked mark).
"""

import datetime
from decimal import Decimal

import segno
from django.utils import timezone
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from certificates.credentials.models import Certificate, CertificateKind
from certificates.credentials.pdf.fonts import FONT_BOLD, FONT_REGULAR
from certificates.credentials.pdf.issuer import Issuer

REVOKED_MARK = "취소됨 (revoked)"
NO_EXPIRY = "없음"

PAGE_W, PAGE_H = A4
MARGIN = 56
NAVY = Color(0.11, 0.20, 0.38)
GREY = Color(0.35, 0.35, 0.35)
RED = Color(0.78, 0.08, 0.08)


def date_korean(day: datetime.date | None) -> str:
    """Dates as Korean documents write them: 2026. 9. 16."""
    return f"{day.year}. {day.month}. {day.day}." if day else ""


def hours_korean(hours: Decimal) -> str:
    text = f"{hours.normalize():f}" if hours is not None else "0"
    return f"{text}시간"


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
