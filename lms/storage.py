"""Private file storage: evidence and receipts are never served from a public
media URL, only through permission-checked views (see certificates/uploads.py)."""

import re
import secrets
import unicodedata
from urllib.parse import quote

from django.core.files.storage import storages


def private_storage():
    """The storage alias ``private`` (settings.STORAGES): a local folder outside
    MEDIA_ROOT on one server, object storage without public URLs on many."""
    return storages["private"]


def private_upload_to(instance, filename: str) -> str:
    """A random stored name: the uploader's file name never reaches the disk.
    The extension comes from the checked content, set by the upload module."""
    suffix = ""
    if "." in filename:
        suffix = "." + filename.rsplit(".", 1)[1].lower()[:5]
    folder = instance._meta.model_name
    return f"{folder}/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}{suffix}"


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


def download_headers(response, *, download_name: str):
    """Make a response a private download that the browser will neither
    render, sniff, cache nor refer onwards."""
    response["Content-Disposition"] = content_disposition_attachment(download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
