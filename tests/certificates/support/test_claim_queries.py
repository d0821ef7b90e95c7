"""The claim pages make the same number of SQL queries whatever the number of claims."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.support.services import claim_draft_create
from lms.roles import GROUP_NAMES, roles_sync
from tests.certificates.support.claim_fixtures import (
    budget,
    category,
    certificate_for,
    policy,
    submitted_claim,
)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # warm caches (site settings, session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_hr_queue_queries_do_not_grow(client, make_staff):
    roles_sync()
    policy()
    budget(10_000_000)
    hr = make_staff().user
    hr.groups.add(Group.objects.get(name=GROUP_NAMES["hr"]))
    client.force_login(hr)
    url = reverse("expense_claims:index")
    for _ in range(2):
        submitted_claim(make_staff().user)
    few = _queries(client, url)
    for _ in range(8):
        submitted_claim(make_staff().user)
    assert _queries(client, url) == few


def test_learner_list_queries_do_not_grow(client, make_staff):
    policy()
    learner = make_staff().user
    client.force_login(learner)
    url = reverse("learner_claims")
    claim_draft_create(
        claimant=learner, category=category(), certificate=certificate_for(learner)
    )
    few = _queries(client, url)
    for _ in range(6):
        claim_draft_create(
            claimant=learner, category=category(), certificate=certificate_for(learner)
        )
    assert _queries(client, url) == few
