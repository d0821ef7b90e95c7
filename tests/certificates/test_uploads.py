"""The upload module: allow-list by content, limits, re-encoding, PDF checks, serving."""

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngImageFile

from certificates import uploads
from certificates.uploads import (
    UPLOAD_TYPE_NOT_ALLOWED,
    CleanUpload,
    PrivateFileField,
    upload_clean,
    uploaded_file,
)
from lms.downloads import (
    content_disposition_attachment,
    download_name_safe,
    private_file_serve,
)
from tests.certificates.upload_files import (
    GPS_IFD,
    HTML_PAGE,
    HTML_PAYLOAD,
    SVG_WITH_SCRIPT,
    encoded,
    jpeg_with_gps,
    noise_image,
    pdf_bytes,
    png_bytes,
    png_declaring,
    upload,
)


def _refused(content: bytes, name: str, **limits) -> str:
    with pytest.raises(ValidationError) as caught:
        upload_clean(file=upload(content, name, "image/png"), **limits)
    return caught.value.code


# --- Allow-list by content ------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SVG_WITH_SCRIPT, "certificate.png"),
        (SVG_WITH_SCRIPT, "certificate.svg"),
        (HTML_PAGE, "certificate.png"),
        (HTML_PAGE, "certificate.html"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "certificate.gif"),
        (b"MZ\x90\x00" + b"\x00" * 60, "certificate.pdf"),
    ],
)
def test_content_outside_the_allow_list_is_refused_whatever_its_name(content, name):
    assert _refused(content, name) == "type_not_allowed"


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (pdf_bytes(1), "certificate.png"),
        (png_bytes(), "certificate.pdf"),
        (png_bytes(), "certificate.jpg"),
        (jpeg_with_gps(), "certificate.png"),
        (png_bytes(), "certificate"),
    ],
)
def test_a_name_that_does_not_match_the_content_is_refused(content, name):
    assert _refused(content, name) == "name_mismatch"


def test_a_kind_left_out_of_allowed_is_refused():
    with pytest.raises(ValidationError) as caught:
        upload_clean(file=upload(pdf_bytes(1), "scan.pdf"), allowed=("jpeg", "png"))
    assert caught.value.code == "type_not_allowed"


def test_an_empty_file_is_refused():
    assert _refused(b"", "scan.png") == "empty"


# --- Size and pixels --------------------------------------------------------


class _HugeUnreadable:
    """Claims a size over the limit and fails if anyone reads it."""

    name = "scan.png"
    size = 50 * 1024 * 1024

    def seek(self, *args):
        raise AssertionError("read before the size was checked")

    def read(self, *args):
        raise AssertionError("read before the size was checked")


def test_size_is_checked_before_reading():
    with pytest.raises(ValidationError) as caught:
        upload_clean(file=_HugeUnreadable())
    assert caught.value.code == "too_large"


def test_size_limit_comes_from_settings(settings):
    settings.LMS_UPLOAD_MAX_BYTES = 1000
    content = encoded(noise_image((40, 40)), "PNG")
    assert len(content) > 1000
    assert _refused(content, "scan.png") == "too_large"
    settings.LMS_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    assert upload_clean(file=upload(content, "scan.png")).content_type == "image/png"


def test_a_file_whose_size_lies_is_cut_at_the_limit():
    content = ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000, name="scan.png")
    content.size = 10  # a lying size attribute
    with pytest.raises(ValidationError) as caught:
        upload_clean(file=content, max_bytes=1000)
    assert caught.value.code == "too_large"


def test_decompression_bomb_is_refused_before_decoding(monkeypatch):
    bomb = png_declaring(20000, 20000)
    assert len(bomb) < 200_000  # small on disk, 400 megapixels when decoded

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("decoded before the pixel check")

    monkeypatch.setattr(PngImageFile, "load", no_decoding)
    assert _refused(bomb, "bomb.png") == "too_many_pixels"


def test_pixel_limit_from_settings_is_checked_before_decoding(settings, monkeypatch):
    # 48 megapixels: under Pillow's own warning (89 MP), over our 40 MP default.
    image = png_declaring(8000, 6000)

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("decoded before the pixel check")

    monkeypatch.setattr(PngImageFile, "load", no_decoding)
    assert _refused(image, "big.png") == "too_many_pixels"
    settings.LMS_UPLOAD_MAX_PIXELS = 100
    assert _refused(png_bytes((20, 20)), "small.png") == "too_many_pixels"


def test_pillow_bomb_warning_is_an_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert _refused(png_bytes((40, 40)), "scan.png", max_pixels=10**9) == (
        "too_many_pixels"
    )


