"""Decisions in the Wagtail admin's history.

Services that decide something about a record (revoke or reissue a
certificate, verify or reject a qualification, decide a claim) call
``history_record``; the record's "History" page in the admin then lists who
did what and when, and why. Each app registers its
actions with ``history_actions_register`` from its ``register_log_actions``
hook. The product's own trails (the claims' hash-chained events, the export
and access logs) stay the records of authority; this is what HR and auditors
see in the admin beside them.

Wagtail shows an object's History page to those who may add, change or delete
it, and links it to the edit page. Certificates and claims are never edited in
the admin (their permission policies refuse it), so ``DecisionHistoryMixin``
shows their history to whoever may view them (HR, auditors) and leads back to
the record's inspect page.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views.generic.history import HistoryView
from wagtail.log_actions import LogFormatter, log


class ReasonFormatter(LogFormatter):
    """A fixed message followed by the reason given (the History page lists
    messages only), and the reason again as the comment."""

    def format_message(self, log_entry):
        return self.with_reason(str(self.message), log_entry)

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")

    @staticmethod
    def with_reason(message: str, log_entry) -> str:
        reason = (log_entry.data or {}).get("reason", "")
        return f"{message}: {reason}" if reason else message


def history_actions_register(actions, entries: dict) -> None:
    """``entries``: {action: (label, message)}, e.g.
    ``{"certificates.revoke": (_("Revoke certificate"), _("Certificate revoked"))}``."""
    for action, (label, message) in entries.items():
        formatter = type(
            "Formatter", (ReasonFormatter,), {"label": label, "message": message}
        )
        actions.register_action(action)(formatter)


def history_record(*, instance, action: str, actor, reason: str = "", **data) -> None:
    """Add the decision to ``instance``'s admin history."""
    log(instance, action, user=actor, data={"reason": reason, **data})


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
