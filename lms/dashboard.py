"""Dashboards assembled from panels that the apps contribute.

The core knows neither courses nor certificates: each app returns its
``DashboardPanel`` objects from the hook ``lms_dashboard_panels`` (a function of
no arguments returning a list), and a dashboard renders the panels that fit its
scope, in ``order``. A scope is ``ALL`` (HR's whole-city view in the admin) or a
department subtree (a list of ``Department``, or of their tree paths: a
department head's view on the site).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import hooks

from lms.models import Department

ALL = "all"
HOOK = "lms_dashboard_panels"

Scope = str | Sequence[Department] | Sequence[str]


@dataclass(frozen=True)
class DashboardPanel:
    """One box of a dashboard: a title, a template and the function that builds
    the template's context for a request and a scope (or returns None to hide
    the panel)."""

    key: str
    title: str
    template: str
    context: Callable[[HttpRequest, Scope], dict | None]
    order: int = 100
    # Needed to see the panel on the whole-city (HR/auditor) dashboard.
    permission: str | None = None
    # Offered on a department head's dashboard (scoped to their subtree).
    for_department_heads: bool = False


@dataclass
class RenderedPanel:
    key: str
    title: str
    html: SafeString
    extra: dict = field(default_factory=dict)


def is_all(scope: Scope) -> bool:
    return isinstance(scope, str) and scope == ALL


def scope_paths(scope: Scope) -> list[str] | None:
    """The tree paths at the top of a scope (None for the whole city): every
    other department of the subtree starts with one of them."""
    if is_all(scope):
        return None
    paths = sorted(d if isinstance(d, str) else d.path for d in scope)
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def scope_q(scope: Scope, *, path_lookup: str) -> Q:
    """A filter on a department path field (e.g. ``"department__path"``) that
    keeps the rows inside the scope. An empty subtree keeps nothing."""
    roots = scope_paths(scope)
    if roots is None:
        return Q()
    if not roots:
        return Q(pk__in=[])
    q = Q()
    for root in roots:
        q |= Q(**{f"{path_lookup}__startswith": root})
    return q


def dashboard_panels(*, request: HttpRequest, scope: Scope) -> list[DashboardPanel]:
    """The panels the hook offers for this scope and user, in order."""
    panels: list[DashboardPanel] = []
    for fn in hooks.get_hooks(HOOK):
        panels.extend(fn())
    if is_all(scope):
        panels = [
            p
            for p in panels
            if p.permission is None or request.user.has_perm(p.permission)
        ]
    else:
        panels = [p for p in panels if p.for_department_heads]
    return sorted(panels, key=lambda p: (p.order, p.key))


def dashboard_render(
    *, request: HttpRequest, scope: Scope, base: dict | None = None
) -> list[RenderedPanel]:
    """Each panel's HTML. ``base`` is context every panel template gets (e.g.
    the table class of the admin or of the site)."""
    rendered = []
    for panel in dashboard_panels(request=request, scope=scope):
        context = panel.context(request, scope)
        if context is None:
            continue
        context = {
            **(base or {}),
            **context,
            "panel": panel,
            "scope_all": is_all(scope),
        }
        rendered.append(
            RenderedPanel(
                key=panel.key,
                title=context.get("panel_title") or panel.title,
                html=render_to_string(panel.template, context, request=request),
            )
        )
    return rendered


def per_request(request: HttpRequest, key: str, compute: Callable[[], object]):
    """Compute a value once per request, for data several panels share (e.g.
    the department names)."""
    cache = request.__dict__.setdefault("_lms_dashboard_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


# --- Server-drawn charts -----------------------------------------------------


@dataclass
class ChartCell:
    percent: int | None  # None: not shown (e.g. a group under the public minimum)
    x: int = 0
    width: int = 0
    text_x: int = 0


@dataclass
class ChartRow:
    label: str
    cells: list[ChartCell]
    label_x: int = 0
    bar_y: int = 0
    text_y: int = 0


@dataclass
class BarMatrix:
    """Rows × columns of horizontal bars with their percentage written next to
    them, laid out here so that the template only places SVG elements.

    Drawn by the server (no JavaScript); the SVG is one image for assistive
    technology (``role="img"`` with a title), and a table with the same
    numbers follows it on the page."""

    columns: list[str]
    rows: list[ChartRow]
    label_width: int = 190
    label_chars: int = 15
    column_width: int = 100
    bar_max: int = 56
    bar_height: int = 14
    row_height: int = 26
    header_height: int = 30
    header_y: int = 20

    @property
    def width(self) -> int:
        return self.label_width + self.column_width * len(self.columns) + 8

    @property
    def height(self) -> int:
        return self.header_height + self.row_height * len(self.rows) + 6

    @property
    def column_positions(self) -> list[tuple[str, int]]:
        return [
            (name, self.label_width + i * self.column_width)
            for i, name in enumerate(self.columns)
        ]


def bar_matrix(
    *,
    columns: Iterable[str],
    rows: Iterable[tuple[str, Iterable[int | None], int]],
    label_width: int = 190,
) -> BarMatrix:
    """``rows`` are (label, percentages per column, indent level); labels
    longer than the label column allows are shortened (the table has them
    whole)."""
    chart = BarMatrix(
        columns=[str(c) for c in columns],
        rows=[],
        label_width=label_width,
        label_chars=label_width // 12,
    )
    for index, (label, percents, indent) in enumerate(rows):
        top = chart.header_height + index * chart.row_height
        cells = []
        for col, value in enumerate(percents):
            x = chart.label_width + col * chart.column_width
            width = 0 if value is None else round(chart.bar_max * value / 100)
            cells.append(
                ChartCell(percent=value, x=x, width=width, text_x=x + chart.bar_max + 4)
            )
        chart.rows.append(
            ChartRow(
                label=label,
                cells=cells,
                label_x=min(indent, 4) * 12,
                bar_y=top + (chart.row_height - chart.bar_height) // 2,
                text_y=top + chart.row_height // 2 + 4,
            )
        )
    return chart


def percent(part: int, whole: int) -> int | None:
    """A whole-number percentage, rounded down so that 99.6 % never shows as
    100 %; None when there is nobody to count."""
    if not whole:
        return None
    return part * 100 // whole
