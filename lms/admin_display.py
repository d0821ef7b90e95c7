"""How the admin shows values and people, for every app: yes/no as 예/아니요
(never True/False), people as 홍길동 (20190001), and an empty value as a dash
(Wagtail prints "None").

- ``yes_no_column(model, "active")``: the listing column of a boolean field,
  headed by the field's own label.
- ``ListingQuerysetMixin``: a viewset's listing with related rows loaded.
- ``LabelledInspectView``: an inspect page that names the fields whose model
  gives no Korean label.
- Registered on import, for every viewset (the core's admin imports this
  module): the inspect pages' displays of every model field (``YesNoDisplay``
  for booleans, ``ValueDisplay`` for the rest), the chip of an active yes/no
  filter (``YesNoFilterAdapter``; Wagtail writes True or False there), and the
  sidebar's account menu (``MainMenuAdapter``; Wagtail names the person by
  first name or else the login, a staff number).
"""

import django_filters
from django.db import models
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import (
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.telepath import register
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.sidebar import BaseSidebarAdapter, MainMenuModule
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView

YES = _("Yes")
NO = _("No")
NOTHING = "—"


def yes_no(value) -> str:
    """예, 아니요, or a dash for "not recorded" (None)."""
    if value is None:
        return NOTHING
    return str(YES if value else NO)


def person(user) -> str:
    """A person as the admin names them: name and staff number, or a dash."""
    return NOTHING if user is None else str(user)


class YesNoColumn(Column):
    """A boolean as an icon with 예 or 아니요 beside it: the icon alone is
    announced as "True"/"False" by screen readers."""

    cell_template_name = "lms/admin/tables/yes_no_cell.html"

    def get_value(self, instance):
        value = super().get_value(instance)
        return None if value is None else bool(value)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["text"] = yes_no(context["value"])
        return context


def yes_no_column(model, field_name: str, label=None, **kwargs) -> YesNoColumn:
    """The listing column of ``model``'s boolean field, headed by its label."""
    if label is None:
        label = capfirst(model._meta.get_field(field_name).verbose_name)
    kwargs.setdefault("sort_key", field_name)
    return YesNoColumn(field_name, label=label, **kwargs)


class YesNoDisplay(BaseFieldDisplay):
    """A boolean on an inspect page: 예 or 아니요."""

    def render_html(self, parent_context=None):
        return format_html("{}", yes_no(self.value))


class ValueDisplay(BaseFieldDisplay):
    """Any other field on an inspect page, as Wagtail's template prints it
    (local time, localised numbers), but nothing as a dash."""

    def render_html(self, parent_context=None):
        if self.value is None or self.value == "":
            return NOTHING
        return render_value_in_context(self.value, Context())


class ListingQuerysetMixin:
    """For a ``ModelViewSet``: ``listing_queryset()`` is what its listing shows,
    e.g. with people's staff profiles loaded up front (each row names them).
    Wagtail's index view takes a ``queryset``; it never calls a viewset's
    ``get_queryset(request)``."""

    def listing_queryset(self):
        return None

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.listing_queryset()
        if queryset is not None:
            kwargs.setdefault("queryset", queryset)
        return super().get_index_view_kwargs(**kwargs)


class LabelledInspectView(InspectView):
    """An inspect page with labels for the fields ``field_labels`` names: those
    whose model field has no Korean verbose name."""

    field_labels: dict = {}

    def get_field_label(self, field_name, field):
        if field_name in self.field_labels:
            return capfirst(self.field_labels[field_name])
        return super().get_field_label(field_name, field)


class YesNoFilterAdapter(BaseFilterAdapter):
    """The chip above a listing filtered by a yes/no field: 사용: 예."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            yield active._replace(value=yes_no(self.value))


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
register_display_class(models.BooleanField, display_class=YesNoDisplay)
register_display_class(models.Field, display_class=ValueDisplay)
# Foreign keys have a lookup of their own, by related model (images and
# documents register theirs); every other related model gets ValueDisplay.
register_display_class(models.ForeignKey, to=models.Model, display_class=ValueDisplay)


class MainMenuAdapter(BaseSidebarAdapter):
    """Wagtail's main menu for the sidebar, with the account named by
    ``person()`` (Wagtail's own adapter for it is replaced)."""

    js_constructor = "wagtail.sidebar.MainMenuModule"

    def js_args(self, obj):
        menu_items, account_menu_items, account = obj.js_args()
        return [menu_items, account_menu_items, {**account, "name": person(obj.user)}]


register(MainMenuAdapter(), MainMenuModule)
