"""Registration only: the certificate registry and its ZIP download in the
admin, the learner's menu link, and the expiring-certificates panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from certificates.credentials.admin.downloads import CertificateZipView
from certificates.credentials.admin.viewsets import CertificateViewSet
from certificates.credentials.dashboard_panels import credentials_dashboard_panels
from lms.history import history_actions_register


@hooks.register("register_admin_urls")
def register_certificate_zip_url():
    return [
        path("certificates/zip/", CertificateZipView.as_view(), name="certificates_zip")
    ]


@hooks.register("register_admin_viewset")
def register_certificate_registry():
    return CertificateViewSet()


@hooks.register("lms_site_nav_items")
def credentials_nav_items(request):
    if not getattr(request.user, "is_authenticated", False):
        return []
    return [(_("My certificates"), reverse("learner_certificates"))]


@hooks.register("lms_dashboard_panels")
def credentials_panels():
    return credentials_dashboard_panels()


@hooks.register("register_log_actions")
def register_certificate_history(actions):
    history_actions_register(
        actions,
        {
            "certificates.revoke": (_("Revoke certificate"), _("Certificate revoked")),
            "certificates.reissue": (
                _("Reissue certificate"),
                _("Certificate reissued (replaces the revoked one)"),
            ),
        },
    )
