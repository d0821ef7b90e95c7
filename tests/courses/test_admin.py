import pytest

from courses.models import Enrolment, EnrolmentSource, Topic
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_hr_assigns_a_department_to_a_course(client, demo_users):
    course = make_course(nomination_required=True)
    client.force_login(demo_users["hr"])
    department = demo_users["learner"].staff_profile.department
    response = client.post(
        "/admin/learning/assign/", {"course": course.pk, "department": department.pk}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=demo_users["learner"], course=course)
    assert enrolment.source == EnrolmentSource.NOMINATED
    assert enrolment.assigned_by == demo_users["hr"]


def test_assign_needs_somebody(client, demo_users):
    course = make_course()
    client.force_login(demo_users["hr"])
    response = client.post("/admin/learning/assign/", {"course": course.pk})
    assert response.status_code == 200
    assert not Enrolment.objects.filter(course=course).exists()


@pytest.mark.parametrize("role", ["editor", "auditor", "learner"])
def test_only_hr_assigns(client, demo_users, role):
    client.force_login(demo_users[role])
    response = client.get("/admin/learning/assign/")
    assert response.status_code in (302, 403)


def test_hr_edits_cycles(client, demo_users):
    client.force_login(demo_users["hr"])
    assert client.get("/admin/cycles/").status_code == 200
    client.force_login(demo_users["auditor"])
    assert client.get("/admin/cycles/").status_code == 200
    assert client.get("/admin/cycles/new/").status_code in (302, 403)


def test_topic_in_use_cannot_be_deleted(client, demo_users, admin_user):
    make_course(topics=("14-2-1",))
    topic = Topic.objects.get(code="14-2-1")
    client.force_login(admin_user)
    url = f"/admin/snippets/courses/topic/delete/{topic.pk}/"
    response = client.post(url)
    assert response.status_code == 302
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_editor_renames_a_topic(client, demo_users):
    topic = Topic.objects.get(code="14-2-2")
    client.force_login(demo_users["editor"])
    url = f"/admin/snippets/courses/topic/edit/{topic.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "새 이름", "description": "", "sort_order": 2})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "새 이름" and topic.code == "14-2-2"


def test_satisfaction_report_shows_averages_only(client, demo_users, make_staff):
    from courses.models import SurveyResponse
    from courses.services.cycles import cycle_for_date

    course = make_course()
    cycle = cycle_for_date()
    for rating in (5, 3):
        SurveyResponse.objects.create(
            user=make_staff().user,
            course=course,
            cycle=cycle,
            overall=rating,
            content=4,
            clarity=4,
            accessibility=4,
            comment="개인 의견",
        )
    client.force_login(demo_users["hr"])
    html = client.get("/admin/learning/satisfaction/").content.decode()
    assert "4.0" in html and course.title in html
    assert "개인 의견" not in html
    client.force_login(demo_users["editor"])
    assert client.get("/admin/learning/satisfaction/").status_code in (302, 403)
