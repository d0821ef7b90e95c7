"""The admin form for assigning or nominating staff to a course, chosen by name or
by department (with its units)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, EnrolmentSource
from lms.models import Department, EmploymentStatus

NOBODY_CHOSEN = _("Choose staff members or a department.")


class EnrolmentAssignForm(forms.Form):
    """HR assigns (or, for nomination-only courses, nominates) staff to a course."""

    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.live().order_by("title"), label=_("course")
    )
    staff = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("staff members"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.filter(active=True).order_by("path"),
        required=False,
        label=_("or everyone in a department (and its units)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                staff_profile__employment_status=EmploymentStatus.ACTIVE,
            )
            .select_related("staff_profile", "staff_profile__department")
            .order_by("staff_profile__name")
        )
        self.fields["staff"].label_from_instance = lambda u: (
            f"{u.staff_profile.name} ({u.staff_profile.staff_number}) "
            f"{u.staff_profile.department.name}"
        )
        self.fields["department"].label_from_instance = lambda d: d.tree_label

    def clean(self):
        data = super().clean()
        if not data.get("staff") and not data.get("department"):
            raise forms.ValidationError(NOBODY_CHOSEN)
        return data

    def chosen_users(self):
        users = set(self.cleaned_data.get("staff") or [])
        department = self.cleaned_data.get("department")
        if department is not None:
            users.update(
                get_user_model().objects.filter(
                    is_active=True,
                    staff_profile__employment_status=EmploymentStatus.ACTIVE,
                    staff_profile__department__in=department.subtree(),
                )
            )
        return users

    @property
    def source(self) -> str:
        course = self.cleaned_data["course"]
        return (
            EnrolmentSource.NOMINATED
            if course.nomination_required
            else EnrolmentSource.ASSIGNED
        )
