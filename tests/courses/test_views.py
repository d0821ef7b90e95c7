import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Completion, Enrolment, QuizAttempt, SurveyResponse, Topic
from courses.selectors import survey_summary
from courses.services.learning import enrolment_create, lesson_complete
from tests.factories import (
    lessons_of,
    make_course,
    quiz_of,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_staff, client):
    user = make_staff().user
    client.force_login(user)
    return user


def _post_answers(client, attempt_id, answers):
    data = {f"q-{qid}": values for qid, values in answers.items()}
    return client.post(f"/learn/attempts/{attempt_id}/", data)


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    course = make_course()
    for url in (course.url, lessons_of(course)[0].url, quiz_of(course).url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_course_page_shows_progress_and_ai_notice(client, learner):
    course = make_course(ai=True, lessons=3)
    html = client.get(course.url).content.decode()
    assert "생성형 AI" in html or "generative AI" in html
    assert "수강 신청" in html or "Enrol in this course" in html
    client.post(f"/learn/courses/{course.pk}/enrol/")
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    html = client.get(course.url).content.decode()
    assert 'value="25"' in html and "25%" in html  # 1 of 3 lessons + quiz
    # the AI notice comes before the content list
    assert html.index("ai-notice") < html.index("contents-heading")


def test_nomination_only_course_explains_itself(client, learner):
    course = make_course(nomination_required=True)
    html = client.get(course.url).content.decode()
    assert "15조" in html or "Art. 15" in html
    response = client.post(f"/learn/courses/{course.pk}/enrol/", follow=True)
    assert not Enrolment.objects.filter(user=learner).exists()
    assert "선발한 직원만" in response.content.decode()


def test_lesson_done_moves_to_the_next_undone_item(client, learner):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    response = client.post(f"/learn/lessons/{first.pk}/done/")
    assert response["Location"] == second.url
    response = client.post(f"/learn/lessons/{second.pk}/done/")
    assert response["Location"] == quiz_of(course).url


def test_quiz_html_never_contains_the_answer_key(client, learner):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    quiz_html = client.get(quiz.url).content.decode()
    response = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    attempt_html = client.get(response["Location"]).content.decode()
    for html in (quiz_html, attempt_html):
        assert "correct" not in html.lower()
        for explanation in (f"EXPLANATION-{n}" for n in range(1, 6)):
            assert explanation not in html
        assert "right answer" not in html and "정답" not in html
    # every question is there, with its choices
    assert attempt_html.count("<fieldset>") == 5
    assert attempt_html.count('type="checkbox"') == 3


def test_failed_then_passed_attempt(client, learner):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    start = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    attempt_id = int(re.search(r"/attempts/(\d+)/", start["Location"]).group(1))
    result = _post_answers(client, attempt_id, wrong_answers(quiz))
    assert result["Location"] == f"/learn/attempts/{attempt_id}/result/"
    html = client.get(result["Location"]).content.decode()
    assert "0%" in html and "EXPLANATION-1" in html  # explanations after submission
    start = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    second_id = int(re.search(r"/attempts/(\d+)/", start["Location"]).group(1))
    assert second_id != attempt_id
    _post_answers(client, second_id, right_answers(quiz))
    assert QuizAttempt.objects.get(pk=second_id).passed
    assert Completion.objects.filter(user=learner).exists()


def test_unanswered_questions_are_pointed_out_before_scoring(client, learner):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    start = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    attempt_id = int(re.search(r"/attempts/(\d+)/", start["Location"]).group(1))
    answers = right_answers(quiz)
    answers.pop(next(iter(answers)))
    response = _post_answers(client, attempt_id, answers)
    assert response.status_code == 200
    assert QuizAttempt.objects.get(pk=attempt_id).submitted_at is None
    # previous answers are kept in the form
    assert response.content.decode().count("checked") >= 4


def test_another_learner_cannot_see_my_attempt(client, learner, make_staff):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    client.post(f"/learn/quizzes/{quiz_of(course).pk}/start/")
    attempt = QuizAttempt.objects.get()
    client.force_login(make_staff().user)
    assert client.get(f"/learn/attempts/{attempt.pk}/").status_code == 404
    assert client.get(f"/learn/attempts/{attempt.pk}/result/").status_code == 404


def test_survey_once_and_only_in_aggregate(client, learner):
    course = make_course(lessons=1, quiz=False)
    assert client.get(f"/learn/courses/{course.pk}/survey/").status_code == 404
    client.post(f"/learn/lessons/{lessons_of(course)[0].pk}/done/")
    answer = {
        "overall": 5,
        "content": 4,
        "clarity": 4,
        "accessibility": 3,
        "comment": "좋음",
    }
    assert client.post(f"/learn/courses/{course.pk}/survey/", answer).status_code == 302
    client.post(f"/learn/courses/{course.pk}/survey/", {**answer, "overall": 1})
    assert SurveyResponse.objects.count() == 1
    summary = survey_summary()
    assert summary[0]["responses"] == 1 and summary[0]["overall"] == 5
    assert "user" not in summary[0] and "user_id" not in summary[0]


def test_dashboard_lists_topics_and_continue_link(client, learner):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    html = client.get("/learn/").content.decode()
    for topic in Topic.objects.all():
        assert topic.name in html
    assert lessons_of(course)[0].url in html  # continue with the first undone lesson
    assert "0%" in html


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_data(client, learner):
    small = [make_course(slug=f"s{i}", lessons=1) for i in range(5)]
    for course in small:
        enrolment_create(user=learner, course=course)
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
    urls = ("/learn/", small[0].url, lessons_of(small[0])[0].url)
    client.get("/learn/")  # warm caches (content types, site)
    before = [_count(client, url) for url in urls]
    big = [make_course(slug=f"b{i}", lessons=10 if i == 0 else 2) for i in range(45)]
    for course in big:
        enrolment_create(user=learner, course=course)
        for lesson in lessons_of(course)[:6]:
            lesson_complete(user=learner, lesson=lesson)
    after = [_count(client, url) for url in urls]
    assert before == after
    # and a course with 10 lessons costs what a course with 1 does
    assert _count(client, big[0].url) == before[1]
    assert _count(client, lessons_of(big[0])[5].url) == before[2]
