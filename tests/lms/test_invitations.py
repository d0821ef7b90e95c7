"""Invitations: imported staff get a one-time link to set their password, and
every mail names the site from its settings, not from the request's host."""

import datetime
import io
import re
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from lms.admin.invitations import invitation_offer
from lms.models import LmsSettings, StaffProfile
from lms.services import invitations
from lms.services.invitations import staff_invitations_send
from tests.conftest import with_role
from tests.lms import test_staff_import
from tests.lms.test_staff_import import VALID, xlsx

pytestmark = pytest.mark.django_db

BASE_URL = "https://lms.city.example.go.kr"
PASSWORD = "Saeropgo-anjeon-2026!"  # noqa: S105 (a test password)
INVITATIONS = "/admin/organisation/invitations/"

org = test_staff_import.org  # the departments the import's sample names


@pytest.fixture(autouse=True)
def _site(db, settings):
    """A site named in its settings, reached under a public address that is not
    the test client's host ("testserver")."""
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    lms = LmsSettings.current()
    lms.city_name, lms.programme_name, lms.contact = (
        "가온시",
        "디지털 역량 교육",
        "인사과",
    )
    lms.save()


@pytest.fixture
def newcomer(make_staff):
    """Made like the import makes people: a login without a usable password."""
    return make_staff(name="한새봄", email="saebom.han@example.com")


def _invite(hr, *profiles):
    return staff_invitations_send(
        actor=hr,
        profiles=StaffProfile.objects.filter(
            pk__in=[p.pk for p in profiles]
        ).select_related("user"),
    )


def _link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def _path(link: str) -> str:
    assert link.startswith(BASE_URL + "/")
    return link.removeprefix(BASE_URL)


def _set_password(client, path, password=PASSWORD):
    step = client.get(path)
    assert step.status_code == 302  # the token moves to the session
    form = client.get(step["Location"])
    assert form.status_code == 200
    return client.post(step["Location"], {"password1": password, "password2": password})


def _page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- The link -------------------------------------------------------------------


