"""Qualification catalogue and verification in the Wagtail admin (hooks and views).

Menu "Qualifications": the catalogue (HR adds and edits) and the review queue
(HR verifies or rejects; auditors read). Learners and editors see neither.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import ProtectedError, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.qualifications.forms import (
    StaffQualificationFilterForm,
    StaffQualificationRejectForm,
)
from certificates.qualifications.models import (
    Qualification,
    QualificationStatus,
    StaffQualification,
)
from certificates.qualifications.services.review import (
    VERIFY_PERMISSION,
    QualificationError,
    staff_qualification_reject,
    staff_qualification_verify,
)
from lms.admin_display import yes_no_column

VIEW_PERMISSION = "certificates.view_staffqualification"
PAGE_SIZE = 50

QUALIFICATION_IN_USE = gettext_lazy(
    "This qualification is recorded by staff members and cannot be deleted. "
    "Make it inactive instead: it then stays in old records but cannot be chosen."
)


# --- Catalogue ----------------------------------------------------------------


class QualificationDeleteView(DeleteView):
    """Refuses to delete a qualification that staff have recorded; HR makes it inactive
    instead."""

    def get(self, request, *args, **kwargs):
        if self.object.holders.exists():
            return self._refuse()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        if self.object.holders.exists():
            return self._refuse()
        try:
            return super().form_valid(form)
        except ProtectedError:
            return self._refuse()

    def _refuse(self):
        messages.error(self.request, QUALIFICATION_IN_USE)
        return redirect(self.index_url_name)


class QualificationViewSet(ModelViewSet):
    """The catalogue HR adds to and edits; a qualification that staff recorded cannot be
    deleted."""

    model = Qualification
    icon = "tag"
    menu_label = gettext_lazy("Qualification catalogue")
    form_fields = ["name", "issuer", "kind", "active"]
    list_display = ["name", "issuer", "kind", yes_no_column(Qualification, "active")]
    list_filter = ["kind", "active"]
    search_fields = ["name", "issuer"]
    delete_view_class = QualificationDeleteView
    copy_view_enabled = False


# --- Review queue -----------------------------------------------------------


def staff_qualification_list_filtered(
    *, status: str = "", department=None, qualification=None
) -> QuerySet[StaffQualification]:
    """The queue's rows with staff, department and qualification loaded up
    front; ``department`` matches its whole subtree."""
    qs = StaffQualification.objects.select_related(
        "qualification", "user__staff_profile__department"
    )
    if status:
        qs = qs.filter(status=status)
    if department is not None:
        qs = qs.filter(
            user__staff_profile__department__path__startswith=department.path
        )
    if qualification is not None:
        qs = qs.filter(qualification=qualification)
    return qs.order_by("created_at", "pk")


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def review_index(request):
    _require(request, VIEW_PERMISSION)
    form = StaffQualificationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = staff_qualification_list_filtered(
        status=filters.get("status", QualificationStatus.SUBMITTED),
        department=filters.get("department"),
        qualification=filters.get("qualification"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "certificates/qualifications/admin/qualification_review_index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_decide": request.user.has_perm(VERIFY_PERMISSION),
        },
    )


def review_detail(request, pk: int, reject_form=None):
    _require(request, VIEW_PERMISSION)
    record = get_object_or_404(
        StaffQualification.objects.select_related(
            "qualification", "user__staff_profile__department", "reviewed_by"
        ),
        pk=pk,
    )
    can_decide = (
        request.user.has_perm(VERIFY_PERMISSION)
        and record.status == QualificationStatus.SUBMITTED
        and record.user_id != request.user.pk
    )
    return TemplateResponse(
        request,
        "certificates/qualifications/admin/qualification_review_detail.html",
        {
            "record": record,
            "profile": getattr(record.user, "staff_profile", None),
            # The full number only for those who verify it against the evidence.
            "show_full_number": request.user.has_perm(VERIFY_PERMISSION),
            "can_decide": can_decide,
            "reject_form": reject_form or StaffQualificationRejectForm(),
        },
    )


@require_POST
def review_verify(request, pk: int):
    _require(request, VERIFY_PERMISSION)
    record = get_object_or_404(StaffQualification, pk=pk)
    try:
        staff_qualification_verify(staff_qualification=record, reviewer=request.user)
    except QualificationError as error:
        messages.error(request, str(error))
        return redirect("qualification_review:detail", pk=pk)
    messages.success(request, _("“%(record)s” verified.") % {"record": record})
    return redirect("qualification_review:index")


@require_POST
def review_reject(request, pk: int):
    _require(request, VERIFY_PERMISSION)
    record = get_object_or_404(StaffQualification, pk=pk)
    form = StaffQualificationRejectForm(request.POST)
    if not form.is_valid():
        return review_detail(request, pk, reject_form=form)
    try:
        staff_qualification_reject(
            staff_qualification=record,
            reviewer=request.user,
            reason=form.cleaned_data["reason"],
        )
    except QualificationError as error:
        messages.error(request, str(error))
        return redirect("qualification_review:detail", pk=pk)
    messages.success(request, _("“%(record)s” rejected.") % {"record": record})
    return redirect("qualification_review:index")


class _ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


class StaffQualificationReviewViewSet(ViewSet):
    """The review queue, shown to ``view_staffqualification`` (HR, auditors); verifying
    or rejecting needs ``verify_staffqualification``, and never on one's own record."""

    icon = "tick-inverse"
    menu_label = gettext_lazy("Verify qualifications")
    menu_item_class = _ReviewMenuItem

    def get_urlpatterns(self):
        return [
            path("", review_index, name="index"),
            path("<int:pk>/", review_detail, name="detail"),
            path("<int:pk>/verify/", review_verify, name="verify"),
            path("<int:pk>/reject/", review_reject, name="reject"),
        ]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))


class QualificationViewSetGroup(ViewSetGroup):
    """The "Qualifications" menu: the catalogue and the review queue."""

    menu_label = gettext_lazy("Qualifications")
    menu_name = "qualifications"
    menu_icon = "tick-inverse"
    menu_order = 260
    items = (
        QualificationViewSet("qualifications"),
        StaffQualificationReviewViewSet("qualification_review"),
    )
