"""django-allauth hooks: no sign-up (HR makes the accounts), where each role lands
after login, how a user is named, and mail that names the site by its settings
and links to its public address (not to the host a request named)."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from lms.roles import user_has_admin_access
from lms.services.invitations import mail_subject, site_mail_context, site_url


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by HR, never by sign-up; each role lands where it works."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        user = request.user
        if user_has_admin_access(user):
            return reverse("wagtailadmin_home")
        return reverse("learn_dashboard")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**site_mail_context(), **context})

    def format_email_subject(self, subject) -> str:
        return mail_subject(subject)

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        )
        return site_url(path.replace("UID-KEY", quote(key)))


def user_display(user) -> str:
    """Staff are named by name and staff number (홍길동 (20190001)), as in the
    admin, never by the staff number alone; allauth shows it after login and
    names the account in authenticator apps."""
    return str(user)