def test_the_link_sets_a_password_once_and_then_refuses(client, hr, newcomer):
    result = _invite(hr, newcomer)
    assert result.sent == 1
    newcomer.refresh_from_db()
    assert newcomer.invited_at is not None
    path = _path(_link(mail.outbox[0]))

    response = _set_password(client, path)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    newcomer.user.refresh_from_db()
    assert newcomer.user.check_password(PASSWORD)
    login = client.post(
        "/accounts/login/", {"login": newcomer.staff_number, "password": PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/learn/"

    client.logout()
    again = client.get(path)
    assert again.status_code == 200
    text = _page_text(again)
    assert "더 이상 쓸 수 없는 링크입니다" in text
    assert 'href="/accounts/password/reset/"' in text and "인사과" in text
    newcomer.user.refresh_from_db()
    assert newcomer.user.check_password(PASSWORD)  # nothing changed


def test_the_form_step_needs_the_link_in_the_session(client, hr, newcomer):
    _invite(hr, newcomer)
    path = _path(_link(mail.outbox[0]))
    form_step = re.sub(r"/[^/]+/$", "/set-password/", path)
    response = client.post(form_step, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert "더 이상 쓸 수 없는 링크입니다" in _page_text(response)
    newcomer.user.refresh_from_db()
    assert not newcomer.user.has_usable_password()


def test_a_weak_password_is_refused_on_the_form(client, hr, newcomer):
    _invite(hr, newcomer)
    response = _set_password(client, _path(_link(mail.outbox[0])), password="1234")
    assert response.status_code == 200
    assert response.context["form"].errors
    newcomer.user.refresh_from_db()
    assert not newcomer.user.has_usable_password()


@pytest.mark.parametrize(("days_later", "works"), [(2.9, True), (3.1, False)])
def test_the_link_expires_after_the_valid_days(
    client, hr, newcomer, settings, monkeypatch, days_later, works
):
    settings.LMS_INVITATION_VALID_DAYS = 3
    _invite(hr, newcomer)
    assert "3일" in mail.outbox[0].body
    path = _path(_link(mail.outbox[0]))
    later = datetime.datetime.now() + datetime.timedelta(days=days_later)
    monkeypatch.setattr(invitations.invitation_tokens, "_now", lambda: later)
    response = client.get(path)
    if works:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        text = _page_text(response)
        assert "초대 링크의 기간이 지났습니다" in text and "3일" in text


def test_a_link_to_an_address_hr_has_since_corrected_stops_working(
    client, hr, newcomer
):
    _invite(hr, newcomer)
    path = _path(_link(mail.outbox[0]))
    user = newcomer.user
    user.email = "saebom.han2@example.com"
    user.save()
    assert "더 이상 쓸 수 없는 링크입니다" in _page_text(client.get(path))


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/invitation/1/nonsense/",
        "/accounts/invitation/zzzzzzzzzzzzz/1-abc/",  # beyond any user id
        "/accounts/invitation/zzzzzzzzzzzzzzzzzzzz/1-abc/",  # not a base-36 id
        "/accounts/invitation/-1/zz-zz/",
        "/accounts/invitation/1/set-password/",
    ],
)
def test_a_bad_link_is_a_friendly_korean_page(client, newcomer, path):
    response = client.get(path)
    assert response.status_code == 200
    text = _page_text(response)
    assert "더 이상 쓸 수 없는 링크입니다" in text
    assert "비밀번호 재설정" in text


def test_a_retired_persons_link_does_not_work(client, hr, newcomer):
    _invite(hr, newcomer)
    path = _path(_link(mail.outbox[0]))
    newcomer.user.is_active = False
    newcomer.user.save()
    assert "더 이상 쓸 수 없는 링크입니다" in _page_text(client.get(path))


# --- The mails name the site ------------------------------------------------------


def test_the_invitation_names_the_site_and_links_to_its_address(hr, newcomer):
    _invite(hr, newcomer)
    message = mail.outbox[0]
    assert message.to == ["saebom.han@example.com"]
    assert message.subject.startswith("[가온시 디지털 역량 교육] ")
    assert "안녕하십니까, 가온시 디지털 역량 교육입니다." in message.body
    assert "한새봄님" in message.body and newcomer.staff_number in message.body
    assert f"{BASE_URL}/accounts/login/" in message.body
    assert "인사과에 문의하십시오" in message.body
    assert "testserver" not in message.body + message.subject


def test_the_password_reset_mail_names_the_site_not_the_host(client, newcomer):
    response = client.post(
        "/accounts/password/reset/",
        {"email": "saebom.han@example.com"},
        HTTP_HOST="127.0.0.1:8110",
    )
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject.startswith("[가온시 디지털 역량 교육] ")
    assert "안녕하십니까, 가온시 디지털 역량 교육입니다." in message.body
    assert "127.0.0.1" not in message.body + message.subject
    assert f"{BASE_URL}/accounts/password/reset/key/" in message.body
    # The link works on the site (the test client stands for its address).
    link = re.search(rf"{re.escape(BASE_URL)}(\S+)", message.body).group(1)
    assert client.get(link).status_code == 302


# --- Who may send ---------------------------------------------------------------


def test_only_hr_with_the_permission_may_send(client, make_staff, newcomer):
    auditor = with_role(make_staff(name="감사원").user, "auditor")
    with pytest.raises(PermissionDenied):
        _invite(auditor, newcomer)
    client.force_login(auditor)
    single = reverse("lms_staff_invite", args=[newcomer.pk])
    for response in (
        client.get(INVITATIONS),
        client.post(INVITATIONS, {"profile": [newcomer.pk]}),
        client.post(single),
    ):
        # Wagtail turns the view's PermissionDenied into a redirect home.
        assert (response.status_code, response.url) == (302, "/admin/")
    assert mail.outbox == []
    newcomer.refresh_from_db()
    assert newcomer.invited_at is None


def test_hr_invites_the_selected_people_by_post(
    client, hr, newcomer, make_staff, django_capture_on_commit_callbacks
):
    no_email = make_staff(name="주소없음", email="")
    client.force_login(hr)
    assert client.get(INVITATIONS).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            INVITATIONS, {"profile": [newcomer.pk, no_email.pk]}, follow=True
        )
    assert [m.to for m in mail.outbox] == [["saebom.han@example.com"]]
    text = _page_text(response)
    assert "1명에게 초대 메일을 보냅니다" in text
    assert "1명은 이메일 주소가 없어 초대하지 않았습니다" in text
    newcomer.refresh_from_db()
    assert newcomer.invited_at is not None
    # The staff list shows the day each was invited.
    listing = _page_text(client.get("/admin/staff/"))
    today = timezone.localdate()
    assert "초대 발송일" in listing
    assert f"{today.year}년 {today.month}월 {today.day}일" in listing
    assert client.post(INVITATIONS, {}).status_code == 400  # nothing selected


