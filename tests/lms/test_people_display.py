"""People in the admin are named 홍길동 (20190001): the sidebar, listings,
choosers, history, allauth's messages. The plain name stays for the learner
site and what certificates print."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name

from certificates.credentials.services.issuing import certificate_revoke
from certificates.models import Certificate
from lms.adapters import user_display
from lms.admin_display import person
from lms.models import ExportLog
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _sidebar_account_name(html: str) -> str:
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    modules = json.loads(props.group(1))["modules"]
    main_menu = next(
        m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule"
    )
    return main_menu["_args"][2]["name"]


def test_staff_are_named_with_their_staff_number(make_staff):
    user = make_staff(name="박소연", staff_number="20120303").user
    assert str(user) == "박소연 (20120303)"
    assert user.get_full_name() == "박소연 (20120303)"
    assert get_user_display_name(user) == "박소연 (20120303)"  # Wagtail's history
    assert user_display(user) == "박소연 (20120303)"  # allauth
    assert person(user) == "박소연 (20120303)"
    assert person(None) == "—"


def test_the_plain_name_stays_for_the_site_and_documents(make_staff):
    user = make_staff(name="박소연", staff_number="20120303").user
    assert user.display_name == "박소연"


def test_accounts_without_a_staff_profile_keep_their_own_names(db):
    User = get_user_model()
    named = User.objects.create_user("ops", first_name="길동", last_name="홍")
    bare = User.objects.create_user("service")
    assert str(named) == named.get_full_name() == named.display_name == "길동 홍"
    assert str(bare) == bare.display_name == "service"
    assert bare.get_full_name() == ""


def test_the_sidebar_names_the_signed_in_person(client, hr):
    client.force_login(hr)
    response = client.get(reverse("departments:index"))
    profile = hr.staff_profile
    assert _sidebar_account_name(response.content.decode()) == (
        f"{profile.name} ({profile.staff_number})"
    )


def test_the_login_message_names_the_person_in_plain_korean(client, hr):
    hr.set_password(DEMO_PASSWORD)
    hr.save()
    response = client.post(
        "/accounts/login/",
        {"login": hr.email, "password": DEMO_PASSWORD},
        follow=True,
    )
    html = response.content.decode()
    profile = hr.staff_profile
    assert f"{profile.name} ({profile.staff_number}) 님, 로그인되었습니다." in html
    assert " 으로 로그인" not in html


def test_the_export_log_names_who_exported(client, hr, auditor):
    ExportLog.objects.create(user=hr, roster="claims", masked=True, row_count=1)
    client.force_login(auditor)
    html = client.get(reverse("export_log:index")).content.decode()
    profile = hr.staff_profile
    assert f"{profile.name} ({profile.staff_number})" in html


def test_the_revocation_record_names_who_revoked(client, demo_users):
    hr = demo_users["hr"]
    certificate = Certificate.objects.order_by("pk").first()
    certificate_revoke(certificate=certificate, actor=hr, reason="발급 오류")
    client.force_login(demo_users["auditor"])
    inspect = client.get(
        reverse("certificate_registry:inspect", args=[certificate.pk])
    ).content.decode()
    history = client.get(
        reverse("certificate_registry:history", args=[certificate.pk])
    ).content.decode()
    named = f"{hr.staff_profile.name} ({hr.staff_profile.staff_number})"
    assert named in inspect
    assert named in history
    # What the certificate itself prints stays the plain name.
    assert certificate.holder_name == certificate.holder.staff_profile.name
