"""The ``lms_date`` and ``lms_datetime`` template filters (see ``lms.dates``)."""

from django import template

from lms.dates import date_text, datetime_text

register = template.Library()


@register.filter(expects_localtime=True)
def lms_date(value) -> str:
    """{{ due_on|lms_date }} → 2026. 12. 31. (Korean) or 31 Dec 2026 (English)."""
    return date_text(value)


@register.filter(expects_localtime=True)
def lms_datetime(value) -> str:
    """{{ submitted_at|lms_datetime }} → 2026. 12. 31. 14:05 or 31 Dec 2026, 14:05."""
    return datetime_text(value)
