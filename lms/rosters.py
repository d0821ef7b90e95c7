"""Rosters (Excel exports of personal data): one registry, one way to export.

Each app contributes its rosters through the Wagtail hook ``lms_rosters`` (a
function returning ``Roster`` objects), so the core never imports the apps
built on it. ``roster_export`` checks the rules (masked unless the user may
see full data and gives a reason), writes the workbook and logs the export.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.models import Department, ExportLog

FULL_NEEDS_PERMISSION = _("You may export masked rosters only.")
FULL_NEEDS_REASON = _("State why you need the full names and staff numbers.")
UNKNOWN_ROSTER = _("Unknown roster: %(key)s.")


class RosterError(Exception):
    """A rule refused the export; the message is for the person who asked."""


@dataclass(frozen=True)
class RosterFilters:
    year: int
    department: Department | None = None
    category: int | None = None  # support category number (claims only)

    def as_job(self) -> dict:
        return {
            "year": self.year,
            "department": self.department.pk if self.department else None,
            "category": self.category,
        }

    @classmethod
    def from_job(cls, data: dict) -> "RosterFilters":
        department = None
        if data.get("department"):
            department = Department.objects.filter(pk=data["department"]).first()
        return cls(
            year=data["year"], department=department, category=data.get("category")
        )

    def as_log(self) -> dict:
        log: dict = {"year": self.year}
        if self.department is not None:
            log["department"] = self.department.code
        if self.category is not None:
            log["category"] = self.category
        return log


@dataclass(frozen=True)
class Roster:
    key: str
    label: str
    # write(out, *, filters, masked, progress) -> number of detail rows
    write: Callable[..., int]
    # The Korean file name, e.g. "2026년 경비지원 명단.xlsx".
    file_name: Callable[[int], str]
    count: Callable[[RosterFilters], int]
    # Extra filter of the roster: support categories (number, label), if any.
    categories: Callable[[], list[tuple[int, str]]] | None = None


def rosters() -> dict[str, Roster]:
    found: dict[str, Roster] = {}
    for fn in hooks.get_hooks("lms_rosters"):
        for roster in fn():
            found[roster.key] = roster
    return found


def roster_get(key: str) -> Roster:
    roster = rosters().get(key)
    if roster is None:
        raise RosterError(UNKNOWN_ROSTER % {"key": key})
    return roster


def roster_rules_check(*, user, masked: bool, reason: str) -> str:
    """Masked for everyone; full only with the permission and a reason."""
    reason = (reason or "").strip()
    if not masked:
        if user is not None and not user.has_perm("lms.export_full_roster"):
            raise RosterError(FULL_NEEDS_PERMISSION)
        if not reason:
            raise RosterError(FULL_NEEDS_REASON)
    return reason


def roster_export(
    *,
    key: str,
    filters: RosterFilters,
    out,
    user=None,
    masked: bool = True,
    reason: str = "",
    channel: str = "admin",
    progress: Callable[[int], None] | None = None,
) -> ExportLog:
    """Write the roster to ``out`` (a binary file) and log the export.

    ``user`` is None only for the command line, whose operator already has
    the server's data; a full export there still needs a reason."""
    roster = roster_get(key)
    reason = roster_rules_check(user=user, masked=masked, reason=reason)
    rows = roster.write(out, filters=filters, masked=masked, progress=progress)
    return ExportLog.objects.create(
        user=user,
        roster=key,
        filters=filters.as_log(),
        masked=masked,
        reason=reason[:300],
        row_count=rows,
        channel=channel,
    )
