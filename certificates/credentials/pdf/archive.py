"""Many certificates in one ZIP (HR): the PDFs streamed one member at a time
through a write-only sink, with their member names and dates.
"""

import io
import zipfile
from collections.abc import Iterator

from django.db.models import QuerySet

from certificates.credentials.models import Certificate
from certificates.credentials.pdf.issuer import issuer_current
from certificates.credentials.pdf.render import certificate_pdf_render


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
