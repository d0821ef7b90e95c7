import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

from lms.roles import ROLES

pytestmark = pytest.mark.django_db


def test_migrations_create_the_five_role_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"학습자", "부서장", "교육담당", "콘텐츠 편집자", "감사"} <= names
    # Wagtail's own default groups are replaced by ours.
    assert not names & {"Editors", "Moderators"}


def test_role_groups_carry_their_permissions(db):
    hr = Group.objects.get(name=ROLES["hr"].group_name)
    codes = set(hr.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_staffprofile", "change_department"} <= codes
    auditor = Group.objects.get(name=ROLES["auditor"].group_name)
    codes = set(auditor.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_staffprofile", "view_department"} <= codes
    assert not any(c.startswith(("add_", "change_", "delete_")) for c in codes)
    editor = Group.objects.get(name=ROLES["editor"].group_name)
    assert editor.page_permissions.filter(permission__codename="publish_page").exists()
    assert not Group.objects.get(name="학습자").permissions.exists()


def _menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_each_role_sees_only_its_menus(demo_users):
    hr = _menu_names(demo_users["hr"])
    editor = _menu_names(demo_users["editor"])
    auditor = _menu_names(demo_users["auditor"])
    assert "organisation" in hr and "explorer" not in hr
    assert "explorer" in editor and "images" in editor and "organisation" not in editor
    assert "organisation" in auditor and "explorer" not in auditor
    assert "settings" not in editor and "settings" not in auditor


@pytest.mark.parametrize(
    ("role", "status"),
    [("hr", 200), ("auditor", 200), ("editor", 302), ("learner", 302), ("head", 302)],
)
def test_staff_list_in_admin_by_role(client, demo_users, role, status):
    client.force_login(demo_users[role])
    response = client.get("/admin/staff/?q=20200101")
    assert response.status_code == status
    if status == 200:
        assert (
            "learner@example.com" not in response.content.decode()
        )  # no emails listed
        assert demo_users["learner"].staff_profile.name in response.content.decode()


def test_auditor_cannot_add_or_edit_staff(client, demo_users):
    client.force_login(demo_users["auditor"])
    assert client.get("/admin/staff/new/").status_code in (302, 403)
    pk = demo_users["learner"].staff_profile.pk
    assert client.get(f"/admin/staff/edit/{pk}/").status_code in (302, 403)
    assert client.get(f"/admin/staff/inspect/{pk}/").status_code == 200


def test_learner_has_no_admin(client, demo_users):
    client.force_login(demo_users["learner"])
    response = client.get("/admin/")
    assert response.status_code == 302
