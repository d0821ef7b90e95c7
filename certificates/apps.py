"""The certificates app's config: one app label, ``certificates``, for its three
rooms (credentials, qualifications, support)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates and support")
    default_auto_field = "django.db.models.BigAutoField"
