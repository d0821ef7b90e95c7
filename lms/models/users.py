"""The user model (``AUTH_USER_MODEL``): a login, named by its staff profile."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. For staff the username is the staff number (see StaffProfile)."""

    email = models.EmailField(_("email address"), blank=True, db_index=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        profile = getattr(self, "staff_profile", None)
        if profile is not None:
            return profile.name
        return self.get_full_name() or self.get_username()
