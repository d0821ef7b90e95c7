"""One place that masks personal data for display and export.

Masked output keeps just enough for a person to recognise their own record
(홍*동, 2020***45) and nothing that identifies someone to a stranger.
"""


def name_mask(name: str) -> str:
    """홍길동 → 홍*동, 김철 → 김*, 남궁민수 → 남**수, John Smith → J********h."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def identifier_mask(value: str, *, keep_start: int = 2, keep_end: int = 2) -> str:
    """Keep the first and last characters of a staff or certificate number.

    Short values are masked entirely except one character, so that masking
    never reveals most of a short identifier.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= keep_start + keep_end + 1:
        return value[0] + "*" * (len(value) - 1)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


def staff_number_mask(staff_number: str) -> str:
    """P2019001 → P2****01."""
    return identifier_mask(staff_number, keep_start=2, keep_end=2)
