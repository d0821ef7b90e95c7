"""Forms of the certificates app: a learner records a qualification; HR rejects."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.qualifications.models import Qualification, QualificationStatus
from certificates.qualifications.services.review import ACQUIRED_IN_FUTURE
from certificates.uploads import PrivateFileField, upload_limits
from lms.models import Department


class StaffQualificationForm(forms.Form):
    qualification = forms.ModelChoiceField(
        label=_("Qualification"),
        queryset=Qualification.objects.none(),
        empty_label=_("Choose a qualification"),
    )
    acquired_on = forms.DateField(
        label=_("Date obtained"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date on the certificate, for example 2026-03-14."),
    )
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=50,
        help_text=_(
            "As printed on the certificate. Only the training officer sees it in "
            "full; everywhere else it is masked."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    evidence = PrivateFileField(
        label=_("Evidence (certificate or pass certificate)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = Qualification.objects.filter(
            active=True
        )
        self.fields["acquired_on"].widget.attrs["max"] = (
            timezone.localdate().isoformat()
        )
        max_bytes, _pixels, max_pages = upload_limits()
        self.fields["evidence"].help_text = _(
            "A scan or photo as JPEG or PNG, or a PDF of at most %(pages)s pages; at "
            "most %(size)s MB. Location and camera data are removed from photos."
        ) % {"pages": max_pages, "size": f"{max_bytes / (1024 * 1024):g}"}

    def clean_acquired_on(self):
        acquired_on = self.cleaned_data["acquired_on"]
        if acquired_on > timezone.localdate():
            raise forms.ValidationError(ACQUIRED_IN_FUTURE)
        return acquired_on

    def clean_certificate_number(self):
        return self.cleaned_data["certificate_number"].strip()


class StaffQualificationRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The staff member sees this reason."),
    )


class StaffQualificationFilterForm(forms.Form):
    """HR's review queue filter; an empty status means all."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(QualificationStatus.choices),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.order_by("path"),
        empty_label=_("All departments"),
        help_text=_("Includes the units below it."),
    )
    qualification = forms.ModelChoiceField(
        label=_("Qualification"),
        required=False,
        queryset=Qualification.objects.all(),
        empty_label=_("All qualifications"),
    )

    def __init__(self, data=None, **kwargs):
        # Awaiting verification unless the officer chose otherwise.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = QualificationStatus.SUBMITTED
        super().__init__(data, **kwargs)
        self.fields["department"].label_from_instance = lambda d: d.tree_label
