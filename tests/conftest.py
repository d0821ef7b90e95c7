import os

import pytest
from django.core.management import call_command

from lms.models import Department, Grade, StaffProfile
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


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits and axes live in the cache / database per test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo organisation and the five role accounts."""
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def demo_users(demo):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {role: User.objects.get(email=email) for role, email in DEMO_EMAILS.items()}


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
