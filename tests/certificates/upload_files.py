"""Test files made in code: images, PDFs and the hazards the upload module refuses."""

import io
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

GPS_IFD = 0x8825
EXIF_ORIENTATION = 0x0112
EXIF_MAKE = 0x010F


def png_bytes(size=(60, 40), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def noise_image(size=(200, 200)) -> Image.Image:
    # Deterministic noise that does not compress, so truncation hits pixel data.
    data = random.Random(2026).randbytes(size[0] * size[1] * 3)
    return Image.frombytes("RGB", size, data)


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def jpeg_with_gps(size=(60, 40), orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[EXIF_MAKE] = "TestCam"
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (37.0, 45.0, 36.0)  # 파주시청 근처
    gps[3] = "E"
    gps[4] = (126.0, 46.0, 48.0)
    return encoded(Image.new("RGB", size, (30, 120, 200)), "JPEG", exif=exif)


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_declaring(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG of any size, built row by row so that even
    20000×20000 (400 megapixels) costs a few kilobytes and no memory."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def pdf_bytes(
    pages: int = 1, *, password: str | None = None, js: str | None = None
) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if js:
        writer.add_open_action(JavaScript(js))
    if password is not None:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
    b'height="10"><script>alert(document.cookie)</script></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
HTML_PAYLOAD = b"<html><body><script>fetch('/admin/')</script></body></html>"


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
