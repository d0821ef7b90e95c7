"""The demo learner takes a whole course in a real browser."""

import pytest

from courses.models import CoursePage
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import lessons_of, quiz_of, right_answers, wrong_answers


@pytest.fixture
def course(demo_site):
    return CoursePage.objects.filter(topics__code="14-2-1").live().first()


def _answer(page, answers):
    for question_id, choices in answers.items():
        for choice in choices:
            page.check(f"#q-{question_id}-{choice}")


def test_learner_completes_a_course(page, demo_site, course):
    base = demo_site.url
    login(page, base, "learner@example.com")
    page.goto(base + course.url)
    page.get_by_role("button", name="이 과정 수강 신청").click()
    page.wait_for_load_state()
    for lesson in lessons_of(course):
        page.goto(base + lesson.url)
        page.get_by_role("button", name="학습을 마쳤습니다").click()
        page.wait_for_load_state()
    quiz = quiz_of(course)
    assert page.url == base + quiz.url  # the last lesson leads to the quiz
    page.get_by_role("button", name="평가 시작").click()
    _answer(page, wrong_answers(quiz))
    page.get_by_role("button", name="답안 제출").click()
    page.wait_for_load_state()
    assert "통과하지 못했습니다" in page.content()
    page.goto(base + quiz.url)
    page.get_by_role("button", name="다시 풀기").click()
    _answer(page, right_answers(quiz))
    page.get_by_role("button", name="답안 제출").click()
    page.wait_for_load_state()
    assert "통과했습니다" in page.content()
    page.goto(base + course.url)
    assert page.locator(".progress__value").first.inner_text() == "100%"
    page.goto(base + "/learn/")
    row = page.locator("tr", has_text="14-2-1")
    assert "이수" in row.inner_text()


def test_axe_course_lesson_quiz_and_dashboard(page, demo_site, course):
    base = demo_site.url
    login(page, base, "learner@example.com")
    page.goto(base + course.url)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="이 과정 수강 신청").click()
    page.wait_for_load_state()
    page.goto(base + lessons_of(course)[0].url)
    assert_no_axe_violations(page)
    quiz = quiz_of(course)
    page.goto(base + quiz.url)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="평가 시작").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)  # the attempt form
    _answer(page, right_answers(quiz))
    page.get_by_role("button", name="답안 제출").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)  # the result with explanations
    page.goto(base + "/learn/")
    assert_no_axe_violations(page)
    page.goto(base + "/courses/")
    assert_no_axe_violations(page)
