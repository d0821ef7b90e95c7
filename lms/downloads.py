"""The one way a private file leaves the site.

Receipts, qualification evidence, certificate PDFs and ZIPs, and finished
roster exports all go through ``private_download``, in this order:

1. **permission**: the record is looked up in what the user may see (a
   ``<thing>_visible_to(user)`` selector); anything else is "not found", never
   "forbidden", so a stranger cannot tell which numbers exist;
2. **file**: a stored file that is gone is a 404 too, not a 500;
3. **access log**: one ``AccessLog`` row (who, which file, whose data), written
   only once the file is about to be served;
4. **response**: an attachment the browser will neither render, sniff, cache
   nor refer onwards.

Views describe the file (``PrivateFile``); they never build the response.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from lms.models import AccessKind
from lms.services.access import access_record

_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


@dataclass(frozen=True)
class PrivateFile:
    """What to serve, and what the access log says about it.

    ``content`` is a stored file (``FieldFile``), an open file, bytes made now
    (a PDF), or an iterable of byte chunks (a streamed ZIP). ``access`` is None only for files
    that leave their own record elsewhere (roster exports: the export log).
    ``subject`` is whose data it is: a user or user id, or None for a file
    holding many people's data."""

    content: Any  # a stored file (FieldFile), bytes, or an iterable of chunks
    download_name: str
    content_type: str
    access: AccessKind | None
    object_id: Any = ""
    subject: Any = None
    detail: str = ""


def download_name_safe(download_name: str, *, extension: str = "") -> str:
    """A file name every operating system accepts, with the expected extension."""
    name = unicodedata.normalize("NFC", download_name or "")
    name = _UNSAFE_NAME_CHARS.sub("_", name).strip(" .") or "file"
    if extension and not name.lower().endswith(extension):
        name += extension
    return name[:150]


def content_disposition_attachment(download_name: str) -> str:
    """``attachment`` with an ASCII fallback and the RFC 5987 UTF-8 name, so
    Korean names survive in every browser."""
    ascii_name = (
        unicodedata.normalize("NFKD", download_name)
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("_.-") or "file"
    if "." in download_name and "." not in ascii_name:
        ascii_name += "." + download_name.rsplit(".", 1)[1]
    return (
        f'attachment; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(download_name, safe='')}"
    )


def download_headers(response: HttpResponseBase, *, download_name: str):
    """Make a response a private download that the browser will neither
    render, sniff, cache nor refer onwards."""
    response["Content-Disposition"] = content_disposition_attachment(download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def private_download(
    request,
    *,
    visible: QuerySet,
    describe: Callable[[Model], PrivateFile],
    **lookup,
) -> HttpResponseBase:
    """Serve the record of ``visible`` matching ``lookup`` (e.g. ``pk=pk``) as
    the file ``describe`` names. ``visible`` must already be scoped to the
    user (a ``<thing>_visible_to`` selector): a record outside it is a 404."""
    record = visible.filter(**lookup).first()
    if record is None:
        raise Http404
    return private_file_serve(request, describe(record))


def private_file_serve(request, file: PrivateFile) -> HttpResponseBase:
    """Steps 2–4 for a file whose permission the caller has checked (a ZIP of
    many records, behind the admin's own permission check)."""
    response = _response(file)
    if file.access is not None:
        access_record(
            user=request.user,
            kind=file.access,
            object_id=file.object_id,
            subject=file.subject,
            detail=file.detail,
        )
    return download_headers(response, download_name=file.download_name)


def _response(file: PrivateFile) -> HttpResponseBase:
    content = file.content
    if isinstance(content, bytes):
        return HttpResponse(content, content_type=file.content_type)
    if hasattr(content, "open"):  # a stored file: FieldFile or the like
        if not content:
            raise Http404
        try:
            content.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(content, content_type=file.content_type)
    if hasattr(content, "read"):  # an open file, e.g. a workbook just written
        return FileResponse(content, content_type=file.content_type)
    return StreamingHttpResponse(content, content_type=file.content_type)
