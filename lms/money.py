"""Money is whole 원 in ``int`` everywhere; this is the one formatter."""

from django.utils.translation import gettext as _


def won_format(amount: int | None) -> str:
    """1234000 → '1,234,000원' (Korean) / '₩1,234,000' is not used: the unit
    follows the number as on Korean administrative documents."""
    if amount is None:
        return ""
    return _("%(amount)s won") % {"amount": f"{int(amount):,}"}
