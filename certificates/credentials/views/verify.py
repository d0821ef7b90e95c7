"""Public verification of a certificate by its code (typed, or from the QR).

No login. The page shows only what the paper certificate already shows to
whoever holds it: the masked name, course, topics, dates and the status —
never the staff number, the department or why a certificate was revoked.
Every response is private (no caching, no referrer: the code is in the URL,
no indexing) and each client is rate limited.
"""

import re
from functools import wraps

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from certificates.credentials.models import Certificate, CertificateStatus
from certificates.credentials.ratelimit import (
    retry_after_seconds,
    verify_rate_limit_hit,
)
from certificates.credentials.services.issuing import verification_code_normalise
from lms.masking import name_mask

# 160 bits in RFC 4648 base32: 32 characters from A–Z and 2–7.
CODE_PATTERN = re.compile(r"[A-Z2-7]{32}")
# Digits that base32 never uses but people type for look-alike letters.
LOOK_ALIKES = str.maketrans("018", "OIB")
CODE_REQUIRED = _("Enter the verification code printed on the certificate.")
CODE_MALFORMED = _(
    "This is not a verification code. It has 32 letters and digits, "
    "printed in groups of four under the QR code."
)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_(
            "The code printed under the QR code, e.g. ABCD-EFGH-…. "
            "Upper or lower case, with or without hyphens and spaces."
        ),
        max_length=80,
        error_messages={"required": CODE_REQUIRED},
    )

    def clean_code(self) -> str:
        code = code_from_typed(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(CODE_REQUIRED)
        if not CODE_PATTERN.fullmatch(code):
            raise forms.ValidationError(CODE_MALFORMED)
        return code


def code_from_typed(raw: str) -> str:
    """What a person typed or a QR carried, as stored (any case, hyphens, spaces)."""
    return verification_code_normalise(raw).translate(LOOK_ALIKES)


# The code is in the URL, so no request from these pages may carry the path in
# a Referer. "strict-origin" sends only the origin (never the path, nothing
# over plain HTTP); "no-referrer" would also do that, but then browsers send
# "Origin: null" with the page's own POST forms (this form, the language
# switcher, log out), which Django's CSRF check rightly refuses.
REFERRER_POLICY = "strict-origin"


def _private(view):
    """Headers of every verification response, including 404 and 429."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = REFERRER_POLICY
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapped)


def _too_many(request) -> TemplateResponse:
    response = TemplateResponse(
        request,
        "certificates/credentials/verify_form.html",
        {"form": VerifyForm(), "rate_limited": True},
        status=429,
    )
    response["Retry-After"] = str(retry_after_seconds())
    return response


@_private
@require_http_methods(["GET", "HEAD", "POST"])
def verify_form(request):
    """The form; a submitted code (GET ?code= or POST) goes to its result page."""
    submitted = request.method == "POST" or "code" in request.GET
    if not submitted:
        return TemplateResponse(
            request, "certificates/credentials/verify_form.html", {"form": VerifyForm()}
        )
    if verify_rate_limit_hit(request, scope="form"):
        return _too_many(request)
    form = VerifyForm(request.POST if request.method == "POST" else request.GET)
    if form.is_valid():
        return redirect("certificates_public:verify", code=form.cleaned_data["code"])
    return TemplateResponse(
        request, "certificates/credentials/verify_form.html", {"form": form}, status=200
    )


def _certificate_for_code(code: str) -> Certificate | None:
    if not CODE_PATTERN.fullmatch(code):
        return None
    return (
        Certificate.objects.select_related("replaced_by")
        .filter(code=code)
        .only(
            "serial",
            "kind",
            "holder_name",
            "course_title",
            "topics",
            "recognised_hours",
            "issued_on",
            "expires_on",
            "revoked_at",
            "replaced_by__id",
        )
        .first()
    )


@_private
@require_http_methods(["GET", "HEAD"])
def verify(request, code: str):
    """The result of one code: valid (also when expiring soon), expired or revoked."""
    if verify_rate_limit_hit(request, scope="lookup"):
        return _too_many(request)
    certificate = _certificate_for_code(code_from_typed(code))
    if certificate is None:
        return TemplateResponse(
            request,
            "certificates/credentials/verify_not_found.html",
            {
                "form": VerifyForm(),
                "form_action": reverse("certificates_public:verify_form"),
            },
            status=404,
        )
    status = certificate.status
    return TemplateResponse(
        request,
        "certificates/credentials/verify_result.html",
        {
            "certificate": certificate,
            "masked_name": name_mask(certificate.holder_name),
            "status": status,
            "is_valid": status in (CertificateStatus.VALID, CertificateStatus.EXPIRING),
            "is_expiring": status == CertificateStatus.EXPIRING,
            "is_expired": status == CertificateStatus.EXPIRED,
            "is_revoked": status == CertificateStatus.REVOKED,
            "was_reissued": _has_replacement(certificate),
        },
    )


def _has_replacement(certificate: Certificate) -> bool:
    try:
        return certificate.replaced_by is not None
    except Certificate.DoesNotExist:
        return False
