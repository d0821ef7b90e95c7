"""Invitations: the mail that lets a person HR created set their first password.

Staff made by the import or the admin's form have a login without a usable
password (``staff_create``, ``staff_import_apply``). ``staff_invitations_send``
mails each of them a link to set one and records ``StaffProfile.invited_at``.
The link carries Django's password-reset token under its own salt
(``InvitationTokenGenerator``): it works for ``LMS_INVITATION_VALID_DAYS``
days and only once, because the token hashes the password (setting one spends
it) and the e-mail address (a link sent to an address HR has since corrected
stops working).

Every mail of the site names the site by its settings (``site_mail_context``:
the city and programme in ``LmsSettings``), never by the host of a request, and
builds its links on ``WAGTAILADMIN_BASE_URL`` (``site_url``). The allauth
adapter uses both for the password-reset mail.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int, int_to_base36
from django_tasks import task

from lms.app_settings import app_settings
from lms.models import LmsSettings, StaffProfile
from lms.permissions import permission_require

logger = logging.getLogger(__name__)

INVITE_PERMISSION = "lms.change_staffprofile"
BATCH = 500
MAX_USER_PK = 2**63 - 1

# What a set-password link is worth (``invitation_state``).
VALID = "valid"
EXPIRED = "expired"
INVALID = "invalid"  # forged, cut short, used, or sent to an address since changed


class InvitationLinkInvalid(Exception):
    """The set-password link stopped working between the page and the form."""


# --- The site in every mail -----------------------------------------------------


def site_name(lms_settings: LmsSettings | None = None) -> str:
    """The city and the programme from the site settings (파주시 AI 역량강화 교육)."""
    lms = lms_settings or LmsSettings.current()
    return " ".join(part for part in (lms.city_name, lms.programme_name) if part)


def site_url(path: str = "/") -> str:
    """``path`` on the site's public address (``WAGTAILADMIN_BASE_URL``), so that
    a mail's link never depends on the host a request happened to name."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_mail_context() -> dict:
    """What every mail template needs to name the site and whom to ask."""
    lms = LmsSettings.current()
    return {
        "lms_site_name": site_name(lms),
        "lms_site_url": site_url("/"),
        "lms_contact": lms.contact,
    }


def mail_subject(subject: str, context: dict | None = None) -> str:
    """The subject on one line, after the site's name in brackets."""
    name = (context or {}).get("lms_site_name") or site_name()
    return f"[{name}] " + " ".join(str(subject).split())


# --- The token ------------------------------------------------------------------


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token with its own salt (a reset link is no
    invitation, nor the other way round) and its own validity in days."""

    key_salt = "lms.services.invitations.InvitationTokenGenerator"

    @property
    def timeout(self) -> int:
        return app_settings.INVITATION_VALID_DAYS * 24 * 60 * 60

    def check_token(self, user, token) -> bool:
        return self.token_state(user, token) == VALID

    def token_state(self, user, token) -> str:
        """``VALID``, ``EXPIRED`` (genuine but past its days) or ``INVALID``."""
        if not (user and token):
            return INVALID
        try:
            ts_b36, _hash = str(token).split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return INVALID
        genuine = any(
            constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            )
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return INVALID
        if self._num_seconds(self._now()) - timestamp > self.timeout:
            return EXPIRED
        return VALID


invitation_tokens = InvitationTokenGenerator()


def invitation_url(user) -> str:
    """A fresh set-password link for ``user``."""
    path = reverse(
        "lms_invitation_accept",
        kwargs={
            "uidb36": int_to_base36(user.pk),
            "token": invitation_tokens.make_token(user),
        },
    )
    return site_url(path)


def invitation_user(uidb36: str):
    """The open login a link names, or ``None``."""
    try:
        pk = base36_to_int(uidb36)
    except ValueError:
        return None
    if pk > MAX_USER_PK:
        return None
    return (
        get_user_model()
        .objects.filter(pk=pk, is_active=True)
        .select_related("staff_profile")
        .first()
    )


def invitation_state(user, token: str) -> str:
    """What the link of ``user`` and ``token`` is worth (``VALID``, ``EXPIRED``,
    ``INVALID``); a closed login's link is invalid."""
    if user is None or not user.is_active:
        return INVALID
    return invitation_tokens.token_state(user, token)


def invitation_password_set(*, user, token: str, password: str) -> None:
    """Set ``user``'s password through their link, which is spent by it. The
    login is locked and the link checked again inside the lock, so that two
    submissions of one link set one password."""
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        if invitation_state(locked, token) != VALID:
            raise InvitationLinkInvalid
        locked.set_password(password)
        locked.save(update_fields=["password"])


