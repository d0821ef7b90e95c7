"""Learning's admin pages that are not viewsets: assigning staff to a course
(``courses.assign_enrolment``) and the satisfaction survey report
(``courses.view_surveyresponse``)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from courses.admin.forms import EnrolmentAssignForm
from courses.selectors import survey_summary
from courses.services.learning import LearningError, enrolment_create


@permission_required("courses.assign_enrolment", raise_exception=True)
def enrolment_assign(request):
    form = EnrolmentAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.cleaned_data["course"]
        users = form.chosen_users()
        try:
            for user in users:
                enrolment_create(
                    user=user,
                    course=course,
                    source=form.source,
                    assigned_by=request.user,
                )
        except LearningError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(count)s staff members are now enrolled in “%(course)s”.")
                % {"count": len(users), "course": course.title},
            )
            return redirect("enrolments:index")
    return TemplateResponse(
        request, "courses/admin/enrolment_assign.html", {"form": form}
    )


@permission_required("courses.view_surveyresponse", raise_exception=True)
def survey_report(request):
    """Satisfaction per course and year (Art. 20): averages only, never answers
    of a person; comments are not shown here either."""
    return TemplateResponse(
        request, "courses/admin/survey_report.html", {"rows": survey_summary()}
    )
