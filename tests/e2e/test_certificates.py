"""A learner's certificate in a real browser: download the PDF, then verify it
anonymously as the QR code does, with axe-core on every verification page."""

import pytest
from django.contrib.auth import get_user_model

from certificates.models import Certificate
from courses.models import CoursePage
from courses.services.learning import (
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.masking import name_mask
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import lessons_of, quiz_of, right_answers


@pytest.fixture
def learner_certificate(demo_site) -> Certificate:
    """The demo learner completes a demo course through the learning services."""
    learner = get_user_model().objects.get(email="learner@example.com")
    held = set(
        Certificate.objects.filter(holder=learner).values_list("course_key", flat=True)
    )
    course = next(
        c
        for c in CoursePage.objects.live().order_by("pk")
        if not any(key.endswith(str(c.pk)) for key in held) and quiz_of(c) is not None
    )
    before = set(
        Certificate.objects.filter(holder=learner).values_list("pk", flat=True)
    )
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz))
    certificate = (
        Certificate.objects.filter(holder=learner).exclude(pk__in=before).first()
    )
    assert certificate is not None, "completing the course issued no certificate"
    return certificate


def test_learner_downloads_the_pdf_and_anyone_verifies_it(
    page, browser, browser_context_args, demo_site, learner_certificate
):
    base = demo_site.url
    cert = learner_certificate
    login(page, base, "learner@example.com")
    page.goto(f"{base}/learn/certificates/")
    link = page.locator(f'a[href="/learn/certificates/{cert.pk}/pdf/"]')
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.lower().endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # What the QR code encodes, opened by a stranger (no session, no cookies).
    anonymous = browser.new_context(**browser_context_args)
    try:
        visitor = anonymous.new_page()
        response = visitor.goto(f"{base}/certificates/verify/{cert.code}/")
        assert response.status == 200
        assert response.headers["referrer-policy"] == "strict-origin"
        status = visitor.locator("#verify-status")
        assert status.get_attribute("data-status") == "valid"
        main = visitor.locator("main").inner_text()
        assert name_mask(cert.holder_name) in main
        assert cert.holder_name not in main
        assert cert.serial in main
        assert_no_axe_violations(visitor)

        # The page's own POST forms still pass the CSRF origin check.
        visitor.select_option("#language-select", "en")
        visitor.locator(".language-switcher button[type=submit]").click()
        visitor.wait_for_load_state()
        assert visitor.locator("html").get_attribute("lang") == "en"
        assert visitor.url == f"{base}/certificates/verify/{cert.code}/"
        assert visitor.locator("#verify-status").get_attribute("data-status") == "valid"
        assert_no_axe_violations(visitor)
    finally:
        anonymous.close()


def test_verify_form_and_not_found_pages_are_accessible(
    page, demo_site, learner_certificate
):
    base = demo_site.url
    cert = learner_certificate
    page.goto(f"{base}/certificates/verify/")
    assert_no_axe_violations(page)

    # An empty submission: the error is in the form, still accessible.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_code").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)

    # A code typed in lower case with hyphens leads to the result.
    page.fill("#id_code", cert.code_display.lower())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{base}/certificates/verify/{cert.code}/"
    assert page.locator("#verify-status").get_attribute("data-status") == "valid"

    response = page.goto(f"{base}/certificates/verify/{'A' * 32}/")
    assert response.status == 404
    assert page.locator("#id_code").count() == 1
    assert_no_axe_violations(page)
