"""Issuing certificates. The learning app calls these two functions when a
course is completed and when a cycle's curriculum is complete; certificates
never import the learning app."""

import datetime
from collections.abc import Sequence
from decimal import Decimal


def certificate_issue_for_completion(
    *,
    completion_id: int,
    holder,
    course_key: str,
    course_title: str,
    topics: Sequence[tuple[str, str]],
    recognised_hours: Decimal,
    completed_on: datetime.date,
    validity_months: int | None,
    cycle_year: int,
):
    """Issue the certificate (수료증) of one course completion, exactly once per
    completion. Called inside the completion's transaction."""
    return None


def certificate_issue_for_curriculum(
    *,
    holder,
    cycle_year: int,
    topics: Sequence[tuple[str, str]],
    recognised_hours: Decimal,
    completed_on: datetime.date,
):
    """Issue the combined Art. 14② curriculum certificate of a cycle, once per
    holder and cycle. Called inside the completing transaction."""
    return None
