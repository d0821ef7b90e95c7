import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from lms.models import ExportJob, ExportLog
from lms.roles import GROUP_NAMES, roles_sync
from tests.certificates.support.claim_fixtures import (
    YEAR,
    budget,
    policy,
    submitted_claim,
)

pytestmark = pytest.mark.django_db
PAGE = reverse("lms_roster_exports")


@pytest.fixture
def people(make_staff):
    roles_sync()
    people = {}
    for role in ("hr", "auditor", "learner"):
        user = make_staff(name=f"{role}사람").user
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        people[role] = user
    people["other_hr"] = make_staff().user
    people["other_hr"].groups.add(Group.objects.get(name=GROUP_NAMES["hr"]))
    return people


@pytest.fixture
def claim(people, make_staff):
    from certificates.support.services import claim_approve

    policy()
    budget(500_000)
    return claim_approve(
        claim=submitted_claim(make_staff(name="김민준", staff_number="20190123").user),
        approver=people["hr"],
    )


def _workbook(response):
    body = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(body))


def test_hr_downloads_a_masked_roster_and_it_is_logged(client, people, claim):
    client.force_login(people["hr"])
    assert client.get(PAGE).status_code == 200
    response = client.post(PAGE, {"roster": "claims", "year": YEAR})
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    text = str(
        [c.value for row in _workbook(response)["명단"].iter_rows() for c in row]
    )
    assert "김*준" in text and "김민준" not in text
    log = ExportLog.objects.get()
    assert (log.user, log.roster, log.masked, log.row_count) == (
        people["hr"],
        "claims",
        True,
        1,
    )


def test_a_full_export_needs_a_reason(client, people, claim):
    client.force_login(people["hr"])
    response = client.post(PAGE, {"roster": "claims", "year": YEAR, "full": "on"})
    assert response.status_code == 200 and "form" in response.context
    assert response.context["form"].errors["reason"]
    assert not ExportLog.objects.exists()
    response = client.post(
        PAGE, {"roster": "claims", "year": YEAR, "full": "on", "reason": "예산 정산"}
    )
    text = str(
        [c.value for row in _workbook(response)["명단"].iter_rows() for c in row]
    )
    assert "김민준" in text and "20190123" in text
    assert ExportLog.objects.get().reason == "예산 정산"


def test_learner_and_auditor_cannot_export(client, people):
    client.force_login(people["learner"])
    assert client.get(PAGE).status_code in (302, 403)
    client.force_login(people["auditor"])
    # Wagtail turns a refusal into a redirect to the admin's dashboard.
    assert client.get(PAGE).status_code in (302, 403)
    response = client.post(PAGE, {"roster": "claims", "year": YEAR})
    assert response.status_code in (302, 403)
    assert response.get("Content-Disposition") is None
    assert not ExportLog.objects.exists()


@override_settings(LMS_EXPORT_SYNC_MAX_ROWS=0)
def test_a_large_roster_runs_in_the_background(
    client, people, claim, django_capture_on_commit_callbacks
):
    client.force_login(people["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, {"roster": "claims", "year": YEAR})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("lms_export_job", args=[job.pk])
    )
    job.refresh_from_db()
    assert (job.status, job.percent, job.rows_total) == ("done", 100, 1)
    page = client.get(reverse("lms_export_job", args=[job.pk]))
    assert reverse("lms_export_job_download", args=[job.pk]) in page.content.decode()
    download = client.get(reverse("lms_export_job_download", args=[job.pk]))
    assert download.status_code == 200
    assert "명단" in _workbook(download).sheetnames
    assert ExportLog.objects.get().row_count == 1
    # Another officer's job is not found.
    client.force_login(people["other_hr"])
    assert client.get(reverse("lms_export_job", args=[job.pk])).status_code == 404
    assert (
        client.get(reverse("lms_export_job_download", args=[job.pk])).status_code == 404
    )


@override_settings(
    LMS_EXPORT_SYNC_MAX_ROWS=0,
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_a_worker_writes_the_file(client, people, claim):
    # Transactional: the worker opens and closes its own connections.
    client.force_login(people["hr"])
    client.post(PAGE, {"roster": "claims", "year": YEAR})
    job = ExportJob.objects.get()
    assert job.status == "queued"
    assert (
        client.get(reverse("lms_export_job_download", args=[job.pk])).status_code == 404
    )
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == "done" and job.file


def test_auditors_read_the_export_log(client, people, claim):
    client.force_login(people["hr"])
    client.post(PAGE, {"roster": "claims", "year": YEAR})
    client.force_login(people["auditor"])
    response = client.get(reverse("export_log:index"))
    assert response.status_code == 200
    assert "claims" in response.content.decode()
    assert client.get(reverse("export_log:add")).status_code in (302, 403, 404)
    client.force_login(people["learner"])
    assert client.get(reverse("export_log:index")).status_code in (302, 403)
