"""Registration only: each admin area of certificates registers its own hooks
in its module (certificates/admin/*.py), imported here so Wagtail finds them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from certificates.admin import (  # noqa: F401
    budgets,
    claims,
    downloads,
    qualifications,
    registry,
)


@hooks.register("lms_site_nav_items")
def certificates_nav_items(request):
    if not getattr(request.user, "is_authenticated", False):
        return []
    return [
        (_("My certificates"), reverse("learner_certificates")),
        (_("My qualifications"), reverse("learner_qualifications")),
        (_("Expense support"), reverse("learner_claims")),
    ]


@hooks.register("lms_rosters")
def certificates_rosters():
    from certificates.exports import CLAIMS_ROSTER

    return [CLAIMS_ROSTER]


@hooks.register("lms_dashboard_panels")
def certificates_dashboard_panels():
    from certificates.dashboard_panels import certificates_dashboard_panels

    return certificates_dashboard_panels()
