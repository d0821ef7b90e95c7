from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lms.selectors import staff_profile_for_user


@login_required
def learn_dashboard(request):
    """The learner's home: who they are in the organisation and what to do next."""
    profile = staff_profile_for_user(user=request.user)
    return render(request, "courses/learn_dashboard.html", {"profile": profile})
