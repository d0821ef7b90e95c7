"""The one upload module for private files (qualification evidence, receipts).

Public surface:

- ``upload_clean(*, file, allowed=..., max_bytes=..., max_pixels=..., max_pdf_pages=...)``
  checks an uploaded file by its content and returns a ``CleanUpload`` ready to
  save in a ``FileField``; it raises ``ValidationError`` with one of the
  ``UPLOAD_*`` messages below.
- ``PrivateFileField``: a form field that runs ``upload_clean``.
- ``uploaded_file(*, fieldfile, download_name, content_type, access, ...)``:
  describes a stored upload for ``lms.downloads.private_download``, the only
  way a private file leaves the server.

Settings (all optional): ``LMS_UPLOAD_MAX_BYTES`` (10 MB),
``LMS_UPLOAD_MAX_PIXELS`` (40 megapixels), ``LMS_UPLOAD_MAX_PDF_PAGES`` (50).

What is checked: the type comes from the file's first bytes, never from its
name or the browser (JPEG, PNG, PDF; an SVG or HTML file is refused, and a file
whose name claims another type is refused too); size before reading it; image
size in pixels from the header before decoding; images are decoded in full
(truncated files fail) and re-encoded, so EXIF, GPS, comments, colour profiles
and anything appended after the image data are gone; PDFs must parse, have no
password, 1 to N pages and no JavaScript or launch actions. PDFs are stored as
uploaded (not rewritten).
"""

from __future__ import annotations

import io
import re
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

from certificates.app_settings import app_settings
from lms.downloads import PrivateFile, download_name_safe

UPLOAD_EMPTY = _("The file is empty. Please choose the file again.")
UPLOAD_TOO_LARGE = _(
    "The file is too large. Files may be at most %(limit)s MB; please scan at a "
    "lower resolution or split the document."
)
UPLOAD_TYPE_NOT_ALLOWED = _(
    "This kind of file cannot be accepted. Please upload a JPEG or PNG image or a "
    "PDF document."
)
UPLOAD_NAME_MISMATCH = _(
    "The file name does not match its content (for example a PDF named .png). "
    "Please upload the original file with its own extension."
)
UPLOAD_TOO_MANY_PIXELS = _(
    "The image is too large in pixels. Please resize it or scan at a lower resolution."
)
UPLOAD_IMAGE_DAMAGED = _(
    "The image is damaged or incomplete and cannot be read. Please save or scan it "
    "again."
)
UPLOAD_PDF_DAMAGED = _(
    "The PDF is damaged and cannot be read. Please save or scan it again."
)
UPLOAD_PDF_ENCRYPTED = _(
    "The PDF is protected with a password or encryption. Please upload a copy "
    "without protection."
)
UPLOAD_PDF_PAGES = _("The PDF must have between 1 and %(limit)s pages.")
UPLOAD_PDF_ACTIVE_CONTENT = _(
    "The PDF contains scripts or actions that start programs. Please print it to a "
    "new PDF or scan it, and upload that copy."
)


@dataclass(frozen=True)
class FileKind:
    key: str
    content_type: str
    extension: str
    # Extensions a user's file name may carry for this content.
    name_extensions: tuple[str, ...]
    magic: bytes


KINDS: dict[str, FileKind] = {
    k.key: k
    for k in (
        FileKind(
            "jpeg",
            "image/jpeg",
            ".jpg",
            (".jpg", ".jpeg", ".jpe", ".jfif"),
            b"\xff\xd8\xff",
        ),
        FileKind("png", "image/png", ".png", (".png",), b"\x89PNG\r\n\x1a\n"),
        FileKind("pdf", "application/pdf", ".pdf", (".pdf",), b"%PDF-"),
    )
}
CONTENT_TYPES = frozenset(k.content_type for k in KINDS.values())
_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG"}


class CleanUpload(ContentFile):
    """Checked bytes with a safe name (``upload.<ext>`` from the content, so the
    model's random ``upload_to`` keeps the right extension) and content type."""

    def __init__(
        self, content: bytes, *, kind: FileKind, page_count: int | None = None
    ):
        super().__init__(content, name=f"upload{kind.extension}")
        self.kind = kind
        self.content_type = kind.content_type
        self.page_count = page_count


