"""The learner's certificates: list and PDF download (owner or HR; others 404)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def certificate_list(request):
    return HttpResponse("")
