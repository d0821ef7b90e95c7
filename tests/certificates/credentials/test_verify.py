"""Public verification by code: what it shows, what it never shows, limits."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.credentials.models import CertificateStatus
from certificates.credentials.services.issuing import (
    certificate_issue_for_completion,
    certificate_reissue,
    certificate_revoke,
)
from certificates.models import Certificate
from lms.masking import name_mask
from tests.conftest import with_role

PRIVATE_REASON = "개인사정-비공개사유-7731"


@pytest.fixture
def holder(make_staff):
    return make_staff(name="홍길동", staff_number="20190017")


@pytest.fixture
def certificate(holder):
    return certificate_issue_for_completion(
        completion_id=1,
        holder=holder.user,
        course_key="course:1",
        course_title="생성형 AI 기초",
        topics=[("14-2-1", "인공지능 기본 개념"), ("14-2-2", "생성형 인공지능 활용")],
        recognised_hours=Decimal("2.5"),
        completed_on=timezone.localdate(),
        validity_months=24,
        cycle_year=timezone.localdate().year,
    )


def _verify_url(code: str) -> str:
    return reverse("certificates_public:verify", kwargs={"code": code})


def _set_expiry(certificate: Certificate, days_from_today: int) -> None:
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=today + datetime.timedelta(days=days_from_today)
    )


def _make_state(certificate, state, actor):
    if state == CertificateStatus.EXPIRING:
        _set_expiry(certificate, 10)
    elif state == CertificateStatus.EXPIRED:
        _set_expiry(certificate, -1)
    elif state == CertificateStatus.REVOKED:
        certificate_revoke(certificate=certificate, actor=actor, reason=PRIVATE_REASON)
    certificate.refresh_from_db()
    assert certificate.status == state


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state",
    [
        CertificateStatus.VALID,
        CertificateStatus.EXPIRING,
        CertificateStatus.EXPIRED,
        CertificateStatus.REVOKED,
    ],
)
def test_verify_shows_each_state_and_only_the_masked_name(
    client, certificate, holder, state, make_staff
):
    _make_state(certificate, state, actor=with_role(make_staff().user, "hr"))

    response = client.get(_verify_url(certificate.code))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-status="{state}"' in html
    assert name_mask("홍길동") == "홍*동"
    assert "홍*동" in html
    assert "홍길동" not in html
    assert "20190017" not in html
    assert holder.department.name not in html
    assert PRIVATE_REASON not in html
    assert certificate.serial in html
    assert "생성형 AI 기초" in html
    assert "14-2-2 생성형 인공지능 활용" in html
    assert certificate.issued_on.strftime("%Y. %-m. %-d.") in html
    assert response.context["is_valid"] is (
        state in (CertificateStatus.VALID, CertificateStatus.EXPIRING)
    )
    if state == CertificateStatus.EXPIRING:
        # valid, with a note of the (near) expiry date
        assert response.context["is_expiring"]
        assert html.count(certificate.expires_on.strftime("%Y. %-m. %-d.")) == 2
    if state == CertificateStatus.REVOKED:
        assert certificate.revoked_at.astimezone().strftime("%Y. %-m. %-d.") in html


@pytest.mark.django_db
def test_a_reissued_certificate_is_revoked_and_the_new_one_valid(
    client, certificate, make_staff
):
    hr = with_role(make_staff().user, "hr")
    new = certificate_reissue(certificate=certificate, actor=hr, reason="오기")

    old_page = client.get(_verify_url(certificate.code))
    new_page = client.get(_verify_url(new.code))

    assert old_page.context["is_revoked"] and old_page.context["was_reissued"]
    assert new.code not in old_page.content.decode()
    assert new_page.context["status"] == CertificateStatus.VALID


@pytest.mark.django_db
def test_an_unknown_code_is_a_404_page_with_the_form(client, certificate):
    unknown = "A" * 32 if certificate.code != "A" * 32 else "B" * 32
    for code in (unknown, "not-a-code", "x" * 200):
        response = client.get(_verify_url(code))
        assert response.status_code == 404
        html = response.content.decode()
        assert 'name="code"' in html
        assert reverse("certificates_public:verify_form") in html
        assert "<h1>" in html and html.count("<h1") == 1


@pytest.mark.django_db
def test_a_code_typed_in_lower_case_with_hyphens_or_spaces_works(client, certificate):
    typed = certificate.code_display.lower()
    assert "-" in typed

    assert client.get(_verify_url(typed)).context["certificate"] == certificate

    for method, data in (
        ("post", {"code": typed}),
        ("get", {"code": " ".join(certificate.code_display.split("-")).lower()}),
    ):
        response = getattr(client, method)(
            reverse("certificates_public:verify_form"), data
        )
        assert response.status_code == 302
        assert response["Location"] == _verify_url(certificate.code)


@pytest.mark.django_db
def test_look_alike_digits_are_read_as_letters(client, certificate):
    code = certificate.code
    typed = code.replace("O", "0").replace("I", "1").replace("B", "8")
    response = client.get(_verify_url(typed))
    assert response.status_code == 200
    assert response.context["certificate"] == certificate


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "   ", "---", "ABC", "!" * 40])
def test_the_form_shows_an_error_for_empty_or_malformed_input(client, typed):
    for response in (
        client.get(reverse("certificates_public:verify_form"), {"code": typed}),
        client.post(reverse("certificates_public:verify_form"), {"code": typed}),
    ):
        assert response.status_code == 200
        assert response.context["form"].errors["code"]
        assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_the_blank_form_has_a_labelled_field(client):
    response = client.get(reverse("certificates_public:verify_form"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert '<label for="id_code">' in html and 'id="id_code"' in html
    assert '<html lang="ko">' in html


@pytest.mark.django_db
def test_verification_responses_are_private(client, certificate):
    for response in (
        client.get(reverse("certificates_public:verify_form")),
        client.get(_verify_url(certificate.code)),
        client.get(_verify_url("Z" * 32)),
    ):
        assert "no-store" in response["Cache-Control"]
        # only the origin, never the path with the code, in any Referer
        assert response["Referrer-Policy"] == "strict-origin"
        assert 'name="referrer" content="strict-origin"' in response.content.decode()
        assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.django_db
def test_lookups_are_rate_limited_per_client_address(client, certificate, settings):
    settings.LMS_VERIFY_RATE_LIMIT = 3
    settings.LMS_VERIFY_RATE_WINDOW = 60
    url = _verify_url(certificate.code)

    statuses = [
        client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)
    ]
    unknown = client.get(_verify_url("Z" * 32), REMOTE_ADDR="203.0.113.7")
    other = client.get(url, REMOTE_ADDR="203.0.113.8")

    assert statuses == [200, 200, 200, 429]
    assert unknown.status_code == 429  # unknown codes count too
    assert int(unknown["Retry-After"]) > 0
    assert "no-store" in unknown["Cache-Control"]
    assert unknown.context["rate_limited"] is True
    assert certificate.serial not in unknown.content.decode()
    assert other.status_code == 200


@pytest.mark.django_db
def test_form_submissions_are_rate_limited_too(client, certificate, settings):
    settings.LMS_VERIFY_RATE_LIMIT = 2
    form_url = reverse("certificates_public:verify_form")
    data = {"code": certificate.code}

    statuses = [
        client.post(form_url, data, REMOTE_ADDR="198.51.100.1").status_code
        for _ in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert client.post(form_url, data, REMOTE_ADDR="198.51.100.2").status_code == 302
    # A plain visit to the blank form is never refused.
    assert client.get(form_url, REMOTE_ADDR="198.51.100.1").status_code == 200


@pytest.mark.django_db
def test_ipv6_clients_are_counted_per_64_network(client, certificate, settings):
    settings.LMS_VERIFY_RATE_LIMIT = 1
    url = _verify_url(certificate.code)
    assert client.get(url, REMOTE_ADDR="2001:db8:1:2::1").status_code == 200
    assert client.get(url, REMOTE_ADDR="2001:db8:1:2::ffff").status_code == 429
    assert client.get(url, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