def upload_limits() -> tuple[int, int, int]:
    """(max bytes, max pixels, max PDF pages) from settings."""
    return (
        app_settings.UPLOAD_MAX_BYTES,
        app_settings.UPLOAD_MAX_PIXELS,
        app_settings.UPLOAD_MAX_PDF_PAGES,
    )


def upload_clean(
    *,
    file: File,
    allowed: tuple[str, ...] = ("jpeg", "png", "pdf"),
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    max_pdf_pages: int | None = None,
) -> CleanUpload:
    """Check an uploaded file by its content; return a re-encoded image or the
    checked PDF. Raises ``ValidationError`` (code = the failure) on any doubt."""
    default_bytes, default_pixels, default_pages = upload_limits()
    max_bytes = max_bytes or default_bytes
    data = _read_bounded(file, max_bytes=max_bytes)
    kind = _kind_from_content(data, allowed=allowed)
    _check_name(getattr(file, "name", "") or "", kind)
    if kind.key == "pdf":
        pages = _pdf_check(data, max_pages=max_pdf_pages or default_pages)
        return CleanUpload(data, kind=kind, page_count=pages)
    return CleanUpload(
        _image_reencode(data, kind=kind, max_pixels=max_pixels or default_pixels),
        kind=kind,
    )


def _read_bounded(file: File, *, max_bytes: int) -> bytes:
    too_large = ValidationError(
        UPLOAD_TOO_LARGE,
        code="too_large",
        params={"limit": f"{max_bytes / (1024 * 1024):g}"},
    )
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise too_large
    if hasattr(file, "seek"):
        file.seek(0)
    # Read one byte more than allowed: a lying ``size`` cannot get more in.
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large
    if not data:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    return data


def _kind_from_content(data: bytes, *, allowed: tuple[str, ...]) -> FileKind:
    for key in allowed:
        kind = KINDS[key]
        if data.startswith(kind.magic):
            return kind
    raise ValidationError(UPLOAD_TYPE_NOT_ALLOWED, code="type_not_allowed")


def _check_name(name: str, kind: FileKind) -> None:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    extension = "." + base.rsplit(".", 1)[1] if "." in base else ""
    if extension not in kind.name_extensions:
        raise ValidationError(UPLOAD_NAME_MISMATCH, code="name_mismatch")


# --- Images -----------------------------------------------------------------

_PIL_SWITCH = threading.Lock()


@contextmanager
def _strict_pillow():
    """Truncated files fail and decompression bombs are errors, whatever
    another part of the process set Pillow's process-wide switch to."""
    with _PIL_SWITCH, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _image_reencode(data: bytes, *, kind: FileKind, max_pixels: int) -> bytes:
    too_many = ValidationError(UPLOAD_TOO_MANY_PIXELS, code="too_many_pixels")
    damaged = ValidationError(UPLOAD_IMAGE_DAMAGED, code="image_damaged")
    pil_format = _PIL_FORMATS[kind.key]
    with _strict_pillow():
        try:
            _image_verify(data, pil_format=pil_format, max_pixels=max_pixels)
            with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
                image.load()
                fresh = _image_fresh(image, pil_format=pil_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except ValidationError:
            raise
        except Exception:  # Pillow raises many kinds on broken input.
            raise damaged from None
        out = io.BytesIO()
        if pil_format == "JPEG":
            fresh.save(out, format="JPEG", quality=90, optimize=True)
        else:
            fresh.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _image_verify(data: bytes, *, pil_format: str, max_pixels: int) -> None:
    # Image.open reads only the header: check the pixel count before any
    # decoding, then let Pillow walk the chunks (CRCs, IEND for PNG).
    with Image.open(io.BytesIO(data), formats=[pil_format]) as header:
        width, height = header.size
        if width <= 0 or height <= 0:
            raise ValidationError(UPLOAD_IMAGE_DAMAGED, code="image_damaged")
        if width * height > max_pixels:
            raise ValidationError(UPLOAD_TOO_MANY_PIXELS, code="too_many_pixels")
        if getattr(header, "n_frames", 1) > 1:
            # Animated PNG: keep only what a reviewer would see, the first frame.
            header.seek(0)
        header.verify()


def _image_fresh(image: Image.Image, *, pil_format: str) -> Image.Image:
    """A new image with the pixels only: upright, no metadata of the upload."""
    upright = ImageOps.exif_transpose(image)
    if pil_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    elif pil_format == "PNG" and upright.mode == "P":
        upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
    elif upright.mode not in ("1", "L", "LA", "RGB", "RGBA", "I;16", "CMYK"):
        upright = upright.convert("RGBA")
    fresh = upright.copy() if upright is image else upright
    # Pillow's encoders fall back to .info for EXIF, ICC profile and comments.
    fresh.info = {}
    return fresh


# --- PDFs -------------------------------------------------------------------

_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
)
_ACTIVE_TOKENS = re.compile(rb"/(?:JavaScript|JS|Launch)(?=[\s/<>\[\]()%]|$)")


