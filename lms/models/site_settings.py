"""Site settings that name the city, programme, ordinance and contact, so that
another city changes them in the admin, not in the code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="site")
class LmsSettings(BaseSiteSetting):
    """Who runs this programme. Another city changes these, not the code."""

    city_name = models.CharField(_("city"), max_length=50, default="파주시")
    programme_name = models.CharField(
        _("programme name"), max_length=100, default="AI 역량강화 교육"
    )
    ordinance_name = models.CharField(
        _("ordinance"), max_length=100, default="파주시 인공지능 기본 조례"
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        default="총무과 교육팀",
        help_text=_("Shown in the footer: who answers questions about the programme."),
    )

    class Meta:
        verbose_name = _("LMS settings")

    @classmethod
    def current(cls) -> "LmsSettings":
        """The default site's settings, for work done outside a request
        (documents, exports, e-mail)."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()
