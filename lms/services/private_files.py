"""Stored files that no record points to any more.

A private file is written before the row that names it is committed (the
upload is checked and stored, then saved in the caller's transaction). If that
transaction rolls back, or a row is removed without its file, the file stays
behind: personal data nobody can reach through the product, kept for no
purpose. ``private_files_orphaned`` finds them; ``manage.py
prune_private_files`` deletes them once they are old enough that no upload can
still be on its way to being saved.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone

from lms.storage import private_storage


@dataclass(frozen=True)
class PrivateFileField:
    model: type[models.Model]
    name: str

    @property
    def folder(self) -> str:
        # private_upload_to files every model's uploads under its model name.
        return self.model._meta.model_name


def private_file_fields() -> list[PrivateFileField]:
    """Every FileField stored in the private storage, across the project."""
    storage = private_storage()
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and (
                getattr(field, "_storage_callable", None) is private_storage
                or field.storage is storage
            ):
                found.append(PrivateFileField(model=model, name=field.name))
    return found


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")


def private_files_orphaned(*, min_age: datetime.timedelta) -> list[str]:
    """Stored names in the models' folders that no row refers to and that are
    older than ``min_age``. Other folders of the storage are never looked at."""
    storage = private_storage()
    fields = private_file_fields()
    by_folder: dict[str, list[PrivateFileField]] = {}
    for field in fields:
        by_folder.setdefault(field.folder, []).append(field)
    cutoff = timezone.now() - min_age
    orphaned = []
    for folder, folder_fields in sorted(by_folder.items()):
        referenced = set()
        for field in folder_fields:
            names = (
                field.model._default_manager.exclude(**{field.name: ""})
                .values_list(field.name, flat=True)
                .iterator(chunk_size=5000)
            )
            referenced.update(names)
        for name in _walk(storage, folder):
            if name in referenced:
                continue
            if storage.get_modified_time(name) < cutoff:
                orphaned.append(name)
    return orphaned


def private_files_prune(*, min_age: datetime.timedelta, dry_run: bool) -> list[str]:
    """Delete the orphaned files (or only list them); returns their names."""
    orphaned = private_files_orphaned(min_age=min_age)
    if not dry_run:
        storage = private_storage()
        for name in orphaned:
            storage.delete(name)
    return orphaned
