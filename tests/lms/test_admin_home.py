"""The admin's home (issue #17, item 4): HR lands on what waits for them, the
year at a glance and the rosters, not on Wagtail's page search with links to
the internet; each role sees only what it may act on."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from certificates.models import (
    Budget,
    ClaimStatus,
    ExpenseClaim,
    Qualification,
    StaffQualification,
)
from certificates.qualifications.models import QualificationStatus
from certificates.qualifications.services.review import staff_qualification_submit
from certificates.support.models import DECIDABLE
from certificates.uploads import upload_clean
from courses.dashboard_panels import compliance_by_department
from courses.selectors import cycle_current
from lms.dashboard import ALL
from lms.models import ExportJob, ExportJobStatus
from tests.certificates.upload_files import png_bytes, upload

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def _ko(message: str) -> str:
    with translation.override("ko"):
        return gettext(message)


def _task_count(html: str, label: str) -> int | None:
    """The number written on a task's card, or None when the card is absent."""
    match = re.search(
        re.escape(label) + r"</span>\s*<strong[^>]*>(\d+)", html, flags=re.S
    )
    return int(match.group(1)) if match else None


def _submit_qualification(user):
    return staff_qualification_submit(
        user=user,
        qualification=Qualification.objects.first(),
        acquired_on=timezone.localdate() - datetime.timedelta(days=10),
        certificate_number="ADSP-2026-0001",
        evidence=upload_clean(file=upload(png_bytes(), "합격증.png")),
    )


def test_hr_home_lists_the_waiting_work_with_the_queues_counts(client, demo_users):
    hr = demo_users["hr"]
    _submit_qualification(demo_users["learner"])
    html = _home(client, hr)
    decide = ExpenseClaim.objects.filter(status__in=DECIDABLE).exclude(claimant=hr)
    verify = StaffQualification.objects.filter(status=QualificationStatus.SUBMITTED)
    assert decide.exists() and verify.exists(), "the demo data has work waiting"
    assert _ko("Waiting for you") in html
    assert _task_count(html, _ko("Expense claims to decide")) == decide.count()
    assert _task_count(html, _ko("Qualifications to verify")) == verify.count()
    assert "status=awaiting" in html
    assert 'href="/admin/qualification_review/"' in html


def test_a_persons_own_claim_does_not_wait_for_them(client, demo_users):
    hr = demo_users["hr"]
    before = _task_count(_home(client, hr), _ko("Expense claims to decide"))
    claim = ExpenseClaim.objects.filter(status__in=DECIDABLE).first()
    ExpenseClaim.objects.filter(pk=claim.pk).update(claimant=hr)
    after = _task_count(_home(client, hr), _ko("Expense claims to decide"))
    assert after == (before - 1 or None)


def test_hr_home_shows_the_cycles_compliance_and_links_to_the_rosters(
    client, demo_users
):
    html = _home(client, demo_users["hr"])
    total = compliance_by_department(cycle=cycle_current(), scope=ALL).total
    assert _ko("All five topics covered this cycle") in html
    assert f"{total.all_topics.percent}%" in html
    assert f"{total.all_topics.complete}" in html
    assert _ko("Support budget left this year") in html
    for url in ("/admin/training-dashboard/", "/admin/rosters/"):
        assert f'href="{url}"' in html


def test_the_home_has_no_internet_links_and_no_english_page_search(client, demo_users):
    html = _home(client, demo_users["hr"])
    assert "guide.wagtail.org" not in html
    assert "Search all pages" not in html
    external = [
        href
        for href in re.findall(r'href="(https?://[^"]+)"', html)
        if not href.startswith("http://testserver")
    ]
    assert external == []
    # HR edits no pages: no page search, no page counts.
    assert 'role="search"' not in html


def test_the_editor_gets_the_page_search_and_no_hr_work(client, demo_users):
    html = _home(client, demo_users["editor"])
    assert 'role="search"' in html
    assert _ko("Search pages") in html
    assert _ko("Waiting for you") not in html
    assert "/admin/rosters/" not in html
    assert "guide.wagtail.org" not in html


def test_the_auditor_watches_but_has_nothing_to_decide(client, demo_users):
    html = _home(client, demo_users["auditor"])
    assert _ko("Waiting for you") not in html
    assert _ko("All five topics covered this cycle") in html
    assert 'href="/admin/access_log/"' in html
    assert "/admin/organisation/staff-import/" not in html


def test_a_finished_export_waits_for_a_week(client, demo_users):
    hr = demo_users["hr"]
    label = _ko("Roster files ready to download")
    assert _task_count(_home(client, hr), label) is None
    job = ExportJob.objects.create(
        user=hr,
        roster="completions",
        status=ExportJobStatus.DONE,
        finished_at=timezone.now(),
    )
    assert _task_count(_home(client, hr), label) == 1
    ExportJob.objects.filter(pk=job.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert _task_count(_home(client, hr), label) is None


def test_approved_claims_wait_for_the_payment_request(client, demo_users):
    hr = demo_users["hr"]
    claim = ExpenseClaim.objects.filter(status__in=DECIDABLE).exclude(claimant=hr)[0]
    approved = ExpenseClaim.objects.filter(status=ClaimStatus.APPROVED).count()
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status=ClaimStatus.APPROVED,
        amount_approved=claim.amount_requested,
        budget=Budget.objects.filter(fiscal_year=claim.fiscal_year).first(),
    )
    html = _home(client, hr)
    label = _ko("Approved claims to send for payment")
    assert _task_count(html, label) == approved + 1
    assert "status=approved" in html
