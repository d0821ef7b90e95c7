"""The dashboards and the public statistics in a real browser, with axe-core:
the public page anonymously, the department head's page and HR's dashboard in
the Wagtail admin, each with its chart and its table."""

import datetime

from django.utils import timezone

from certificates.models import Certificate
from tests.e2e.conftest import assert_no_axe_violations, login


def _some_certificates_expire_soon():
    today = timezone.localdate()
    for days, cert in zip(
        (12, 40, 75), Certificate.objects.filter(revoked_at__isnull=True), strict=False
    ):
        Certificate.objects.filter(pk=cert.pk).update(
            expires_on=today + datetime.timedelta(days=days)
        )


def test_public_statistics_are_accessible(page, demo_site):
    page.goto(f"{demo_site.url}/stats/")
    assert page.locator("svg[role=img]").count() == 2
    assert page.locator("table#stats-departments caption").is_visible()
    assert page.locator("html").get_attribute("lang")
    assert_no_axe_violations(page)


def test_head_dashboard_is_accessible(page, demo_site):
    _some_certificates_expire_soon()
    login(page, demo_site.url, "head@example.com")
    page.locator('nav a[href="/learn/department/"]').click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#compliance-table").is_visible()
    assert page.locator("#missing-table").is_visible()
    assert page.locator("#expiring-counts").is_visible()
    assert page.locator("#budget-table").count() == 0
    assert_no_axe_violations(page)


def test_hr_dashboard_is_accessible(page, demo_site):
    _some_certificates_expire_soon()
    login(page, demo_site.url, "hr@example.com")
    page.goto(f"{demo_site.url}/admin/training-dashboard/")
    for table in (
        "compliance-table",
        "missing-table",
        "expiring-table",
        "budget-table",
    ):
        assert page.locator(f"#{table}").is_visible(), table
    assert page.locator("svg[role=img]#compliance-chart, svg[role=img]").count() >= 1
    assert_no_axe_violations(page)
