"""The core's page types: the home page and plain information pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: what the programme is and where to start."""

    lead = models.CharField(_("lead sentence"), max_length=255, blank=True)
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["info_pages"] = StandardPage.objects.child_of(self).live().in_menu()
        return context


class StandardPage(Page):
    """A plain information page (e.g. the privacy notice or the accessibility
    statement), written by editors."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["lms.HomePage", "lms.StandardPage"]
    subpage_types = ["lms.StandardPage"]

    class Meta:
        verbose_name = _("information page")
