"""Admin views of the invitations: HR mails the set-password link to staff who
have no password yet, from the staff import's result, from the list of people
waiting (Organisation → Invitations) or from one person's edit page.

Sending is for ``lms.change_staffprofile`` (``INVITE_PERMISSION``), by POST
only; the services check the permission again. Many invitations go out in the
background (``staff_invitations_enqueue``), one at once
(``staff_invitations_send``), so that HR sees at once whether it left.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.widgets.button import HeaderButton

from lms.app_settings import app_settings
from lms.models import Department, StaffProfile
from lms.models.organisation import DepartmentKind
from lms.services.invitations import (
    INVITE_PERMISSION,
    InvitationCandidates,
    invitation_candidates,
    staff_awaiting_password,
    staff_invitations_enqueue,
    staff_invitations_send,
)

PAGE_SIZE = 100
BATCH_SALT = "lms.admin.invitations.batch"
BATCH_MAX_AGE = 24 * 60 * 60  # seconds the import's "invite them" button works
LIST_TEMPLATE = "lms/admin/invitations.html"
CONFIRM_TEMPLATE = "lms/admin/invitation_confirm.html"

PASSWORD_SET = _("password set")
SEND = _("Send invitation")
SEND_AGAIN = _("Send the invitation again")
NOTHING_SELECTED = _("Select at least one person to invite.")
BATCH_EXPIRED = _(
    "The list of new staff from the import has expired. Select them on this "
    "page instead."
)
MAIL_FAILED = _(
    "The mail server did not take the invitation. Try again later or tell the "
    "administrator."
)


def _invited_at_text(profile: StaffProfile) -> str:
    """The day of the last invitation, and whether the person has set a
    password since (the staff list loads each profile's login with it)."""
    password_set = profile.user.has_usable_password()
    if profile.invited_at is None:
        return str(PASSWORD_SET) if password_set else "—"
    day = date_format(localtime(profile.invited_at), "DATE_FORMAT")
    return f"{day} ({PASSWORD_SET})" if password_set else day


INVITED_AT_COLUMN = Column(
    "invited_at",
    label=_("Invitation sent"),
    accessor=_invited_at_text,
    sort_key="invited_at",
)


def _invite_url(profile: StaffProfile) -> str:
    return reverse("lms_staff_invite", args=[profile.pk])


def _may_be_invited(profile: StaffProfile) -> bool:
    return profile.user.is_active and not profile.user.has_usable_password()


class StaffIndexView(IndexView):
    """The staff list, with the invitations page a click away and "Send
    invitation" on the rows of people without a password."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(INVITE_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Invitations"), url=reverse("lms_invitations"), icon_name="mail"
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(INVITE_PERMISSION) and _may_be_invited(instance):
            buttons.append(
                MenuItem(
                    SEND,
                    url=_invite_url(instance),
                    icon_name="mail",
                    priority=40,
                )
            )
        return buttons


class StaffEditView(EditView):
    """A staff record, with "Send invitation" in its header while the person
    has no password."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        profile = self.object
        if self.request.user.has_perm(INVITE_PERMISSION) and _may_be_invited(profile):
            label = SEND_AGAIN if profile.invited_at else SEND
            buttons.append(
                HeaderButton(label, url=_invite_url(profile), icon_name="mail")
            )
        return buttons


# --- The staff import's result ------------------------------------------------------


def invitation_offer(*, user, staff_numbers: list[str]) -> dict | None:
    """What the import's result page offers: how many of the new people can be
    invited, how many cannot for want of an e-mail address, and a signed list
    of them for the button (``None`` without the permission)."""
    if not user.has_perm(INVITE_PERMISSION) or not staff_numbers:
        return None
    profiles = StaffProfile.objects.filter(
        staff_number__in=staff_numbers
    ).select_related("user")
    candidates = invitation_candidates(profiles)
    ids = [profile.pk for profile in candidates.invitable]
    return {
        "count": len(ids),
        "without_email": len(candidates.without_email),
        "batch": signing.dumps(
            {"ids": ids, "user": user.pk}, salt=BATCH_SALT, compress=True
        ),
    }


def _batch_ids(request) -> list[int] | None:
    try:
        data = signing.loads(
            request.POST["batch"], salt=BATCH_SALT, max_age=BATCH_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if data.get("user") != request.user.pk:
        return None
    return [pk for pk in data.get("ids", []) if isinstance(pk, int)]


# --- Invitations: everyone waiting for a password ---------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(INVITE_PERMISSION, raise_exception=True)
def staff_invitations(request):
    """GET: staff with an open login and no password yet, with the day each was
    invited; POST: invite the ticked ones, everyone not yet invited, or the new
    people of an import."""
    if request.method != "POST":
        return _list(request)
    if "batch" in request.POST:
        ids = _batch_ids(request)
        if ids is None:
            return _list(request, error=BATCH_EXPIRED, status=400)
        profiles = StaffProfile.objects.filter(pk__in=ids)
    elif request.POST.get("scope") == "never_invited":
        profiles = staff_awaiting_password().filter(invited_at__isnull=True)
    else:
        ids = [v for v in request.POST.getlist("profile") if v.isdigit()]
        profiles = StaffProfile.objects.filter(pk__in=ids)
    candidates = staff_invitations_enqueue(
        actor=request.user, profiles=profiles.select_related("user")
    )
    if not any(vars(candidates).values()):
        return _list(request, error=NOTHING_SELECTED, status=400)
    _report(request, candidates)
    return redirect("lms_invitations")


def _report(request, candidates: InvitationCandidates) -> None:
    if count := len(candidates.invitable):
        messages.success(
            request,
            ngettext(
                "Sending the invitation to %(count)s person. The day it went out "
                "appears under “Invitation sent”.",
                "Sending the invitation to %(count)s people. The day each went out "
                "appears under “Invitation sent”.",
                count,
            )
            % {"count": count},
        )
    _report_skipped(
        request,
        without_email=len(candidates.without_email),
        with_password=len(candidates.with_password),
        inactive=len(candidates.inactive),
    )


def _report_skipped(request, *, without_email, with_password, inactive) -> None:
    notes = [
        ngettext(
            "%(count)s person has no e-mail address and was not invited: add one "
            "on their staff record first.",
            "%(count)s people have no e-mail address and were not invited: add one "
            "on their staff records first.",
            without_email,
        ),
        ngettext(
            "%(count)s person has already set a password and needs no invitation.",
            "%(count)s people have already set a password and need no invitation.",
            with_password,
        ),
        ngettext(
            "%(count)s person is retired (login closed) and was not invited.",
            "%(count)s people are retired (login closed) and were not invited.",
            inactive,
        ),
    ]
    for count, note in zip(
        (without_email, with_password, inactive), notes, strict=True
    ):
        if count:
            messages.warning(request, note % {"count": count})


def _list(request, *, error=None, status=200):
    waiting = staff_awaiting_password()
    never_invited = waiting.filter(invited_at__isnull=True)
    shown = waiting
    if query := request.GET.get("q", "").strip():
        shown = shown.filter(
            Q(name__icontains=query) | Q(staff_number__icontains=query)
        )
    if request.GET.get("invited") == "no":
        shown = shown.filter(invited_at__isnull=True)
    elif request.GET.get("invited") == "yes":
        shown = shown.filter(invited_at__isnull=False)
    shown = shown.order_by(F("invited_at").asc(nulls_first=True), "staff_number")
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "rows": _with_department_names(page.object_list),
        "waiting_count": waiting.count(),
        "never_invited_count": never_invited.exclude(user__email="").count(),
        "without_email_count": waiting.filter(user__email="").count(),
        "query": query,
        "invited": request.GET.get("invited", ""),
        "error": error,
        "invitation_valid_days": app_settings.INVITATION_VALID_DAYS,
    }
    return TemplateResponse(request, LIST_TEMPLATE, context, status=status)


def _with_department_names(profiles) -> list[tuple[StaffProfile, str]]:
    """Each profile with its department as documents name it ("정보통신과
    정보정책팀"), the parents read in one query rather than one per row."""
    profiles = list(profiles)
    steplen = Department.steplen
    parent_paths = {
        p.department.path[:-steplen] for p in profiles if p.department.depth > 1
    }
    parents = dict(
        Department.objects.filter(path__in=parent_paths).values_list("path", "name")
    )
    rows = []
    for profile in profiles:
        department = profile.department
        name = department.name
        if department.kind == DepartmentKind.TEAM and department.depth > 1:
            parent = parents.get(department.path[:-steplen])
            name = f"{parent} {name}" if parent else name
        rows.append((profile, name))
    return rows


# --- One person -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(INVITE_PERMISSION, raise_exception=True)
def staff_invite(request, pk: int):
    """GET: whom the invitation goes to, and whether it can; POST: send it now."""
    profile = get_object_or_404(StaffProfile.objects.select_related("user"), pk=pk)
    if request.method == "POST":
        result = staff_invitations_send(actor=request.user, profiles=[profile])
        if result.sent:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.")
                % {"email": profile.user.email},
            )
        elif result.failed:
            messages.error(request, MAIL_FAILED)
        _report_skipped(
            request,
            without_email=result.without_email,
            with_password=result.with_password,
            inactive=result.inactive,
        )
        return redirect("staff:edit", profile.pk)
    candidates = invitation_candidates([profile])
    context = {
        "profile": profile,
        "invitable": bool(candidates.invitable),
        "without_email": bool(candidates.without_email),
        "with_password": bool(candidates.with_password),
        "inactive": bool(candidates.inactive),
        "invited_at": _invited_at_text(profile),
        "invitation_valid_days": app_settings.INVITATION_VALID_DAYS,
    }
    return TemplateResponse(request, CONFIRM_TEMPLATE, context)
