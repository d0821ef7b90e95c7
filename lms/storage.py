"""Private file storage: evidence and receipts are never served from a public
media URL, only through permission-checked views (``lms.downloads``)."""

import secrets

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
