"""The certificate (수료증) as a one-page A4 PDF, in Korean, and many of them
as one streamed ZIP.

ReportLab with the NanumGothic TTF shipped in ``certificates/credentials/fonts/``
(``fonts``), the issuer from the site settings (``issuer``), the canvas
drawing (``drawing``), one certificate's PDF with its verify URL and QR code
(``render``) and the HR ZIP (``archive``). This package re-exports the names
other code imports from ``certificates.credentials.pdf``.
"""

from certificates.credentials.pdf.archive import (
    _ChunkSink,
    certificate_zip_iter,
    zip_member_name,
)
from certificates.credentials.pdf.drawing import (
    NO_EXPIRY,
    REVOKED_MARK,
    date_korean,
    hours_korean,
)
from certificates.credentials.pdf.fonts import (
    FONT_BOLD,
    FONT_DIR,
    FONT_REGULAR,
    fonts_register,
)
from certificates.credentials.pdf.issuer import Issuer, issuer_current
from certificates.credentials.pdf.render import (
    TITLE_COURSE,
    TITLE_CURRICULUM,
    certificate_pdf_filename,
    certificate_pdf_render,
    certificate_title,
    verify_qr,
    verify_url,
)

__all__ = [
    "FONT_BOLD",
    "FONT_DIR",
    "FONT_REGULAR",
    "NO_EXPIRY",
    "REVOKED_MARK",
    "TITLE_COURSE",
    "TITLE_CURRICULUM",
    "Issuer",
    "_ChunkSink",
    "certificate_pdf_filename",
    "certificate_pdf_render",
    "certificate_title",
    "certificate_zip_iter",
    "date_korean",
    "fonts_register",
    "hours_korean",
    "issuer_current",
    "verify_qr",
    "verify_url",
    "zip_member_name",
]
