"""Qualifications on the admin's home (hook ``lms_home_tasks``): records
waiting for verification, other than the person's own."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from certificates.qualifications.models import QualificationStatus, StaffQualification
from lms.home import HomeTask

VERIFY_PERMISSION = "certificates.verify_staffqualification"


def _waiting(request) -> int:
    return (
        StaffQualification.objects.filter(status=QualificationStatus.SUBMITTED)
        .exclude(user=request.user)
        .count()
    )


def qualification_home_tasks() -> list[HomeTask]:
    return [
        HomeTask(
            key="qualifications-verify",
            label=gettext_lazy("Qualifications to verify"),
            count=_waiting,
            url=reverse_lazy("qualification_review:index"),
            permission=VERIFY_PERMISSION,
            order=40,
        )
    ]
