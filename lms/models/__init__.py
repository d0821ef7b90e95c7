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
