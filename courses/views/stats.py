"""Public training statistics (Art. 14③): completion rates per topic for the
city and per top-level unit, for the current cycle. No login, no personal
data: only whole-number rates, and no figure for a group under five people."""

from dataclasses import dataclass

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.dashboard_panels import (
    ComplianceRow,
    Tally,
    compliance_by_department,
)
from courses.selectors import cycle_current
from lms.dashboard import ALL, bar_matrix

PUBLIC_MINIMUM = 5  # people; smaller groups are not shown
CACHE_KEY = "courses:public-statistics:v1"
CACHE_SECONDS = 300


@dataclass
class PublicRow:
    """What the public page may show of a group: no counts of completions,
    and None wherever the group is too small (or hidden to protect one)."""

    label: str
    staff: int | None
    percents: list[int | None]
    all_topics: int | None


def suppress_small_groups(tallies: list[Tally], *, minimum: int = PUBLIC_MINIMUM):
    """Hide the sibling groups under ``minimum`` people; then, while the hidden
    groups together are fewer than two or fewer than ``minimum`` people, hide
    the smallest shown group too, so that no hidden figure can be recovered by
    subtracting the shown ones from the total."""
    for tally in tallies:
        tally.hidden = tally.assigned < minimum
    hidden = [t for t in tallies if t.hidden]
    if not hidden:
        return
    shown = sorted((t for t in tallies if not t.hidden), key=lambda t: t.assigned)
    while shown and (len(hidden) < 2 or sum(t.assigned for t in hidden) < minimum):
        smallest = shown.pop(0)
        smallest.hidden = True
        hidden.append(smallest)


def _public_row(row: ComplianceRow, label: str, staff: Tally) -> PublicRow:
    return PublicRow(
        label=label,
        staff=None if staff.hidden else staff.assigned,
        percents=[t.percent for t in row.topics],
        all_topics=row.all_topics.percent,
    )


def public_statistics_data() -> dict | None:
    """The page's figures, computed at most every few minutes (the page is
    public): a handful of queries whatever the number of staff."""
    data = cache.get(CACHE_KEY)
    if data is not None:
        return data
    cycle = cycle_current()
    if cycle is None:
        return None
    table = compliance_by_department(cycle=cycle, scope=ALL, levels=1)
    rows = [*table.rows, table.total]
    staff = [Tally(assigned=row.staff) for row in rows]
    # Each column on its own: the departments are siblings; the total stands
    # alone (only hidden when it is itself too small).
    columns = [
        *[[row.topics[i] for row in rows] for i in range(len(table.topics))],
        [row.all_topics for row in rows],
        staff,
    ]
    for column in columns:
        suppress_small_groups(column[:-1])
        suppress_small_groups(column[-1:])
    data = {
        "year": cycle.year,
        "due_on": cycle.due_on,
        "topics": [(t.code, t.name) for t in table.topics],
        "rows": [
            _public_row(row, row.label, tally)
            for row, tally in zip(table.rows, staff, strict=False)
        ],
        "total": _public_row(table.total, "", staff[-1]),
        "computed_at": timezone.now(),
    }
    cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


def public_statistics(request):
    data = public_statistics_data()
    context = {"data": data, "minimum": PUBLIC_MINIMUM}
    if data is not None:
        total_label = str(_("Whole city"))
        context["topic_rows"] = [
            (code, name, p)
            for (code, name), p in zip(
                data["topics"], data["total"].percents, strict=True
            )
        ]
        context["topic_chart"] = bar_matrix(
            columns=[str(_("Completion rate"))],
            label_width=340,
            rows=[
                (f"{code} {name}", [p], 0)
                for (code, name), p in zip(
                    data["topics"], data["total"].percents, strict=False
                )
            ]
            + [(str(_("All five topics")), [data["total"].all_topics], 0)],
        )
        context["department_chart"] = bar_matrix(
            columns=[code for code, _name in data["topics"]] + [str(_("All five"))],
            rows=[
                (row.label or total_label, [*row.percents, row.all_topics], 0)
                for row in [*data["rows"], data["total"]]
            ],
        )
    return render(request, "courses/stats.html", context)
