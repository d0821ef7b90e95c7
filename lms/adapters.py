"""django-allauth hooks: no sign-up (HR makes the accounts), where each role lands
after login, and how a user is named."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from lms.roles import user_has_admin_access


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by HR, never by sign-up; each role lands where it works."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        user = request.user
        if user_has_admin_access(user):
            return reverse("wagtailadmin_home")
        return reverse("learn_dashboard")


def user_display(user) -> str:
    """Staff are named by their name, not their staff number."""
    return user.display_name
