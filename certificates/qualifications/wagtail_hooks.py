"""Registration only: the qualification catalogue and review in the admin, and
the learner's menu link, the review queue on the admin home."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from certificates.qualifications.admin import QualificationViewSetGroup
from certificates.qualifications.home_items import qualification_home_tasks
from lms.history import history_actions_register


@hooks.register("register_admin_viewset")
def register_qualification_viewsets():
    return QualificationViewSetGroup()


@hooks.register("lms_home_tasks")
def qualification_home_task_items():
    return qualification_home_tasks()


@hooks.register("lms_site_nav_items")
def qualifications_nav_items(request):
    if not getattr(request.user, "is_authenticated", False):
        return []
    return [(_("My qualifications"), reverse("learner_qualifications"))]


@hooks.register("register_log_actions")
def register_qualification_history(actions):
    history_actions_register(
        actions,
        {
            "certificates.qualification_verified": (
                _("Verify qualification"),
                _("Qualification verified"),
            ),
            "certificates.qualification_rejected": (
                _("Reject qualification"),
                _("Qualification rejected"),
            ),
        },
    )
