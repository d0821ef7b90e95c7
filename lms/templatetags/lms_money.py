"""The ``won`` template filter: money as whole 원, formatted by ``lms.money``."""

from django import template

from lms.money import won_format

register = template.Library()


@register.filter
def won(amount) -> str:
    """{{ 1234000|won }} → 1,234,000원: the one money formatter, in templates."""
    return won_format(amount)
