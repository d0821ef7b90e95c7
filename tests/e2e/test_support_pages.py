"""The learner's records and expense claims in a real browser: axe-core finds
no violation on the certificate, qualification and claim pages, and a
returned claim can be corrected and submitted with the keyboard-reachable form."""

import pytest
from django.contrib.auth import get_user_model

from certificates.models import ClaimStatus, ExpenseClaim
from tests.e2e.conftest import assert_no_axe_violations, login

RETURNED_CLAIMANT = "20173195"  # fixtures/support.json: a claim returned for correction


@pytest.fixture
def claimant(demo_site):
    user = get_user_model().objects.get(username=RETURNED_CLAIMANT)
    user.set_password("demo-pass-2026")
    user.save()
    return user


@pytest.mark.parametrize(
    "path",
    [
        "/learn/certificates/",
        "/learn/qualifications/",
        "/learn/qualifications/new/",
        "/learn/claims/",
        "/learn/claims/new/",
    ],
)
def test_axe_learner_record_pages(page, demo_site, claimant, path):
    login(page, demo_site.url, RETURNED_CLAIMANT)
    response = page.goto(demo_site.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_a_returned_claim_is_corrected_and_submitted(page, demo_site, claimant):
    claim = ExpenseClaim.objects.get(claimant=claimant)
    assert claim.status == ClaimStatus.RETURNED
    login(page, demo_site.url, RETURNED_CLAIMANT)
    page.goto(f"{demo_site.url}/learn/claims/{claim.pk}/")
    assert_no_axe_violations(page)
    submit = page.locator("form button[name=submit], form button[value=submit]").first
    submit.click()
    page.wait_for_load_state("networkidle")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert_no_axe_violations(page)
