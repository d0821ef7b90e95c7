"""The start page of a claim (issue 17): each basis comes with its deadline and
standing before a draft exists, and a basis past its deadline (or already
supported) cannot start one, whatever is posted."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import (
    ExpenseClaim,
    Qualification,
    QualificationStatus,
    StaffQualification,
    SupportCategory,
)
from certificates.support.services import (
    ClaimError,
    claim_approve,
    claim_draft_create,
)
from tests.certificates.support.claim_fixtures import (
    budget,
    certificate_for,
    policy,
    submitted_claim,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
URL = reverse("learner_claim_new")


def _days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _certificate(user, *, completed_days_ago: int):
    certificate = certificate_for(user)
    certificate.completed_on = _days_ago(completed_days_ago)
    certificate.save(update_fields=["completed_on"])
    return certificate


def _qualification(user, *, acquired_days_ago: int) -> StaffQualification:
    return StaffQualification.objects.create(
        user=user,
        qualification=Qualification.objects.first(),
        acquired_on=_days_ago(acquired_days_ago),
        certificate_number="Q-1",
        status=QualificationStatus.VERIFIED,
    )


def _radio(html: str, value: str) -> str:
    match = re.search(rf'<input[^>]*value="{re.escape(value)}"[^>]*>', html)
    assert match, f"no radio for {value}"
    return match.group(0)


def _status(html: str, radio: str) -> str:
    """The text that describes a radio (its ``<id>_status``)."""
    radio_id = re.search(r'id="([^"]+)"', radio).group(1)
    match = re.search(rf'id="{radio_id}_status">(.*?)</span>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_a_basis_past_its_deadline_is_not_offered_and_a_forged_post_is_refused(
    client, learner
):
    policy(claim_deadline_days=90)
    late = _qualification(learner, acquired_days_ago=91)
    fresh = _certificate(learner, completed_days_ago=10)
    client.force_login(learner)

    html = client.get(URL).content.decode()
    late_radio = _radio(html, f"qualification:{late.pk}")
    assert "disabled" in late_radio
    deadline = (late.acquired_on + datetime.timedelta(days=90)).strftime(
        "%Y. %-m. %-d."
    )
    assert f"신청 기한(취득·이수일부터 90일)이 {deadline}에 지났습니다" in _status(
        html, late_radio
    )
    assert "disabled" not in _radio(html, f"certificate:{fresh.pk}")

    category = SupportCategory.objects.get(number=1)
    response = client.post(
        URL, {"basis": f"qualification:{late.pk}", "category": category.pk}
    )
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["basis"])
    assert (
        "이 근거로는 신청할 수 없습니다" in error
        and f"{deadline}에 지났습니다" in error
    )
    assert error in response.content.decode()
    assert not ExpenseClaim.objects.exists()
    # The service refuses it too, whoever calls it.
    with pytest.raises(ClaimError, match=f"{re.escape(deadline)}에 지났습니다"):
        claim_draft_create(claimant=learner, category=category, qualification=late)

    response = client.post(
        URL, {"basis": f"certificate:{fresh.pk}", "category": category.pk}
    )
    assert response.status_code == 302
    assert ExpenseClaim.objects.get().certificate == fresh


def test_the_deadline_is_the_policy_of_the_year(client, learner):
    policy(claim_deadline_days=120)
    late_by_default = _qualification(learner, acquired_days_ago=100)
    client.force_login(learner)
    html = client.get(URL).content.decode()
    radio = _radio(html, f"qualification:{late_by_default.pk}")
    assert "disabled" not in radio
    assert "(D-20)" in _status(html, radio)


def test_the_start_page_shows_deadline_eligibility_and_the_yearly_cap(
    client, learner, hr
):
    policy(claim_deadline_days=90, annual_cap=500_000)
    budget(1_000_000)
    supported = claim_approve(claim=submitted_claim(learner), approver=hr)
    pending = submitted_claim(learner)
    open_one = _certificate(learner, completed_days_ago=45)
    last_day = _certificate(learner, completed_days_ago=90)
    client.force_login(learner)

    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200

    status = _status(html, _radio(html, f"certificate:{open_one.pk}"))
    deadline = (open_one.completed_on + datetime.timedelta(days=90)).strftime(
        "%Y. %-m. %-d."
    )
    assert f"신청 기한: {deadline}까지 (D-45)" in status
    assert "이 근거로 신청할 수 있습니다" in status
    assert "(D-day)" in _status(html, _radio(html, f"certificate:{last_day.pk}"))

    supported_radio = _radio(html, f"certificate:{supported.certificate_id}")
    assert "disabled" in supported_radio
    status = _status(html, supported_radio)
    assert "이미 이 과정으로 지원받았습니다" in status
    assert f"신청 {supported.pk}번" in status
    pending_radio = _radio(html, f"certificate:{pending.certificate_id}")
    assert "disabled" in pending_radio
    assert "같은 근거로 낸 다른 신청이 처리 중입니다" in _status(html, pending_radio)

    cap = response.context["start"].cap
    assert (cap.cap, cap.used, cap.remaining) == (500_000, 100_000, 400_000)
    assert "400,000원" in html and "500,000원" in html


def test_without_a_policy_the_page_says_so_and_a_draft_can_be_prepared(client, learner):
    certificate = _certificate(learner, completed_days_ago=200)
    client.force_login(learner)
    response = client.get(URL)
    html = response.content.decode()
    assert "올해 지원 기준을 아직 정하지 않았습니다" in html
    assert "disabled" not in _radio(html, f"certificate:{certificate.pk}")
    assert "신청 기한:" not in html


def test_when_nothing_is_open_there_is_no_submit_button(client, learner):
    policy(claim_deadline_days=30)
    late = _qualification(learner, acquired_days_ago=31)
    client.force_login(learner)
    html = client.get(URL).content.decode()
    assert "disabled" in _radio(html, f"qualification:{late.pk}")
    assert "지금 신청할 수 있는 기록이 없습니다" in html
    assert 'type="submit" class="button"' not in html


def test_start_page_queries_do_not_grow_with_the_bases(client, learner):
    policy()
    client.force_login(learner)
    _certificate(learner, completed_days_ago=1)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for days in range(2, 8):
        _certificate(learner, completed_days_ago=days)
        _qualification(learner, acquired_days_ago=days)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few), "\n".join(
        q["sql"][:150] for q in many.captured_queries
    )
