"""The site's language: Korean unless the person chose another one with the
switcher."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    """Korean unless the person chose another language with the switcher.

    The browser's Accept-Language is ignored on purpose: a Korean public site
    speaks Korean by default, whatever language the PC was installed in.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