def _pdf_check(data: bytes, *, max_pages: int) -> int:
    from pypdf import PdfReader

    damaged = ValidationError(UPLOAD_PDF_DAMAGED, code="pdf_damaged")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds on broken input.
        raise damaged from None
    if encrypted:
        raise ValidationError(UPLOAD_PDF_ENCRYPTED, code="pdf_encrypted")
    try:
        pages = len(reader.pages)
        active = _pdf_has_active_content(reader) or bool(_ACTIVE_TOKENS.search(data))
    except Exception:
        raise damaged from None
    if not 1 <= pages <= max_pages:
        raise ValidationError(
            UPLOAD_PDF_PAGES, code="pdf_pages", params={"limit": max_pages}
        )
    if active:
        raise ValidationError(UPLOAD_PDF_ACTIVE_CONTENT, code="pdf_active_content")
    return pages


def _pdf_has_active_content(reader) -> bool:
    """JavaScript or launch actions where a viewer runs them: on opening, in
    the document's name tree, on pages and in annotations. Names are decoded by
    pypdf, so ``/J#61vaScript`` in the file is caught as well."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    holders = [root, *reader.pages]
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            holders.append(annotation.get_object())
    for holder in holders:
        for key in ("/OpenAction", "/A"):
            if _pdf_action_is_active(holder.get(key)):
                return True
        additional = holder.get("/AA")
        if additional is not None:
            for action in additional.get_object().values():
                if _pdf_action_is_active(action):
                    return True
    return False


def _pdf_action_is_active(action) -> bool:
    if action is None:
        return False
    action = action.get_object()
    if not hasattr(action, "get"):
        return False  # a destination array, e.g. "open at page 1"
    return action.get("/S") in _ACTIVE_ACTIONS or "/JS" in action


# --- Form field ---------------------------------------------------------------


class PrivateFileField(forms.FileField):
    """A file field for private files: ``cleaned_data`` holds a ``CleanUpload``."""

    def __init__(self, *, allowed: tuple[str, ...] = ("jpeg", "png", "pdf"), **kwargs):
        self.allowed = allowed
        accept = ",".join(
            [KINDS[k].content_type for k in allowed]
            + [e for k in allowed for e in KINDS[k].name_extensions]
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded in (None, False) or uploaded is initial:
            return uploaded
        return upload_clean(file=uploaded, allowed=self.allowed)


# --- Serving -----------------------------------------------------------------


def uploaded_file(
    *,
    fieldfile,
    download_name: str,
    content_type: str,
    access,
    object_id="",
    subject=None,
    detail: str = "",
) -> PrivateFile:
    """An uploaded file (evidence, a receipt) described for ``private_download``:
    served only as one of the checked types, under a safe name with the
    extension its content has."""
    if content_type not in CONTENT_TYPES:
        content_type = "application/octet-stream"
    extension = next(
        (k.extension for k in KINDS.values() if k.content_type == content_type), ""
    )
    return PrivateFile(
        content=fieldfile,
        download_name=download_name_safe(download_name, extension=extension),
        content_type=content_type,
        access=access,
        object_id=object_id,
        subject=subject,
        detail=detail,
    )
