"""The learner's front-end form: the satisfaction survey after a course (Art. 20)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import SurveyResponse


class SurveyForm(forms.ModelForm):
    """Four ratings and an optional comment; the view adds who, which course and which
    cycle, so that each person answers once per course and cycle."""

    class Meta:
        model = SurveyResponse
        fields = ["overall", "content", "clarity", "accessibility", "comment"]
        widgets = dict.fromkeys(
            ("overall", "content", "clarity", "accessibility"), forms.RadioSelect
        )
        help_texts = {"comment": _("Optional. Do not write personal data here.")}
