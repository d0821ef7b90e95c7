"""The admin home's contributions: work that waits for someone and numbers to
watch (shown by ``lms.admin.home.WorkPanel``).

The core knows no app. Apps contribute ``HomeTask`` objects (hook
``lms_home_tasks``: e.g. claims to decide) and ``HomeFigure`` objects (hook
``lms_home_figures``: e.g. the cycle's compliance) from their ``home_items``
module; each hook is a function of no arguments returning a list. A task or
figure is shown only to users with its permission, and a task only while
something waits.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from wagtail import hooks

TASKS_HOOK = "lms_home_tasks"
FIGURES_HOOK = "lms_home_figures"


@dataclass(frozen=True)
class HomeTask:
    """Work that waits for someone with ``permission``: ``count`` says how many
    items wait for this request's user (0 hides the task), ``url`` opens the
    queue. ``label`` reads as a noun phrase ("지원금 신청 결정")."""

    key: str
    label: str | Promise
    count: Callable[[HttpRequest], int]
    url: str | Promise
    permission: str | None = None
    order: int = 100
    help_text: str | Promise = ""


@dataclass(frozen=True)
class HomeFigure:
    """A number to watch: ``value`` returns the text to show (None hides the
    figure), with an optional line of detail and a link."""

    key: str
    label: str | Promise
    value: Callable[[HttpRequest], tuple[str, str] | None]
    url: str | Promise = ""
    permission: str | None = None
    order: int = 100


@dataclass
class ShownTask:
    label: str
    count: int
    url: str
    help_text: str


@dataclass
class ShownFigure:
    label: str
    value: str
    detail: str
    url: str


def _allowed(request: HttpRequest, permission: str | None) -> bool:
    return permission is None or request.user.has_perm(permission)


def collect(hook_name: str, request: HttpRequest) -> list:
    items = []
    for fn in hooks.get_hooks(hook_name):
        items.extend(fn())
    return sorted(
        (item for item in items if _allowed(request, item.permission)),
        key=lambda item: (item.order, item.key),
    )


def home_tasks(request: HttpRequest) -> list[ShownTask]:
    """The tasks waiting for this user, in order; those with nothing waiting
    are left out."""
    shown = []
    for task in collect(TASKS_HOOK, request):
        count = task.count(request)
        if count:
            shown.append(
                ShownTask(
                    label=str(task.label),
                    count=count,
                    url=str(task.url),
                    help_text=str(task.help_text),
                )
            )
    return shown


def home_figures(request: HttpRequest) -> list[ShownFigure]:
    shown = []
    for figure in collect(FIGURES_HOOK, request):
        result = figure.value(request)
        if result is None:
            continue
        value, detail = result
        shown.append(
            ShownFigure(
                label=str(figure.label), value=value, detail=detail, url=str(figure.url)
            )
        )
    return shown
