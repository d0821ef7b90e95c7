"""The user model (``AUTH_USER_MODEL``): a login, named by its staff profile."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. For staff the username is the staff number (see StaffProfile).

    Three names, for three readers:

    - ``display_name``: the plain name (홍길동), as the learner site, e-mails and
      certificates print it.
    - ``get_full_name()`` and ``str(user)``: the name with the staff number
      (홍길동 (20190001)), as HR and auditors tell people apart in the admin.
      Wagtail names users by ``get_full_name()`` (history, locks, reports)
      and listings, choosers and filters by ``str()``; the sidebar's account
      menu follows through ``lms.admin_display``.
    - ``get_username()``: the staff number alone, the login.
    """

    email = models.EmailField(_("email address"), blank=True, db_index=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.get_username()

    @property
    def _profile(self):
        return getattr(self, "staff_profile", None)

    def get_full_name(self) -> str:
        profile = self._profile
        if profile is not None:
            return f"{profile.name} ({profile.staff_number})"
        return super().get_full_name()

    @property
    def display_name(self) -> str:
        profile = self._profile
        if profile is not None:
            return profile.name
        return super().get_full_name() or self.get_username()