# --- Whom to invite, and sending ------------------------------------------------


@dataclass
class InvitationCandidates:
    """``profiles`` sorted by whether they can be invited."""

    invitable: list[StaffProfile] = field(default_factory=list)
    without_email: list[StaffProfile] = field(default_factory=list)
    with_password: list[StaffProfile] = field(default_factory=list)
    inactive: list[StaffProfile] = field(default_factory=list)


@dataclass
class InvitationResult:
    sent: int = 0
    failed: int = 0  # the mail server refused or could not be reached
    without_email: int = 0
    with_password: int = 0
    inactive: int = 0


def staff_awaiting_password() -> QuerySet[StaffProfile]:
    """Staff with an open login and no password yet: whom an invitation is for."""
    return StaffProfile.objects.filter(
        user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX
    ).select_related("user", "department")


def invitation_candidates(profiles: Iterable[StaffProfile]) -> InvitationCandidates:
    """Who of ``profiles`` (loaded with their ``user``) can be invited: an open
    login with an e-mail address and no usable password yet."""
    candidates = InvitationCandidates()
    for profile in profiles:
        user = profile.user
        if not user.is_active:
            candidates.inactive.append(profile)
        elif user.has_usable_password():
            candidates.with_password.append(profile)
        elif not user.email:
            candidates.without_email.append(profile)
        else:
            candidates.invitable.append(profile)
    return candidates


def staff_invitations_send(
    *, actor, profiles: Iterable[StaffProfile]
) -> InvitationResult:
    """Mail each invitable person of ``profiles`` a new set-password link (older
    links keep working until used or expired) and record ``invited_at`` for
    each mail the server took. The others are counted, not mailed."""
    permission_require(actor, INVITE_PERMISSION)
    candidates = invitation_candidates(profiles)
    result = InvitationResult(
        without_email=len(candidates.without_email),
        with_password=len(candidates.with_password),
        inactive=len(candidates.inactive),
    )
    if not candidates.invitable:
        return result
    sent = _mail(candidates.invitable)
    now = timezone.now()
    for profile in sent:
        profile.invited_at = now
    StaffProfile.objects.bulk_update(sent, ["invited_at"], batch_size=BATCH)
    result.sent = len(sent)
    result.failed = len(candidates.invitable) - len(sent)
    return result


def staff_invitations_enqueue(
    *, actor, profiles: Iterable[StaffProfile]
) -> InvitationCandidates:
    """Check now (so that HR sees a refusal at once), then send in the
    background once the request's transaction commits: a roster of thousands
    is more mail than one request should wait for."""
    permission_require(actor, INVITE_PERMISSION)
    candidates = invitation_candidates(profiles)
    ids = [profile.pk for profile in candidates.invitable]
    if ids:
        transaction.on_commit(
            lambda: staff_invitations_run.enqueue(actor_id=actor.pk, profile_ids=ids)
        )
    return candidates


@task()
def staff_invitations_run(*, actor_id: int, profile_ids: list[int]) -> dict:
    actor = get_user_model().objects.get(pk=actor_id)
    profiles = StaffProfile.objects.filter(pk__in=profile_ids).select_related("user")
    result = staff_invitations_send(actor=actor, profiles=profiles)
    if result.failed:
        logger.warning("%s invitation mails were not sent", result.failed)
    return asdict(result)


def _mail(profiles: list[StaffProfile]) -> list[StaffProfile]:
    """Send one mail each over one connection; return those the server took."""
    context = site_mail_context()
    sent = []
    with translation.override(settings.LANGUAGE_CODE):
        messages = [(p, _invitation_message(p, context)) for p in profiles]
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("invitations: the mail server could not be reached")
        return sent
    try:
        for profile, message in messages:
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError):
                logger.exception("invitation to staff %s failed", profile.staff_number)
            else:
                sent.append(profile)
    finally:
        connection.close()
    return sent


def _invitation_message(profile: StaffProfile, context: dict) -> EmailMessage:
    user = profile.user
    days = app_settings.INVITATION_VALID_DAYS
    context = {
        **context,
        "name": profile.name,
        "staff_number": profile.staff_number,
        "email": user.email,
        "invitation_url": invitation_url(user),
        "valid_days": days,
        "valid_until": timezone.localtime() + timedelta(days=days),
        "login_url": site_url(reverse("account_login")),
        "reset_url": site_url(reverse("account_reset_password")),
    }
    subject = render_to_string("lms/email/invitation_subject.txt", context)
    body = render_to_string("lms/email/invitation_message.txt", context)
    return EmailMessage(mail_subject(subject, context), body.strip(), to=[user.email])
