"""The public statistics page (/stats/, Art. 14③): whole-number rates only, no
figure for a group under five people (nor one that would give it away), no
personal data, cached numbers and a fixed number of queries."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.dashboard_panels import Tally
from courses.models import Completion, Topic
from courses.services.cycles import cycle_for_date
from courses.views.stats import PUBLIC_MINIMUM, suppress_small_groups
from lms.models import Department, StaffProfile
from lms.services.staff import department_save

pytestmark = pytest.mark.django_db

URL = "/stats/"


def _complete(cycle, user, topics):
    completion = Completion.objects.create(
        user=user,
        course_title="시험 과정",
        cycle=cycle,
        started_on=timezone.localdate(),
        completed_at=timezone.now(),
        recognised_hours=Decimal("1"),
    )
    completion.topics.set(topics)


def _unit(code, name, parent=None, kind="bureau"):
    return department_save(
        department=Department(code=code, name=name, kind=kind), parent=parent
    )


@pytest.fixture
def city(make_staff, department):
    """Top-level units of 6 (split over a bureau and its division), 7, 2 and
    9 staff; the fixture's own department (시험과) is left empty."""
    cycle = cycle_for_date()
    topics = list(Topic.objects.all())
    a = _unit("A000", "가국")
    a_div = _unit("A100", "가과", parent=a, kind="division")
    units = {
        "A000": [a] * 2 + [a_div] * 4,
        "B000": [_unit("B000", "나국")] * 7,
        "C000": [_unit("C000", "다국")] * 2,
        "D000": [_unit("D000", "라국")] * 9,
    }
    staff = {}
    for code, places in units.items():
        staff[code] = [make_staff(department=place) for place in places]
    # Some completions: the first staff member of each unit does everything,
    # the second only topic 1.
    for people in staff.values():
        _complete(cycle, people[0].user, topics)
        _complete(cycle, people[1].user, topics[:1])
    return {"cycle": cycle, "topics": topics, "staff": staff}


def _floor_percent(part, whole):
    return part * 100 // whole


def test_anyone_sees_the_rates_and_small_groups_are_hidden(client, city):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.context["data"]
    rows = {row.label: row for row in data["rows"]}
    assert set(rows) == {"가국", "나국", "다국", "라국"}  # top level only, non-empty
    # 다국 has 2 people: hidden; being the only one hidden, the next smallest
    # (가국, 6) is hidden too so that 다국 cannot be worked out from the total.
    for label in ("다국", "가국"):
        assert rows[label].percents == [None] * 5
        assert rows[label].all_topics is None
        assert rows[label].staff is None
    for label, code in (("나국", "B000"), ("라국", "D000")):
        people = city["staff"][code]
        n = len(people)
        assert rows[label].staff == n
        # topic 1: two people of the unit; others: one; all five: one.
        assert (
            rows[label].percents == [_floor_percent(2, n)] + [_floor_percent(1, n)] * 4
        )
        assert rows[label].all_topics == _floor_percent(1, n)
    total = data["total"]
    everyone = sum(len(p) for p in city["staff"].values())
    assert total.staff == everyone
    assert total.percents[0] == _floor_percent(8, everyone)
    html = response.content.decode()
    assert html.count("<td>") >= 4 * 7  # every cell is written, hidden or not


def test_the_page_shows_no_names_and_no_staff_numbers(client, city):
    html = client.get(URL).content.decode()
    for profile in StaffProfile.objects.all():
        assert profile.name not in html
        assert profile.staff_number not in html
        assert profile.user.email not in html
    assert re.search(r'<html lang="[a-z]{2}', html)
    assert 'role="img"' in html and "<caption" in html


def test_numbers_equal_a_direct_count_when_every_group_is_large(
    client, make_staff, department
):
    cycle = cycle_for_date()
    topics = list(Topic.objects.all())
    people = [make_staff(department=department) for _ in range(12)]
    for i, profile in enumerate(people):
        _complete(cycle, profile.user, topics[: i % 6])
    data = client.get(URL).context["data"]
    (row,) = data["rows"]
    for index, topic in enumerate(topics):
        done = sum(
            1
            for p in people
            if Completion.objects.filter(
                cycle=cycle, user=p.user, topics=topic
            ).exists()
        )
        assert row.percents[index] == _floor_percent(done, len(people))
    assert row.all_topics == _floor_percent(sum(1 for i in range(12) if i % 6 == 5), 12)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ([10, 8, 7], []),
        ([10, 8, 2], [1, 2]),  # one small one: the next smallest goes too
        ([10, 8, 1, 2], [1, 2, 3]),  # 1 + 2 < 5: add the next smallest
        ([10, 3, 3], [1, 2]),  # two small ones, 6 together: enough
        ([4], [0]),
        ([0, 9], [0, 1]),
    ],
)
def test_suppression_rule(sizes, hidden):
    tallies = [Tally(assigned=n) for n in sizes]
    suppress_small_groups(tallies, minimum=PUBLIC_MINIMUM)
    assert [i for i, t in enumerate(tallies) if t.hidden] == hidden
    assert all(t.percent is None for t in tallies if t.hidden)


def test_the_figures_are_cached_for_a_few_minutes(client, city):
    first = client.get(URL).context["data"]
    with CaptureQueriesContext(connection) as cached:
        client.get(URL)
    _complete(city["cycle"], city["staff"]["B000"][3].user, city["topics"])
    assert client.get(URL).context["data"]["rows"] == first["rows"]
    cache.clear()
    assert client.get(URL).context["data"]["rows"] != first["rows"]
    with CaptureQueriesContext(connection) as fresh:
        cache.clear()
        client.get(URL)
    assert len(cached.captured_queries) < len(fresh.captured_queries)


def _count(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_departments_or_staff(client, make_staff, department):
    cycle = cycle_for_date()
    topics = list(Topic.objects.all())

    def add_units(start, stop):
        for d in range(start, stop):
            top = _unit(f"Q{d:03d}", f"부서{d}")
            for _ in range(6):
                profile = make_staff(department=top)
                _complete(cycle, profile.user, topics[: d % 5])

    add_units(0, 2)
    client.get(URL)  # warm the site and settings caches
    few = _count(client)
    add_units(2, 12)
    many = _count(client)
    assert few == many
    assert few < 20


def test_no_cycle_no_figures(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["data"] is None