def test_hr_resends_from_the_staff_record(client, hr, newcomer):
    client.force_login(hr)
    edit = _page_text(client.get(reverse("staff:edit", args=[newcomer.pk])))
    single = reverse("lms_staff_invite", args=[newcomer.pk])
    assert single in edit
    assert client.get(single).status_code == 200
    for _round in range(2):
        response = client.post(single)
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    first, second = (_path(_link(m)) for m in mail.outbox)
    client.logout()
    assert _set_password(client, second).status_code == 302
    # Setting the password with one link spends the other too.
    assert "더 이상 쓸 수 없는 링크입니다" in _page_text(client.get(first))
    client.force_login(hr)
    assert "비밀번호 설정됨" in _page_text(client.get("/admin/staff/"))
    assert single not in _page_text(
        client.get(reverse("staff:edit", args=[newcomer.pk]))
    )


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({})


def test_a_mail_the_server_refused_is_not_recorded_as_sent(
    client, hr, newcomer, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    client.force_login(hr)
    response = client.post(reverse("lms_staff_invite", args=[newcomer.pk]), follow=True)
    assert response.status_code == 200
    assert "메일 서버가 초대 메일을 받지 않았습니다" in _page_text(response)
    newcomer.refresh_from_db()
    assert newcomer.invited_at is None


# --- The import's result ----------------------------------------------------------

IMPORT = "/admin/organisation/staff-import/"


def test_the_import_result_offers_to_invite_the_new_people(
    client,
    org,
    hr,
    django_capture_on_commit_callbacks,
):
    client.force_login(hr)
    upload = SimpleUploadedFile("staff.xlsx", xlsx(VALID).getvalue())
    form = client.post(IMPORT, {"file": upload}).context["apply_form"]
    result = client.post(
        IMPORT, {"token": form.initial["token"], "digest": form.initial["digest"]}
    )
    assert result.status_code == 200
    # Seven new people, one of them retired: six can be invited.
    assert result.context["invite"]["count"] == 6
    assert result.context["invite"]["without_email"] == 0
    text = _page_text(result)
    assert "새 직원 6명에게 초대 메일 보내기" in text
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            INVITATIONS, {"batch": result.context["invite"]["batch"]}, follow=True
        )
    assert len(mail.outbox) == 6
    assert "6명에게 초대 메일을 보냅니다" in _page_text(sent)
    # A forged list is refused, not sent.
    forged = client.post(INVITATIONS, {"batch": "forged"})
    assert forged.status_code == 400 and len(mail.outbox) == 6


def test_the_offer_counts_the_new_people_without_an_address(hr, make_staff):
    with_address = make_staff(email="a@example.com")
    without = make_staff(email="")
    offer = invitation_offer(
        user=hr, staff_numbers=[with_address.staff_number, without.staff_number]
    )
    assert (offer["count"], offer["without_email"]) == (1, 1)


def test_the_command_invites_the_new_people_in_the_name_of_hr(
    org,
    hr,
    tmp_path,
):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx(VALID).getvalue())
    with pytest.raises(CommandError):  # --invite needs someone who may send
        call_command("import_staff", str(path), "--invite", stdout=io.StringIO())
    assert StaffProfile.objects.count() == 1  # nothing applied
    out = io.StringIO()
    call_command("import_staff", str(path), "--invite", "--by", hr.email, stdout=out)
    assert len(mail.outbox) == 6
    assert "초대 메일: 6건 발송" in out.getvalue()
