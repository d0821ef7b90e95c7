"""The learner's qualifications: list, record with evidence, evidence download."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def qualification_list(request):
    return HttpResponse("")
