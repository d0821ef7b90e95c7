"""Template tags of the admin's home (templates/wagtailadmin/home.html)."""

from django import template
from django.utils.translation import gettext as _
from wagtail.admin.auth import user_has_any_page_permission

from lms.roles import GROUP_NAMES

register = template.Library()


@register.simple_tag
def lms_home_roles(user) -> list[str]:
    """The person's roles by their Korean group names (학습자 left out: every
    member of staff is one)."""
    names = set(user.groups.values_list("name", flat=True))
    shown = [name for key, name in GROUP_NAMES.items() if key != "learner"]
    roles = [name for name in shown if name in names]
    if user.is_superuser:
        roles.insert(0, _("Administrator"))
    return roles


@register.simple_tag
def lms_home_may_explore(user) -> bool:
    """Whether the person edits pages, and so gets the page search."""
    return user_has_any_page_permission(user)
