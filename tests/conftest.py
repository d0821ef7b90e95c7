"""Fixtures every test may use: the demo data, staff, people in roles.

The demo data (``load_demo``: the organisation, the courses, the completions,
the support budget) takes seconds to build, and about fifty tests read it. It
is built once per run and test process, inside an outer transaction that
stays open while the tests that use it run; each of those tests runs in a
savepoint within it (as Django's ``setUpTestData`` does), so whatever a test
changes is rolled back to the freshly loaded demo. The tests that use the demo
run one after another (``pytest_collection_modifyitems`` below), and any other
test first closes that outer transaction, so it never sees the demo data.
Transactional tests (browser, concurrency) cannot run inside a transaction:
they load their own data (``tests/e2e/conftest.py``).
"""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from lms.models import Department, Grade, StaffProfile
from lms.roles import GROUP_NAMES, roles_sync
from lms.services.staff import department_save, staff_create

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "demo-pass-2026"
DEMO_EMAILS = {
    "learner": "learner@example.com",
    "head": "head@example.com",
    "hr": "hr@example.com",
    "editor": "editor@example.com",
    "auditor": "auditor@example.com",
}
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "demo_site"}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def _uses_demo(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool({"demo", "demo_users"} & names) and not _is_transactional(item)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (database tests, transactional tests, the
    rest): within the database tests, the demo tests last and together, so
    the demo is loaded once. Stable, so every xdist worker sees one order."""
    first_transactional = next(
        (i for i, item in enumerate(items) if _is_transactional(item)), len(items)
    )
    head, tail = items[:first_transactional], items[first_transactional:]
    head.sort(key=_uses_demo)
    items[:] = head + tail


class _DemoSnapshot:
    """The outer transaction that holds the loaded demo, while it is open."""

    atomic = None
    blocker = None

    @classmethod
    def open(cls, django_db_blocker) -> None:
        if cls.atomic is not None:
            return
        cls.blocker = django_db_blocker
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        cls.atomic = atomic

    @classmethod
    def close(cls, django_db_blocker) -> None:
        if cls.atomic is None:
            return
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            cls.atomic.__exit__(None, None, None)
        cls.atomic = None


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """Open or close the demo's outer transaction just before pytest-django
    opens the test's own (its ``_django_db_helper`` fixture, which every
    database test sets up, marker or not): it must be the outer one."""
    if fixturedef.argname != "_django_db_helper":
        return
    blocker = request.getfixturevalue("django_db_blocker")
    if _uses_demo(request.node):
        _DemoSnapshot.open(blocker)
    else:
        _DemoSnapshot.close(blocker)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Close the demo's transaction as soon as the next test does not use it:
    before, say, Playwright starts its event loop, after which this thread
    sees another database connection (Django's are context-local)."""
    yield
    if _DemoSnapshot.atomic is not None and (
        nextitem is None or not _uses_demo(nextitem)
    ):
        _DemoSnapshot.close(_DemoSnapshot.blocker)


@pytest.fixture(scope="session", autouse=True)
def _demo_snapshot_closed_at_the_end(django_db_blocker):
    yield
    _DemoSnapshot.close(django_db_blocker)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits and axes live in the cache / database per test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo organisation, courses and the five role accounts (loaded once;
    see the module docstring)."""
    assert _DemoSnapshot.atomic is not None, "the demo snapshot was not opened"


@pytest.fixture
def demo_users(demo):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {role: User.objects.get(email=email) for role, email in DEMO_EMAILS.items()}


def with_role(user, role: str):
    """Put ``user`` in the group of ``role`` ("hr", "auditor", "head", …), with
    every permission the role declares (as ``migrate`` and ``load_demo`` do)."""
    roles_sync()
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


@pytest.fixture
def department(db):
    return department_save(
        department=Department(code="T100", name="시험과", kind="division"), parent=None
    )


@pytest.fixture
def make_staff(department):
    counter = {"n": 0}

    def make(**overrides) -> StaffProfile:
        counter["n"] += 1
        n = counter["n"]
        fields = {
            "staff_number": f"2099{n:04d}",
            "name": f"시험{n}",
            "email": f"staff{n}@example.com",
            "department": department,
            "grade": Grade.G7,
            "job_series": "행정",
        }
        fields.update(overrides)
        return staff_create(**fields)

    return make


# --- The people most tests need (a file may override one with its own) -------------


@pytest.fixture
def learner(make_staff):
    return make_staff(name="김하늘").user


@pytest.fixture
def holder(make_staff):
    """A staff member who holds certificates."""
    return make_staff(name="이서연").user


@pytest.fixture
def other(make_staff):
    """Another staff member, who must not see the first one's records."""
    return make_staff(name="박민준").user


@pytest.fixture
def hr(make_staff):
    return with_role(make_staff(name="정인사").user, "hr")


@pytest.fixture
def auditor(make_staff):
    return with_role(make_staff(name="이감사").user, "auditor")
