"""Records that are written once and never changed: logs and events.

A model that extends ``AppendOnlyModel`` can be created, read and nothing
else through the ORM: ``save()`` of a stored row, ``delete()``, and the
queryset's ``update()``, ``bulk_update()`` and ``delete()`` all raise
``AppendOnlyError``. Used by the claims' event trail, the export log, the
access log and the reminder log.

Deleting a parent row is not covered: the logs point to people with
``PROTECT``, so a person with log rows cannot be deleted at all.
"""

from django.db import models


class AppendOnlyError(RuntimeError):
    """Someone tried to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError(
            f"{self.model._meta.verbose_name} rows are append-only: "
            "they are never changed or deleted."
        )

    update = _refuse
    bulk_update = _refuse
    delete = _refuse


class AppendOnlyModel(models.Model):
    """Abstract base: a row is created once, then only read."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(
                f"{self._meta.verbose_name} rows are append-only: "
                "a written row is never changed."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(
            f"{self._meta.verbose_name} rows are append-only: they are never deleted."
        )
