"""The department head's dashboard on the site: the dashboard panels meant for
heads, scoped to the head's own department and every unit below it."""

import time

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from lms.dashboard import dashboard_render
from lms.roles import HEAD, user_role_keys
from lms.selectors import department_subtree_for_head

HEAD_ROLE_SESSION_KEY = "lms_head_role"
HEAD_ROLE_RECHECK_SECONDS = 300


@login_required
def department_dashboard(request):
    if HEAD.key not in user_role_keys(request.user):
        raise Http404
    subtree = department_subtree_for_head(user=request.user)
    panels = (
        dashboard_render(request=request, scope=subtree, base={"table_class": "table"})
        if subtree
        else []
    )
    return render(
        request,
        "courses/department_dashboard.html",
        {"department": subtree[0] if subtree else None, "panels": panels},
    )


def is_department_head_cached(request) -> bool:
    """Whether to show the head's menu link. Kept in the session for a few
    minutes so that ordinary pages do not ask for the user's groups each time;
    the dashboard itself checks the role on every request."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    session = getattr(request, "session", None)
    now = int(time.time())
    cached = session.get(HEAD_ROLE_SESSION_KEY) if session is not None else None
    if cached and cached[0] == user.pk and now - cached[2] < HEAD_ROLE_RECHECK_SECONDS:
        return cached[1]
    is_head = HEAD.key in user_role_keys(user)
    if session is not None:
        session[HEAD_ROLE_SESSION_KEY] = (user.pk, is_head, now)
    return is_head
