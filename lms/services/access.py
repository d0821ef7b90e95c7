"""The access record: one row each time a private file holding personal data
is served (certificate PDFs, receipts, qualification evidence, the
certificate ZIP). Exports of rosters have their own log (``ExportLog``)."""

from lms.models import AccessKind, AccessLog


def access_record(
    *,
    user,
    kind: AccessKind,
    object_id="",
    subject=None,
    detail: str = "",
) -> AccessLog:
    """Record that ``user`` opened a file of ``kind`` about ``subject`` (a
    user, or None when the file holds many people's data). Call it after the
    permission check, once the file is about to be served."""
    subject_id = getattr(subject, "pk", subject)
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        object_id=str(object_id or ""),
        subject_id=subject_id,
        own=subject_id is not None and subject_id == getattr(user, "pk", None),
        detail=(detail or "")[:300],
    )
