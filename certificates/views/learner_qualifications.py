"""The learner's qualifications: list, record with evidence, evidence download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from certificates.forms import StaffQualificationForm
from certificates.models import StaffQualification
from certificates.services.qualifications import (
    QualificationError,
    staff_qualification_submit,
)
from certificates.uploads import private_file_response
from lms.models import AccessKind
from lms.services.access import access_record

VIEW_ALL_PERMISSION = "certificates.view_staffqualification"


@login_required
def qualification_list(request):
    records = (
        StaffQualification.objects.filter(user=request.user)
        .select_related("qualification")
        .order_by("-created_at", "-pk")
    )
    return TemplateResponse(
        request, "certificates/qualification_list.html", {"records": records}
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
        request, "certificates/qualification_form.html", {"form": form}
    )


def staff_qualification_for_viewer(*, user, pk: int) -> StaffQualification:
    """The record if ``user`` owns it or may see all; otherwise 404, so that a
    stranger cannot tell which records exist."""
    records = StaffQualification.objects.select_related("qualification")
    if not user.has_perm(VIEW_ALL_PERMISSION):
        records = records.filter(user=user)
    return get_object_or_404(records, pk=pk)


@login_required
def qualification_evidence(request, pk: int):
    record = staff_qualification_for_viewer(user=request.user, pk=pk)
    if not record.evidence:
        raise Http404
    download_name = _("evidence-%(name)s-%(date)s") % {
        "name": record.qualification.name,
        "date": record.acquired_on.isoformat(),
    }
    try:
        response = private_file_response(
            fieldfile=record.evidence,
            download_name=download_name,
            content_type=record.evidence_content_type,
        )
    except FileNotFoundError:
        raise Http404 from None
    access_record(
        user=request.user,
        kind=AccessKind.EVIDENCE,
        object_id=record.pk,
        subject=record.user_id,
        detail=record.qualification.name,
    )
    return response
