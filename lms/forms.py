"""Forms of the core: the organisation's admin forms (saving goes through the
services) and the login form."""

from allauth.account.forms import LoginForm
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import Department, StaffProfile
from lms.services.staff import department_save, staff_create, staff_update

EMAIL_TAKEN = _("This email address is already used by another account.")
PARENT_IN_OWN_SUBTREE = _(
    "A department cannot be placed under itself or its own units."
)


class DepartmentForm(WagtailAdminModelForm):
    """A department with its place in the tree; it cannot move under its own units."""

    parent = forms.ModelChoiceField(
        queryset=Department.objects.order_by("path"),
        required=False,
        label=_("parent department"),
        help_text=_("Leave empty for a top-level unit (실·국 or an office)."),
    )

    class Meta:
        model = Department
        fields = ["parent", "code", "name", "kind", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].label_from_instance = lambda d: (
            f"{'— ' * (d.depth - 1)}{d.name} ({d.code})"
        )
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = Department.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(PARENT_IN_OWN_SUBTREE)
        return parent

    def save(self, commit=True):
        department = super().save(commit=False)
        if commit:
            department = department_save(
                department=department, parent=self.cleaned_data.get("parent")
            )
        return department


class StaffProfileForm(WagtailAdminModelForm):
    """A staff member with their login's e-mail address (unique); the services create
    or update the account on save."""

    email = forms.EmailField(
        label=_("email address"),
        required=False,
        help_text=_("Used to log in and to receive password-reset and reminder mail."),
    )

    class Meta:
        model = StaffProfile
        fields = [
            "staff_number",
            "name",
            "email",
            "department",
            "grade",
            "job_series",
            "employment_status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("path")
        self.fields["department"].label_from_instance = lambda d: d.full_name
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email:
            others = get_user_model().objects.filter(email__iexact=email)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.user_id)
            if others.exists():
                raise forms.ValidationError(EMAIL_TAKEN)
        return email

    def _post_clean(self):
        # The account is made by the service on save; validate everything else.
        exclude = self._get_validation_exclusions()
        exclude.add("user")
        try:
            self.instance.full_clean(exclude=exclude, validate_unique=False)
        except forms.ValidationError as e:
            self._update_errors(e)
        self.validate_unique()

    def save(self, commit=True):
        data = {
            name: self.cleaned_data[name]
            for name in (
                "staff_number",
                "name",
                "department",
                "grade",
                "job_series",
                "employment_status",
            )
        }
        if self.instance.pk:
            staff_update(
                profile=self.instance, email=self.cleaned_data["email"], **data
            )
            return self.instance
        self.instance = staff_create(email=self.cleaned_data["email"], **data)
        return self.instance


def staff_login_field(field) -> None:
    """Label a login field so that it says both an e-mail address and a staff
    number work (the site's login and the admin's)."""
    field.label = _("Email or staff number")
    field.widget.attrs.update(
        {
            "placeholder": _("e.g. hong@example.com or 20200101"),
            "autocomplete": "username",
        }
    )


class StaffLoginForm(LoginForm):
    """The login form (``ACCOUNT_FORMS``): one field says that an e-mail
    address and a staff number both work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff_login_field(self.fields["login"])
