"""The core's models: organisation and staff, users, pages and site settings, the
export and access logs, background export jobs, and the append-only base."""

from .access import AccessKind, AccessLog
from .append_only import AppendOnlyError, AppendOnlyModel
from .exports import ExportLog
from .exports_jobs import ExportJob, ExportJobStatus
from .organisation import Department, EmploymentStatus, Grade, StaffProfile
from .pages import HomePage, StandardPage
from .site_settings import LmsSettings
from .users import User

__all__ = [
    "AccessKind",
    "AccessLog",
    "AppendOnlyError",
    "AppendOnlyModel",
    "Department",
    "EmploymentStatus",
    "ExportJob",
    "ExportJobStatus",
    "ExportLog",
    "Grade",
    "HomePage",
    "LmsSettings",
    "StaffProfile",
    "StandardPage",
    "User",
]
