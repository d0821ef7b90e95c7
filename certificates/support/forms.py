"""Forms of expense support (Art. 15④): the claimant's, the department
head's and HR's. They only parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from certificates.credentials.models import Certificate
from certificates.qualifications.models import QualificationStatus, StaffQualification
from certificates.support.models import Budget, ItemKind, SupportCategory
from certificates.uploads import PrivateFileField
from lms.money import won_format

# A sanity bound far above any cap, well inside a 64-bit integer.
WON_MAX = 1_000_000_000

ALLOCATED_BELOW_APPROVED = _(
    "The allocation cannot be lower than what is already approved (%(approved)s)."
)
BUDGET_EXISTS = _(
    "There is already a budget for this fiscal year, category and department."
)


class DescribedErrorsMixin:
    """Point each invalid field at its error text as well as its help text,
    so screen readers read both (the templates give them these ids)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                ids = [f"{auto_id}_errors"]
                if self.fields[name].help_text:
                    ids.insert(0, f"{auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class WonField(forms.IntegerField):
    """Whole 원 as people type them: "120,000", "120000원" or " 120 000 "."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", WON_MAX)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removesuffix("원").replace(",", "").replace(" ", "")
        return super().to_python(value)


# --- The claimant ----------------------------------------------------------------


def basis_choices_for(user) -> list[tuple[str, str]]:
    """The claimant's own valid certificates and verified qualifications."""
    certificates = (
        Certificate.objects.valid().filter(holder=user).order_by("-issued_on")
    )
    qualifications = (
        StaffQualification.objects.filter(
            user=user, status=QualificationStatus.VERIFIED
        )
        .select_related("qualification")
        .order_by("-acquired_on")
    )
    choices = [
        (
            f"certificate:{c.pk}",
            _("Course: %(title)s (%(serial)s)")
            % {"title": c.course_title, "serial": c.serial},
        )
        for c in certificates
    ]
    choices += [
        (
            f"qualification:{q.pk}",
            _("Qualification: %(name)s (%(date)s)")
            % {
                "name": q.qualification.name,
                "date": q.acquired_on.strftime("%Y. %-m. %-d."),
            },
        )
        for q in qualifications
    ]
    return choices


class ClaimStartForm(DescribedErrorsMixin, forms.Form):
    basis = forms.ChoiceField(
        label=_("Basis of the claim"),
        help_text=_(
            "Your valid certificate of completion or a qualification the training "
            "officer has verified."
        ),
    )
    category = forms.ModelChoiceField(
        label=_("Support category"),
        queryset=SupportCategory.objects.filter(active=True),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["basis"].choices = basis_choices_for(user)

    def clean_basis(self) -> dict:
        """{"certificate": …} or {"qualification": …}, owned by the user."""
        kind, _sep, pk = self.cleaned_data["basis"].partition(":")
        if kind == "certificate":
            found = Certificate.objects.valid().filter(holder=self.user, pk=pk).first()
        else:
            found = StaffQualification.objects.filter(
                user=self.user, pk=pk, status=QualificationStatus.VERIFIED
            ).first()
        if found is None:
            raise ValidationError(_("Choose one of your own records."))
        return {kind: found}


class ClaimItemForm(DescribedErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Expense"), choices=ItemKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("e.g. the exam session or the textbook's title."),
    )
    amount = WonField(
        label=_("Amount (won)"),
        help_text=_("The amount on the receipt, in whole won, e.g. 120,000."),
    )
    receipt = PrivateFileField(
        label=_("Receipt"),
        help_text=_("A JPEG or PNG image or a PDF, at most 10 MB."),
    )


class ClaimDetailsForm(DescribedErrorsMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Support category"),
        queryset=SupportCategory.objects.filter(active=True),
        empty_label=None,
    )
    attested = forms.BooleanField(
        label=_(
            "I confirm that no other funding, such as welfare points (맞춤형복지), "
            "paid these costs."
        ),
        required=False,
    )


class ReasonForm(DescribedErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The claimant sees this reason."),
    )


# --- HR ---------------------------------------------------------------------------


class ApproveForm(DescribedErrorsMixin, forms.Form):
    amount = WonField(
        label=_("Amount to approve (won)"),
        help_text=_("The requested amount, or less to approve in part."),
    )
    reason = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required in practice when approving in part: say why."),
    )


class ReduceForm(DescribedErrorsMixin, forms.Form):
    amount = WonField(label=_("New approved amount (won)"))
    reason = ReasonForm.base_fields["reason"]


class PaymentRequestForm(DescribedErrorsMixin, forms.Form):
    reference = forms.CharField(
        label=_("Finance system reference"),
        max_length=100,
        required=False,
        help_text=_("Optional: the e호조 document number, if there is one yet."),
    )


class PaidForm(DescribedErrorsMixin, forms.Form):
    reference = forms.CharField(
        label=_("Finance system reference"),
        max_length=100,
        help_text=_("The e호조 payment document number."),
    )


class BudgetForm(WagtailAdminModelForm):
    """``allocated`` only: approved and paid follow the claims."""

    def clean(self):
        cleaned = super().clean()
        allocated = cleaned.get("allocated")
        instance = self.instance
        if allocated is not None and instance.pk and allocated < instance.approved:
            self.add_error(
                "allocated",
                ValidationError(
                    ALLOCATED_BELOW_APPROVED
                    % {"approved": won_format(instance.approved)},
                    code="below_approved",
                ),
            )
        year, category = cleaned.get("fiscal_year"), cleaned.get("category")
        if year and category:
            same = Budget.objects.filter(
                fiscal_year=year,
                category=category,
                department=cleaned.get("department"),
            ).exclude(pk=instance.pk)
            if same.exists():
                raise ValidationError(BUDGET_EXISTS, code="duplicate")
        return cleaned
