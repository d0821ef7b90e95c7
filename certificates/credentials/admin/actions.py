"""Revoke and reissue in the certificate registry: who may act (the registry's
permission policy and ``_can_revoke``), the required-reason form, the
confirmation views, and ``_action_url`` for the registry's per-certificate
URLs. Only HR revokes or reissues, always with a reason.

The permission policy lives here rather than in ``viewsets`` because the
action and listing views check it, and the viewset module imports them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import register_permission_policy

from certificates.credentials.models import Certificate
from certificates.credentials.services.issuing import (
    REASON_REQUIRED,
    CertificateError,
    certificate_reissue,
    certificate_revoke,
)
from lms.permissions import RefusingPermissionPolicy

# The registry viewset's URL namespace (``CertificateViewSet.url_namespace``).
URL_NAMESPACE = "certificate_registry"
REVOKE = "revoke"


# Certificates are issued by the system: view and revoke only.
permission_policy = RefusingPermissionPolicy(Certificate)
register_permission_policy(Certificate, permission_policy)


def _action_url(name: str, certificate: Certificate) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=[certificate.pk])


def _can_revoke(user, certificate: Certificate | None = None) -> bool:
    if certificate is not None and certificate.revoked_at is not None:
        return False
    return permission_policy.user_has_permission(user, REVOKE)


class CertificateReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Kept in the registry for HR and auditors; never shown on the public "
            "verification page."
        ),
        error_messages={"required": REASON_REQUIRED},
    )


class CertificateActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page with a required reason; POST performs the action.
    Only for ``revoke_certificate``; others get a plain 403 (not Wagtail's
    redirect to the dashboard), checked before the certificate is looked up."""

    form_class = CertificateReasonForm
    template_name = "certificates/credentials/admin/certificate_action.html"
    header_icon = "doc-full"
    index_url_name = None
    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not permission_policy.user_has_permission(request.user, REVOKE):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def object(self) -> Certificate:
        return get_object_or_404(Certificate, pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Certificate registry")},
            {"url": _action_url("inspect", self.object), "label": self.object.serial},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.object,
            action=self.action,
            already_revoked=self.object.revoked_at is not None,
            cancel_url=_action_url("inspect", self.object),
        )
        return context

    def form_valid(self, form):
        try:
            result = self.perform(reason=form.cleaned_data["reason"])
        except CertificateError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(_action_url("inspect", result))

    def perform(self, *, reason: str) -> Certificate:
        raise NotImplementedError

    def success_message(self, result: Certificate) -> str:
        raise NotImplementedError


class CertificateRevokeView(CertificateActionView):
    """Revoke with a reason; the public verification page shows the certificate as
    revoked from then on."""

    action = "revoke"

    def get_page_title(self):
        return _("Revoke certificate")

    def perform(self, *, reason: str) -> Certificate:
        return certificate_revoke(
            certificate=self.object, actor=self.request.user, reason=reason
        )

    def success_message(self, result: Certificate) -> str:
        return _("Certificate %(serial)s has been revoked.") % {"serial": result.serial}


class CertificateReissueView(CertificateActionView):
    """Revoke and replace in one step (e.g. a misspelt name): the new certificate gets
    a new serial and code and keeps the old expiry."""

    action = "reissue"

    def get_page_title(self):
        return _("Reissue certificate")

    def perform(self, *, reason: str) -> Certificate:
        return certificate_reissue(
            certificate=self.object, actor=self.request.user, reason=reason
        )

    def success_message(self, result: Certificate) -> str:
        return _("Certificate %(old)s has been revoked and reissued as %(new)s.") % {
            "old": self.object.serial,
            "new": result.serial,
        }
