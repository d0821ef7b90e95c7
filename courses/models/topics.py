"""The five mandatory Art. 14② training topics that courses cover and staff owe."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Topic(index.Indexed, models.Model):
    """One of the five mandatory Art. 14② topics. Editors may reword the name;
    the code stays, and a topic that a course or completion uses cannot go."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
