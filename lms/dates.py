"""Dates as the UI writes them in each language (one place; templates use the
``lms_date`` and ``lms_datetime`` filters, code calls these functions).

Korean documents write ``2026. 12. 31.``, ending with a dot. English has no
such form, and the Korean one in an English sentence that ends with a full stop
reads "by 2026. 12. 31.." (issue #17), so English gets ``31 Dec 2026``.
"""

from django.utils import formats, translation

DATE_FORMATS = {"ko": "Y. n. j.", "en": "j M Y"}
DATETIME_FORMATS = {"ko": "Y. n. j. H:i", "en": "j M Y, H:i"}


def _format_for(by_language: dict[str, str]) -> str:
    language = (translation.get_language() or "ko").split("-")[0]
    return by_language.get(language, by_language["en"])


def _formatted(value, by_language: dict[str, str]) -> str:
    if value in (None, ""):
        return ""
    try:
        return formats.date_format(value, _format_for(by_language))
    except AttributeError:
        return ""  # not a date: as Django's own ``date`` filter does


def date_text(value) -> str:
    """2026. 12. 31. (Korean) or 31 Dec 2026 (English); "" for no date."""
    return _formatted(value, DATE_FORMATS)


def datetime_text(value) -> str:
    """2026. 12. 31. 14:05 or 31 Dec 2026, 14:05."""
    return _formatted(value, DATETIME_FORMATS)
