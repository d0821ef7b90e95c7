"""The city's organisation: the department tree, staff profiles, civil-service grades
and employment status, with the Korean names that HR documents use."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lms.app_settings import app_settings


class DepartmentKind(models.TextChoices):
    BUREAU = "bureau", _("Office / Bureau (실·국)")
    DIVISION = "division", _("Division (과·담당관)")
    TEAM = "team", _("Team (팀)")
    AGENCY = "agency", _("Agency (사업소·보건소)")
    LOCAL_OFFICE = "local_office", _("Town office (읍·면·동)")


class Department(MP_Node):
    """A unit of the city: 실·국 → 과 → 팀, edited by HR as the city reorganises."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default="division"
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive departments stay in old records but take no new staff."),
    )

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """How Korean documents name a team: with its division ("정보통신과 정보정책팀")."""
        if self.kind == DepartmentKind.TEAM and self.depth > 1:
            parent = self.get_parent()
            if parent is not None:
                return f"{parent.name} {self.name}"
        return self.name

    @property
    def tree_label(self) -> str:
        """The name indented by its depth, for lists that show the tree."""
        return f"{'— ' * (self.depth - 1)}{self.name}"

    def subtree(self):
        """This department and every unit below it."""
        return Department.objects.filter(
            path__startswith=self.path, depth__gte=self.depth
        )


class Grade(models.TextChoices):
    """Korean civil-service grades (일반직 and common special kinds)."""

    G9 = "9", _("Grade 9 (서기보)")
    G8 = "8", _("Grade 8 (서기)")
    G7 = "7", _("Grade 7 (주사보)")
    G6 = "6", _("Grade 6 (주사)")
    G5 = "5", _("Grade 5 (사무관)")
    G4 = "4", _("Grade 4 (서기관)")
    G3 = "3", _("Grade 3 (부이사관)")
    G2 = "2", _("Grade 2 (이사관)")
    G1 = "1", _("Grade 1 (관리관)")
    RESEARCHER = "researcher", _("Researcher (연구사)")
    SENIOR_RESEARCHER = "senior_researcher", _("Senior researcher (연구관)")
    EXTENSION = "extension", _("Extension officer (지도사)")
    SENIOR_EXTENSION = "senior_extension", _("Senior extension officer (지도관)")
    FIXED_TERM = "fixed_term", _("Fixed-term official (임기제)")
    PUBLIC_SERVICE = "public_service", _("Public service worker (공무직)")

    @classmethod
    def official_name(cls, value: str) -> str:
        """The Korean name used in documents and HR exports, whatever the UI language."""
        return GRADE_OFFICIAL_NAMES.get(value, value)

    @classmethod
    def from_official_name(cls, name: str) -> str | None:
        wanted = " ".join((name or "").split())
        for value, official in GRADE_OFFICIAL_NAMES.items():
            if wanted in (official, official.split(" ")[0], value):
                return value
        return None


GRADE_OFFICIAL_NAMES = {
    "9": "9급 서기보",
    "8": "8급 서기",
    "7": "7급 주사보",
    "6": "6급 주사",
    "5": "5급 사무관",
    "4": "4급 서기관",
    "3": "3급 부이사관",
    "2": "2급 이사관",
    "1": "1급 관리관",
    "researcher": "연구사",
    "senior_researcher": "연구관",
    "extension": "지도사",
    "senior_extension": "지도관",
    "fixed_term": "임기제",
    "public_service": "공무직",
}


class EmploymentStatus(models.TextChoices):
    ACTIVE = "active", _("In service (재직)")
    LEAVE = "leave", _("On leave (휴직)")
    RETIRED = "retired", _("Retired (퇴직)")


EMPLOYMENT_STATUS_OFFICIAL_NAMES = {
    "active": "재직",
    "leave": "휴직",
    "retired": "퇴직",
}


def _staff_number_validator(value: str) -> None:
    RegexValidator(
        app_settings.STAFF_NUMBER_PATTERN,
        _("Enter the staff number as the HR system writes it (e.g. 8 digits)."),
    )(value)


class StaffProfile(models.Model):
    """A staff member of the city. No resident registration number, no bank account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user account"),
    )
    staff_number = models.CharField(
        _("staff number"),
        max_length=20,
        unique=True,
        validators=[_staff_number_validator],
    )
    name = models.CharField(_("name"), max_length=50)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("department"),
    )
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    job_series = models.CharField(_("job series"), max_length=50, blank=True)
    employment_status = models.CharField(
        _("employment status"),
        max_length=10,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.ACTIVE,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Written by ``lms.services.invitations`` when the invitation mail went out,
    # so that HR sees who was invited when, and whom to invite again.
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["staff_number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.staff_number})"

    @property
    def grade_official_name(self) -> str:
        return Grade.official_name(self.grade)

    @property
    def is_active_staff(self) -> bool:
        return self.employment_status == EmploymentStatus.ACTIVE
