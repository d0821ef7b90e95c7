"""The admin's own login page (/admin/login/, ``WAGTAILADMIN_USER_LOGIN_FORM``):
the same field as the site's login, e-mail or staff number, and every label in
Korean (Wagtail's form leaves the password field labelled "Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from lms.forms import staff_login_field


class AdminLoginForm(LoginForm):
    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _(
            "The email address or staff number and the password do not match. "
            "Please try again."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff_login_field(self.fields["username"])
        self.fields["password"].label = _("Password")
