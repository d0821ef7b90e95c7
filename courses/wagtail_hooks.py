"""Registration only: learning's admin viewsets and pages, menu items, the
site menu links, rosters and dashboard panels, and the reaction to newly
activated staff (they owe this cycle's topics)."""

from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses.admin import views as admin_views
from courses.admin.viewsets import LearningViewSetGroup, TopicViewSet
from courses.dashboard_panels import learning_dashboard_panels
from courses.exports import COMPLETIONS_ROSTER, HOURS_EXPORT
from courses.home_items import learning_home_figures
from courses.selectors import cycle_current
from courses.services.cycles import cycle_assign
from courses.views.department import is_department_head_cached
from lms.permissions import PermissionMenuItem


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return [LearningViewSetGroup(), TopicViewSet()]


@hooks.register("register_admin_urls")
def register_learning_admin_urls():
    return [
        path(
            "learning/assign/",
            admin_views.enrolment_assign,
            name="courses_enrolment_assign",
        ),
        path(
            "learning/satisfaction/",
            admin_views.survey_report,
            name="courses_survey_report",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_assign_menu_item():
    return PermissionMenuItem(
        _("Assign a course"),
        reverse_lazy("courses_enrolment_assign"),
        name="assign-course",
        icon_name="user",
        order=241,
        permissions=("courses.assign_enrolment",),
    )


@hooks.register("register_reports_menu_item")
def register_survey_report_menu_item():
    return PermissionMenuItem(
        _("Satisfaction survey results"),
        reverse_lazy("courses_survey_report"),
        name="satisfaction",
        icon_name="list-ul",
        order=700,
        permissions=("courses.view_surveyresponse",),
    )


@hooks.register("lms_staff_activated")
def assign_current_cycle_topics(users):
    """New or returning staff owe this year's topics too."""
    cycle = cycle_current()
    if cycle is not None:
        cycle_assign(cycle=cycle, users=users)


@hooks.register("lms_site_nav_items")
def course_catalogue_nav_item(request):
    # A fixed URL that redirects to the catalogue page: no query on every page.
    return [(_("Courses"), reverse("course_catalogue"))]


@hooks.register("lms_rosters")
def learning_rosters():
    return [COMPLETIONS_ROSTER, HOURS_EXPORT]


@hooks.register("lms_dashboard_panels")
def learning_panels():
    return learning_dashboard_panels()


@hooks.register("lms_home_figures")
def learning_home_items():
    return learning_home_figures()


@hooks.register("lms_site_nav_items")
def department_dashboard_nav_item(request):
    if not is_department_head_cached(request):
        return []
    return [(_("My department"), reverse("department_dashboard"))]
