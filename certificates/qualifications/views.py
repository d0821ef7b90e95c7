"""The learner's qualifications: list, record with evidence, evidence download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from certificates.qualifications.forms import StaffQualificationForm
from certificates.qualifications.models import StaffQualification
from certificates.qualifications.selectors import staff_qualifications_visible_to
from certificates.qualifications.services.review import (
    QualificationError,
    staff_qualification_submit,
)
from certificates.uploads import uploaded_file
from lms.downloads import PrivateFile, private_download
from lms.models import AccessKind


@login_required
def qualification_list(request):
    records = (
        StaffQualification.objects.filter(user=request.user)
        .select_related("qualification")
        .order_by("-created_at", "-pk")
    )
    return TemplateResponse(
        request,
        "certificates/qualifications/qualification_list.html",
        {"records": records},
    )


@login_required
def qualification_create(request):
    form = StaffQualificationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_qualification_submit(user=request.user, **form.cleaned_data)
        except QualificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your qualification was recorded and awaits the training officer."),
            )
            return redirect("learner_qualifications")
    return TemplateResponse(
        request, "certificates/qualifications/qualification_form.html", {"form": form}
    )


@login_required
def qualification_evidence(request, pk: int):
    return private_download(
        request,
        visible=staff_qualifications_visible_to(request.user),
        describe=_evidence,
        pk=pk,
    )


def _evidence(record: StaffQualification) -> PrivateFile:
    return uploaded_file(
        fieldfile=record.evidence,
        download_name=_("evidence-%(name)s-%(date)s")
        % {"name": record.qualification.name, "date": record.acquired_on.isoformat()},
        content_type=record.evidence_content_type,
        access=AccessKind.EVIDENCE,
        object_id=record.pk,
        subject=record.user_id,
        detail=record.qualification.name,
    )
