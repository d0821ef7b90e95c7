"""The admin's History page for records that only services write.

Wagtail shows an object's history to those who may add, change or delete it,
and links it to the edit page. Certificates and claims are never edited in the
admin (their permission policies refuse it), so here the history is shown to
whoever may view them (HR, auditors: who revoked, reissued or decided what,
and why) and leads back to the record's inspect page.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views.generic.history import HistoryView


class DecisionHistoryView(HistoryView):
    any_permission_required = ["view"]
    inspect_url_name = None

    def get_edit_url(self, instance):
        if self.inspect_url_name:
            return reverse(self.inspect_url_name, args=(quote(instance.pk),))
        return None

    @cached_property
    def header_buttons(self):
        return []  # nothing to edit


class DecisionHistoryMixin:
    """For a ``ModelViewSet`` of records that only services write."""

    history_view_class = DecisionHistoryView

    def get_history_view_kwargs(self, **kwargs):
        return {
            **super().get_history_view_kwargs(**kwargs),
            "inspect_url_name": self.get_url_name("inspect"),
        }
