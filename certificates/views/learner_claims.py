"""The learner's expense claims (Art. 15④) and the department head's queue."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def claim_list(request):
    return HttpResponse("")


@login_required
def claim_detail(request, pk):
    return HttpResponse("")
