from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import SurveyResponse


class SurveyForm(forms.ModelForm):
    class Meta:
        model = SurveyResponse
        fields = ["overall", "content", "clarity", "accessibility", "comment"]
        widgets = dict.fromkeys(
            ("overall", "content", "clarity", "accessibility"), forms.RadioSelect
        )
        help_texts = {"comment": _("Optional. Do not write personal data here.")}
