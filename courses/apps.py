"""The courses app's config; the admin calls it "Learning"."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"
