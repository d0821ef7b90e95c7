"""Reads of staff qualifications, scoped to the asking user."""

from django.db.models import QuerySet

from certificates.qualifications.models import StaffQualification
from lms.permissions import owned_or_permitted

VIEW_ALL_PERMISSION = "certificates.view_staffqualification"


def staff_qualifications_visible_to(user) -> QuerySet[StaffQualification]:
    """HR and auditors see every record, a staff member only their own."""
    return owned_or_permitted(
        StaffQualification.objects.select_related("qualification"),
        user=user,
        owner="user",
        permission=VIEW_ALL_PERMISSION,
    )
