"""The core app's config; ``ready()`` loads ``roles`` so that the role groups get
their permissions after every ``migrate``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Organisation and staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import roles  # noqa: F401  (connects the post_migrate role sync)
