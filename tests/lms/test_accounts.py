import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
ADMIN_LOGIN_URL = "/admin/login/"


def _login(client, login, password=DEMO_PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": login, "password": password}, **extra)


def test_learner_logs_in_by_email_and_lands_on_learn(client, demo):
    response = _login(client, "learner@example.com")
    assert response.status_code == 302
    assert response["Location"] == "/learn/"
    page = client.get("/learn/")
    assert page.status_code == 200
    assert "내 학습" in page.content.decode() or "My learning" in page.content.decode()


def test_login_by_staff_number(client, demo_users):
    staff_number = demo_users["learner"].staff_profile.staff_number
    response = _login(client, staff_number)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_users["learner"].pk)


def test_email_login_ignores_case(client, demo_users):
    response = _login(client, "LEARNER@Example.com")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_users["learner"].pk)


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("learner", "/learn/"),
        ("head", "/learn/"),
        ("hr", "/admin/"),
        ("editor", "/admin/"),
        ("auditor", "/admin/"),
    ],
)
def test_each_role_lands_where_it_works(client, demo, role, landing):
    response = _login(client, f"{role}@example.com")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_next_parameter_wins_over_role_landing(client, demo):
    response = client.post(
        f"{LOGIN_URL}?next=/learn/",
        {"login": "hr@example.com", "password": DEMO_PASSWORD},
    )
    assert response["Location"] == "/learn/"


def test_wrong_password_and_unknown_account_look_the_same(client, demo):
    wrong = _login(client, "learner@example.com", "not-the-password")
    unknown = _login(client, "nobody@example.com", "not-the-password")
    assert wrong.status_code == unknown.status_code == 200
    assert "_auth_user_id" not in client.session

    def error_text(response):
        return [str(e) for e in response.context["form"].non_field_errors()]

    assert error_text(wrong) == error_text(unknown)
    assert error_text(wrong)  # and there is an error shown


def test_public_signup_is_closed(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.com",
            "username": "20991234",
            "password1": "Sup3r-secret!",
            "password2": "Sup3r-secret!",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="x@example.com").exists()
    assert "signup_closed" in " ".join(t.name for t in response.templates if t.name)


def test_the_login_page_says_a_staff_number_works_and_invites_no_sign_up(client, db):
    # Issue 17: it said "회원가입을 진행하세요" (leading to "회원가입 종료") and
    # labelled the field only "로그인:".
    page = client.get(LOGIN_URL).content.decode()
    assert "이메일 또는 직원번호" in page
    assert "/accounts/signup/" not in page and "회원가입" not in page
    assert "총무과 교육팀에 문의하세요" in page  # the contact from the site settings


def test_password_reset_does_not_reveal_accounts(client, demo):
    known = client.post("/accounts/password/reset/", {"email": "learner@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Only the real account gets a reset link; the unknown address gets a
    # notice that no account exists, so the page itself reveals nothing.
    recipients = [m.to for m in mail.outbox]
    assert ["learner@example.com"] in recipients
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_change_page_for_logged_in_staff(client, demo_users):
    client.force_login(demo_users["learner"])
    response = client.get("/accounts/password/change/")
    assert response.status_code == 200


def test_mfa_totp_is_available_to_every_user(client, demo_users):
    client.force_login(demo_users["learner"])
    assert client.get("/accounts/2fa/").status_code == 200
    # Turning on TOTP asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": DEMO_PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "totp_svg" in response.context


def test_demo_accounts_have_verified_primary_email(demo_users):
    for user in demo_users.values():
        address = EmailAddress.objects.get(user=user)
        assert address.verified and address.primary and address.email == user.email


class TestLockout:
    def test_site_login_locks_after_repeated_failures(self, client, demo, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "learner@example.com", "wrong-password")
        response = _login(client, "learner@example.com")  # right password now
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        assert (
            "로그인" in response.content.decode()
            or "login" in response.content.decode()
        )

    def test_admin_login_locks_after_repeated_failures(self, client, demo, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                ADMIN_LOGIN_URL,
                {"username": "hr@example.com", "password": "wrong-password"},
            )
        response = client.post(
            ADMIN_LOGIN_URL, {"username": "hr@example.com", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_failures_on_admin_count_for_the_site_login_too(
        self, client, demo, settings
    ):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                ADMIN_LOGIN_URL,
                {"username": "hr@example.com", "password": "wrong-password"},
            )
        assert _login(client, "hr@example.com").status_code == 429

    def test_admin_login_works_with_right_password(self, client, demo):
        response = client.post(
            ADMIN_LOGIN_URL, {"username": "hr@example.com", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_other_accounts_are_not_locked(self, client, demo, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "learner@example.com", "wrong-password")
        assert _login(client, "hr@example.com").status_code == 302