# --- Decoding and re-encoding -------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "scan.png"), ("JPEG", "scan.jpg")])
def test_a_truncated_image_is_refused(fmt, name, monkeypatch):
    # Even if some other code switched Pillow to tolerate truncated files.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = encoded(noise_image(), fmt)
    assert _refused(whole[: len(whole) // 2], name) == "image_damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # switch restored afterwards


def test_gps_and_exif_are_gone_from_the_stored_jpeg():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # sanity
    clean = upload_clean(file=upload(original, "사진.JPG", "image/jpeg"))
    stored = clean.read()
    assert clean.content_type == "image/jpeg"
    assert clean.name == "upload.jpg"
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in stored and b"TestCam" not in stored


def test_exif_orientation_is_applied_before_it_is_dropped():
    clean = upload_clean(file=upload(jpeg_with_gps((60, 40), orientation=6), "a.jpg"))
    assert Image.open(clean).size == (40, 60)


def test_png_stays_png_and_loses_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "홍길동 010-1234-5678")
    original = encoded(Image.new("RGB", (30, 30), "white"), "PNG", pnginfo=info)
    stored = upload_clean(file=upload(original, "scan.png")).read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "PNG" and image.size == (30, 30)
    assert "Comment" not in image.info and b"tEXt" not in stored


def test_png_html_polyglot_is_neutralised():
    polyglot = png_bytes() + HTML_PAYLOAD
    clean = upload_clean(file=upload(polyglot, "scan.png"))
    stored = clean.read()
    assert b"<script" not in stored.lower() and b"<html" not in stored.lower()
    assert Image.open(io.BytesIO(stored)).size == (60, 40)


# --- PDFs -------------------------------------------------------------------


def test_a_valid_pdf_is_stored_as_uploaded_with_its_page_count():
    original = pdf_bytes(3)
    clean = upload_clean(file=upload(original, "합격증.pdf", "application/pdf"))
    assert isinstance(clean, CleanUpload)
    assert clean.page_count == 3
    assert clean.content_type == "application/pdf"
    assert clean.name == "upload.pdf"
    assert clean.read() == original


@pytest.mark.parametrize(
    ("content", "limits", "code"),
    [
        (pdf_bytes(1, password="secret"), {}, "pdf_encrypted"),
        (pdf_bytes(1, password=""), {}, "pdf_encrypted"),
        (pdf_bytes(3), {"max_pdf_pages": 2}, "pdf_pages"),
        (pdf_bytes(0), {}, "pdf_pages"),
        (pdf_bytes(1, js="app.alert('hi');"), {}, "pdf_active_content"),
        (b"%PDF-1.7\n%garbage that is no PDF at all\n", {}, "pdf_damaged"),
        (pdf_bytes(2)[:200], {}, "pdf_damaged"),
    ],
)
def test_bad_pdfs_are_refused(content, limits, code):
    assert _refused(content, "scan.pdf", **limits) == code


def test_page_limit_comes_from_settings(settings):
    settings.LMS_UPLOAD_MAX_PDF_PAGES = 2
    assert _refused(pdf_bytes(3), "scan.pdf") == "pdf_pages"


def test_pdf_launch_action_on_open_is_refused():
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    assert _refused(out.getvalue(), "scan.pdf") == "pdf_active_content"


# --- Form field ---------------------------------------------------------------


def test_form_field_returns_a_clean_upload_and_a_clear_error():
    field = PrivateFileField()
    clean = field.clean(upload(png_bytes(), "scan.png"))
    assert isinstance(clean, CleanUpload)
    with pytest.raises(ValidationError) as caught:
        field.clean(upload(SVG_WITH_SCRIPT, "scan.png", "image/png"))
    assert caught.value.messages == [str(UPLOAD_TYPE_NOT_ALLOWED)]
    assert "image/png" in field.widget.attrs["accept"]


# --- Serving --------------------------------------------------------------


class _FieldFileStandIn:
    def __init__(self, content: bytes):
        self.file = io.BytesIO(content)
        self.name = "staffqualification/ab/random.png"

    def open(self, mode="rb"):
        self.file.seek(0)
        return self

    def read(self, *args):
        return self.file.read(*args)

    def seek(self, *args):
        return self.file.seek(*args)

    def tell(self):
        return self.file.tell()

    def close(self):
        pass


def _serve(rf, **described):
    request = rf.get("/")
    request.user = AnonymousUser()
    return private_file_serve(request, uploaded_file(access=None, **described))


def test_private_file_response_headers(rf):
    response = _serve(
        rf,
        fieldfile=_FieldFileStandIn(png_bytes()),
        download_name="증빙서류 빅데이터분석기사",
        content_type="image/png",
    )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%EC%A6%9D%EB%B9%99" in disposition  # 증빙
    assert disposition.endswith(".png")
    assert b"".join(response.streaming_content) == png_bytes()


def test_unknown_content_type_is_served_as_octet_stream(rf):
    response = _serve(
        rf,
        fieldfile=_FieldFileStandIn(b"x"),
        download_name="a",
        content_type="text/html",
    )
    assert response["Content-Type"] == "application/octet-stream"


def test_content_disposition_strips_quotes_and_keeps_an_ascii_fallback():
    header = content_disposition_attachment('a"b\r\nc.pdf')
    assert "\r" not in header and "\n" not in header
    assert 'filename="' in header
    ascii_part = header.split('filename="', 1)[1].split('"', 1)[0]
    assert ascii_part and '"' not in ascii_part


def test_download_name_cannot_carry_a_path():
    assert "/" not in download_name_safe("../../etc/passwd", extension=".pdf")


def test_pdf_javascript_is_found_in_the_structure_not_only_in_the_bytes(monkeypatch):
    # Names inside compressed object streams never show in a byte scan.
    monkeypatch.setattr(uploads, "_ACTIVE_TOKENS", re.compile(rb"(?!x)x"))
    content = pdf_bytes(1, js="app.alert('hi');")
    assert _refused(content, "scan.pdf") == "pdf_active_content"


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "scan.jpg"), ("PNG", "scan.png")])
def test_comment_and_colour_profile_are_not_carried_over(fmt, name):
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    params = {"icc_profile": icc}
    if fmt == "JPEG":
        params["comment"] = "홍길동 주무관".encode()
    original = encoded(Image.new("RGB", (30, 30), "white"), fmt, **params)
    assert "icc_profile" in Image.open(io.BytesIO(original)).info  # sanity
    stored = upload_clean(file=upload(original, name)).read()
    info = Image.open(io.BytesIO(stored)).info
    assert "icc_profile" not in info and "comment" not in info
