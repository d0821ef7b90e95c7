"""The admin's own login page (/admin/login/, ``WAGTAILADMIN_USER_LOGIN_FORM``):
the same field as the site's login, e-mail or staff number, and every label in
Korean (Wagtail's form leaves the password field labelled "Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


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
        username = self.fields["username"]
        username.label = _("Email or staff number")
        username.widget.attrs.update(
            {
                "placeholder": _("e.g. hong@example.com or 20200101"),
                "autocomplete": "username",
            }
        )
        self.fields["password"].label = _("Password")
