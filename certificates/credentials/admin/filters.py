"""The certificate registry's filters: the filter set (course, department with
its subtree, cycle year, status, kind), the department-tree filter and the
choice helpers. The filtering itself is the selector the ZIP download shares.
"""

import django_filters
from django import forms
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet

from certificates.credentials.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
)
from certificates.credentials.selectors import certificate_list_filtered
from lms.models import Department

# The query parameters of the registry, shared with the ZIP download.
FILTER_PARAMS = ("course", "department", "year", "status", "kind")


def _course_choices() -> list[tuple[str, str]]:
    """One entry per course key, with its latest title (titles may be edited)."""
    rows = (
        Certificate.objects.values("course_key")
        .annotate(title=Max("course_title"))
        .order_by("title", "course_key")
    )
    return [(row["course_key"], row["title"]) for row in rows]


def _year_choices() -> list[tuple[str, str]]:
    years = (
        Certificate.objects.order_by("-cycle_year")
        .values_list("cycle_year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


class DepartmentTreeChoiceField(django_filters.fields.ModelChoiceField):
    """Departments listed as the indented tree (``tree_label``)."""

    def label_from_instance(self, obj: Department) -> str:
        return obj.tree_label


class DepartmentTreeFilter(django_filters.ModelChoiceFilter):
    """The department filter, shown as the tree; the selector includes the chosen
    department's units."""

    field_class = DepartmentTreeChoiceField


class CertificateFilterSet(WagtailFilterSet):
    """The registry's filters. The fields only read the request; the filtering
    itself is the selector that the ZIP download uses too."""

    course = django_filters.ChoiceFilter(
        label=gettext_lazy("Course"), choices=_course_choices, empty_label=None
    )
    department = DepartmentTreeFilter(
        label=gettext_lazy("Department (with its sub-units)"),
        queryset=Department.objects.order_by("path"),
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Cycle year"), choices=_year_choices
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=CertificateStatus.choices,
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"),
        choices=CertificateKind.choices,
        widget=forms.RadioSelect,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        data = self.form.cleaned_data
        filtered = certificate_list_filtered(
            course_key=data.get("course") or None,
            department=data.get("department"),
            year=int(data["year"]) if data.get("year") else None,
            status=data.get("status") or None,
            kind=data.get("kind") or None,
        )
        # AND the two queries; the listing's own ordering (sortable columns) stays.
        return queryset & filtered.order_by()
