"""The core's front-end views: the health check at ``/healthz`` and the page
behind an invitation's link, where a new member of staff sets their password."""

import logging

from allauth.account.forms import ResetPasswordKeyForm
from django.contrib import messages
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from lms.app_settings import app_settings
from lms.services.invitations import (
    EXPIRED,
    INVALID,
    VALID,
    InvitationLinkInvalid,
    invitation_password_set,
    invitation_state,
    invitation_user,
)

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database_ok = True
    except Exception:  # any driver error means "not healthy"
        logger.exception("health check: database did not respond")
        database_ok = False
    return JsonResponse(
        {"status": "ok" if database_ok else "error", "database": database_ok},
        status=200 if database_ok else 503,
    )


# The token leaves the address bar (and any Referer) for the session, as
# Django's and allauth's password-reset views do.
INVITATION_SESSION_KEY = "lms_invitation_token"
SET_PASSWORD_STEP = "set-password"  # noqa: S105 (a URL segment, not a password)
PASSWORD_SET = _(
    "Your password is set. Log in with your e-mail address or your staff number "
    "and the new password."
)


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, uidb36: str, token: str):
    """An invitation's link: a valid one leads to the set-password form; a used,
    expired or damaged one to a page that says what to do instead."""
    user = invitation_user(uidb36)
    if token != SET_PASSWORD_STEP:
        state = invitation_state(user, token)
        if state != VALID:
            return _invitation_unusable(request, state)
        request.session[INVITATION_SESSION_KEY] = token
        return redirect("lms_invitation_accept", uidb36=uidb36, token=SET_PASSWORD_STEP)
    token = request.session.get(INVITATION_SESSION_KEY, "")
    state = invitation_state(user, token)
    if state != VALID:
        return _invitation_unusable(request, state)
    form = ResetPasswordKeyForm(request.POST or None, user=user, temp_key=token)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_password_set(
                user=user, token=token, password=form.cleaned_data["password1"]
            )
        except InvitationLinkInvalid:
            return _invitation_unusable(request, INVALID)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, PASSWORD_SET)
        return redirect(reverse("account_login"))
    profile = getattr(user, "staff_profile", None)
    context = {"form": form, "invited": user, "profile": profile}
    return TemplateResponse(request, "lms/invitation_accept.html", context)


def _invitation_unusable(request, state: str):
    context = {
        "expired": state == EXPIRED,
        "valid_days": app_settings.INVITATION_VALID_DAYS,
    }
    return TemplateResponse(request, "lms/invitation_unusable.html", context)
