"""Forms of expense support (Art. 15④): the claimant's, the department
head's and HR's. They only parse and check input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from certificates.support.models import Budget, ItemKind, SupportCategory
from certificates.support.selectors import BasisOption, ClaimStart, claim_start_for
from certificates.support.services import BASIS_CLOSED
from certificates.uploads import PrivateFileField
from lms.dates import date_text
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


BASIS_UNKNOWN = _("Choose one of your own records.")


def basis_label(option: BasisOption) -> str:
    record = option.record
    if option.kind == "certificate":
        return _("Course: %(title)s (%(serial)s)") % {
            "title": record.course_title,
            "serial": record.serial,
        }
    return _("Qualification: %(name)s (%(date)s)") % {
        "name": record.qualification.name,
        "date": date_text(record.acquired_on),
    }


class BasisRadioSelect(forms.RadioSelect):
    """One radio per basis. A basis the rules refuse is shown, disabled, and
    every radio is described by its deadline and standing (``<id>_status``)."""

    closed: frozenset = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        attrs = option["attrs"]
        described = [attrs.get("aria-describedby", ""), f"{attrs['id']}_status"]
        attrs["aria-describedby"] = " ".join(filter(None, described))
        if value in self.closed:
            attrs["disabled"] = True
        return option


class ClaimStartForm(DescribedErrorsMixin, forms.Form):
    """The basis and the category of a new draft. Each basis comes judged by
    the eligibility rules (``claim_start_for``): one they refuse is shown,
    with its reasons, but cannot be chosen."""

    basis = forms.ChoiceField(
        label=_("Basis of the claim"),
        help_text=_(
            "Your valid certificate of completion or a qualification the training "
            "officer has verified."
        ),
        widget=BasisRadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Support category"),
        queryset=SupportCategory.objects.filter(active=True),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.start: ClaimStart = claim_start_for(user=user)
        self.options = {o.value: o for o in self.start.options}
        field = self.fields["basis"]
        field.choices = [(o.value, basis_label(o)) for o in self.start.options]
        field.widget.closed = frozenset(
            value for value, o in self.options.items() if not o.check.eligible
        )

    @property
    def basis_rows(self) -> list[tuple]:
        """(radio, option) pairs, in the order of the choices."""
        return list(zip(self["basis"], self.start.options, strict=True))

    @property
    def has_open_basis(self) -> bool:
        return any(o.check.eligible for o in self.start.options)

    def clean_basis(self) -> dict:
        """{"certificate": …} or {"qualification": …}, owned by the user and
        open to a claim."""
        option = self.options.get(self.cleaned_data["basis"])
        if option is None:
            raise ValidationError(BASIS_UNKNOWN, code="unknown")
        if not option.check.eligible:
            raise ValidationError(
                BASIS_CLOSED % {"reasons": " ".join(option.check.problems)},
                code="closed",
            )
        return {option.kind: option.record}


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
