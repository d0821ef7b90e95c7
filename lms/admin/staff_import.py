"""Admin views of the organisation app: the staff import (upload → dry run → apply),
whose result offers to invite the new people (``lms.admin.invitations``)."""

import time
import uuid

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.core.files.storage import storages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lms.admin.invitations import invitation_offer
from lms.services.staff_import import (
    StaffImportFileError,
    staff_import_apply,
    staff_import_plan,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
RETIRE_SAMPLE = 10  # names shown on the confirmation page
UPLOAD_DIR = "staff-imports"
UPLOAD_MAX_AGE = 60 * 60  # seconds between the dry run and the apply
SIGNING_SALT = "lms.staff_import"
TEMPLATE = "lms/admin/staff_import.html"

NOT_XLSX = _("Upload the HR system's export as an Excel workbook (.xlsx).")
TOO_BIG = _("The file is larger than 10 MB.")
UPLOAD_EXPIRED = _(
    "The uploaded file has expired or was already applied: upload it again."
)
PLAN_CHANGED = _(
    "The staff data changed since the dry run. Check the new dry run below "
    "before applying."
)


class StaffImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("HR staff export (.xlsx)"),
        help_text=_(
            "Columns 직원번호, 성명, 소속, 직급, 직렬, 이메일, 재직상태, in any order. "
            "Nothing is written before you confirm the dry run."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(TOO_BIG)
        head = upload.read(4)
        upload.seek(0)
        if not upload.name.lower().endswith(".xlsx") or head != b"PK\x03\x04":
            raise forms.ValidationError(NOT_XLSX)
        return upload


class StaffImportApplyForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    digest = forms.CharField(widget=forms.HiddenInput)
    deactivate_missing = forms.BooleanField(
        label=_(
            "Set staff who are not in the file to retired (the file is a full export)"
        ),
        required=False,
        initial=False,
    )
    # Set by the confirmation page: retiring people is asked twice.
    retire_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    strict = forms.BooleanField(
        label=_("Apply nothing if any row has an error"), required=False
    )


@permission_required(
    ["lms.add_staffprofile", "lms.change_staffprofile"], raise_exception=True
)
def staff_import(request):
    """Upload → dry run (tables of what would change) → apply the same file."""
    if request.method == "POST" and "token" in request.POST:
        return _apply(request)
    form = StaffImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return TemplateResponse(request, TEMPLATE, {"form": form})
    if form.is_valid():
        name = _store(form.cleaned_data["file"])
        try:
            plan = _plan(name, actor=request.user, deactivate_missing=True)
        except StaffImportFileError as error:
            storages["private"].delete(name)
            form.add_error("file", error.message)
        else:
            return _dry_run(request, plan, _token(request, name))
    return TemplateResponse(request, TEMPLATE, {"form": form}, status=400)


def _apply(request):
    form = StaffImportApplyForm(request.POST)
    name = _stored_name(request, form)
    if name is None:
        context = {"form": StaffImportUploadForm(), "notice": UPLOAD_EXPIRED}
        return TemplateResponse(request, TEMPLATE, context, status=400)
    options = {
        "deactivate_missing": form.cleaned_data["deactivate_missing"],
        "strict": form.cleaned_data["strict"],
    }
    plan = _plan(name, actor=request.user, **options)
    if plan.digest != form.cleaned_data["digest"]:
        return _dry_run(request, plan, form.cleaned_data["token"], changed=True)
    if plan.deactivations and not form.cleaned_data["retire_confirmed"]:
        return _retire_confirmation(request, plan, form)
    result = staff_import_apply(plan=plan)
    storages["private"].delete(name)
    invite = None
    if result.applied:
        new_people = [row.staff_number for row in plan.creates]
        invite = invitation_offer(user=request.user, staff_numbers=new_people)
    context = {"plan": plan, "result": result, "invite": invite}
    return TemplateResponse(request, TEMPLATE, context)


def _dry_run(request, plan, token, *, changed=False):
    apply_form = StaffImportApplyForm(
        initial={"token": token, "digest": plan.digest, "strict": plan.strict}
    )
    retirable = len(plan.retirable)
    apply_form.fields["deactivate_missing"].label = ngettext(
        "Set the %(count)s staff member who is not in the file to retired "
        "(the file is a full export)",
        "Set the %(count)s staff members who are not in the file to retired "
        "(the file is a full export)",
        retirable,
    ) % {"count": retirable}
    if not retirable:
        apply_form.fields["deactivate_missing"].disabled = True
    return TemplateResponse(
        request,
        TEMPLATE,
        {"plan": plan, "apply_form": apply_form, "changed": changed and PLAN_CHANGED},
    )


def _retire_confirmation(request, plan, form):
    """Asked once more: retiring closes these people's logins."""
    confirm_form = StaffImportApplyForm(
        initial={
            **form.cleaned_data,
            "deactivate_missing": True,
            "retire_confirmed": True,
        }
    )
    context = {
        "plan": plan,
        "confirm_retire": plan.deactivations,
        "confirm_sample": plan.deactivations[:RETIRE_SAMPLE],
        "confirm_more": max(len(plan.deactivations) - RETIRE_SAMPLE, 0),
        "confirm_form": confirm_form,
    }
    return TemplateResponse(request, TEMPLATE, context)


def _plan(name: str, **options):
    with storages["private"].open(name, "rb") as fh:
        return staff_import_plan(workbook=fh, **options)


def _store(upload) -> str:
    """Keep the upload where no URL reaches it until the apply (or expiry)."""
    storage = storages["private"]
    _purge_expired(storage)
    return storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.xlsx", upload)


def _purge_expired(storage) -> None:
    try:
        _dirs, files = storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    for filename in files:
        path = f"{UPLOAD_DIR}/{filename}"
        if time.time() - storage.get_modified_time(path).timestamp() > UPLOAD_MAX_AGE:
            storage.delete(path)


def _token(request, name: str) -> str:
    return signing.dumps({"name": name, "user": request.user.pk}, salt=SIGNING_SALT)


def _stored_name(request, form: StaffImportApplyForm) -> str | None:
    """The stored upload the signed token names, if it is this user's and fresh."""
    if not form.is_valid():
        return None
    try:
        data = signing.loads(
            form.cleaned_data["token"], salt=SIGNING_SALT, max_age=UPLOAD_MAX_AGE
        )
    except signing.BadSignature:
        return None
    name = data.get("name", "")
    if data.get("user") != request.user.pk or not name.startswith(f"{UPLOAD_DIR}/"):
        return None
    return name if storages["private"].exists(name) else None
