import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import (
    Completion,
    Enrolment,
    EnrolmentSource,
    QuizAttempt,
    TopicAssignment,
    TrainingCycle,
)
from courses.scoring import score_answers
from courses.selectors import Status, compliance_for_users, dashboard_for_user
from courses.services.cycles import cycle_assign, cycle_for_date
from courses.services.learning import (
    NO_ATTEMPTS_LEFT,
    NOMINATION_REQUIRED,
    LearningError,
    course_completion_evaluate,
    enrolment_create,
    lesson_complete,
    quiz_attempt_extend,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.models import EmploymentStatus
from lms.services.staff import staff_update
from tests.conftest import with_role
from tests.factories import (
    lessons_of,
    make_course,
    quiz_of,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def _finish(user, course, *, answers=right_answers):
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=user, quiz=quiz)
    return quiz_attempt_submit(attempt=attempt, answers=answers(quiz))


def test_self_enrolment_is_idempotent(learner):
    course = make_course()
    first = enrolment_create(user=learner, course=course)
    second = enrolment_create(user=learner, course=course)
    assert first.pk == second.pk
    assert first.cycle.year == timezone.localdate().year
    assert first.source == EnrolmentSource.SELF


def test_nomination_only_course_refuses_self_enrolment(learner, make_staff):
    course = make_course(nomination_required=True)
    with pytest.raises(LearningError) as error:
        enrolment_create(user=learner, course=course)
    assert str(error.value) == str(NOMINATION_REQUIRED)
    hr = with_role(make_staff().user, "hr")
    enrolment = enrolment_create(
        user=learner, course=course, source=EnrolmentSource.NOMINATED, assigned_by=hr
    )
    assert enrolment.assigned_by == hr
    # Once nominated, the learner's own actions work on that enrolment.
    assert enrolment_create(user=learner, course=course).pk == enrolment.pk


def test_lessons_then_passed_quiz_complete_the_course(learner):
    course = make_course(hours="3")
    lessons = lessons_of(course)
    lesson_complete(user=learner, lesson=lessons[0])
    enrolment = Enrolment.objects.get(user=learner)
    assert course_completion_evaluate(enrolment=enrolment) is None
    attempt = _finish(learner, course)
    assert attempt.passed and attempt.score == 100
    completion = Completion.objects.get(user=learner)
    assert completion.recognised_hours == Decimal("3")
    assert completion.revision_id == course.live_revision_id
    assert completion.cycle.year == timezone.localdate().year
    assert list(completion.topics.values_list("code", flat=True)) == ["14-2-1"]
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_no_completion_without_passing_the_quiz(learner):
    course = make_course()
    attempt = _finish(learner, course, answers=wrong_answers)
    assert not attempt.passed and attempt.score == 0
    assert not Completion.objects.exists()


def test_completion_is_recorded_once(learner):
    course = make_course(quiz=False)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
        lesson_complete(user=learner, lesson=lesson)
    enrolment = Enrolment.objects.get(user=learner)
    assert course_completion_evaluate(enrolment=enrolment) is None  # already done
    assert Completion.objects.count() == 1


def test_repeat_of_a_course_in_the_same_year_earns_no_more_hours(learner):
    course = make_course(hours="4")
    _finish(learner, course)
    first = Completion.objects.get()
    # Another enrolment of the same course in the same year (a second cycle row
    # for the year cannot exist, so simulate a repeat through a fresh enrolment).
    first.enrolment.delete()
    _finish(learner, course)
    repeat = Completion.objects.exclude(pk=first.pk).get()
    assert repeat.recognised_hours == Decimal("0")


def test_quiz_attempts_are_limited(learner):
    course = make_course(attempts=2, lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    for _ in range(2):
        quiz_attempt_submit(
            attempt=quiz_attempt_start(user=learner, quiz=quiz),
            answers=wrong_answers(quiz),
        )
    with pytest.raises(LearningError) as error:
        quiz_attempt_start(user=learner, quiz=quiz)
    assert str(error.value) == str(NO_ATTEMPTS_LEFT)


def test_a_submitted_attempt_cannot_be_resubmitted(learner):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_attempt_submit(attempt=attempt, answers=wrong_answers(quiz))
    with pytest.raises(LearningError):
        quiz_attempt_submit(attempt=attempt, answers=right_answers(quiz))
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_open_attempt_is_reused(learner):
    course = make_course(lessons=0)
    enrolment_create(user=learner, course=course)
    quiz = quiz_of(course)
    assert (
        quiz_attempt_start(user=learner, quiz=quiz).pk
        == quiz_attempt_start(user=learner, quiz=quiz).pk
    )
    assert QuizAttempt.objects.count() == 1


def test_time_limit_can_be_extended(learner):
    course = make_course(lessons=0, time_limit=10)
    enrolment_create(user=learner, course=course)
    attempt = quiz_attempt_start(user=learner, quiz=quiz_of(course))
    deadline = attempt.deadline
    assert deadline is not None
    attempt = quiz_attempt_extend(attempt=attempt)
    assert attempt.deadline >= deadline + datetime.timedelta(minutes=10)
    assert attempt.extensions == 1


def test_scoring_partial_multiple_choice_is_wrong():
    course_answers = {"q": ["0"]}

    class Block:
        id = "q"
        block_type = "multiple_choice"
        value = {
            "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
            "explanation": "",
        }

    result = score_answers(questions=[Block()], answers=course_answers)
    assert result.percent == 0
    result = score_answers(questions=[Block()], answers={"q": ["1", "0", "9"]})
    assert result.percent == 100  # unknown choice ids are ignored


class TestCompliance:
    def test_every_active_staff_member_gets_the_five_topics(self, make_staff):
        active = make_staff()
        on_leave = make_staff(employment_status=EmploymentStatus.LEAVE)
        cycle = cycle_for_date()
        assert (
            TopicAssignment.objects.filter(cycle=cycle, user=active.user).count() == 5
        )
        assert not TopicAssignment.objects.filter(user=on_leave.user).exists()
        assert cycle_assign(cycle=cycle) == 0  # nothing twice

    def test_staff_returning_to_service_get_the_cycle_topics(self, make_staff):
        cycle = cycle_for_date()
        profile = make_staff(employment_status=EmploymentStatus.LEAVE)
        staff_update(profile=profile, employment_status=EmploymentStatus.ACTIVE)
        assert (
            TopicAssignment.objects.filter(cycle=cycle, user=profile.user).count() == 5
        )

    def test_status_per_topic(self, learner):
        cycle = cycle_for_date()
        done = make_course(slug="done", topics=("14-2-1", "14-2-2"), lessons=1)
        started = make_course(slug="started", topics=("14-2-3",))
        _finish(learner, done)
        enrolment_create(user=learner, course=started)
        status = compliance_for_users(cycle=cycle, user_ids=[learner.pk])
        by_code = {
            code: status[(learner.pk, pk)]
            for pk, code in TopicAssignment.objects.filter(user=learner).values_list(
                "topic_id", "topic__code"
            )
        }
        assert by_code == {
            "14-2-1": Status.COMPLETE,
            "14-2-2": Status.COMPLETE,
            "14-2-3": Status.IN_PROGRESS,
            "14-2-4": Status.NOT_STARTED,
            "14-2-5": Status.NOT_STARTED,
        }

    def test_overdue_after_the_due_date(self, learner):
        cycle = cycle_for_date()
        done = make_course(slug="done", topics=("14-2-1",), lessons=1)
        _finish(learner, done)
        later = cycle.due_on + datetime.timedelta(days=1)
        status = compliance_for_users(cycle=cycle, user_ids=[learner.pk], on=later)
        values = sorted(status.values())
        assert values.count(Status.COMPLETE) == 1
        assert values.count(Status.OVERDUE) == 4

    def test_a_completion_in_another_cycle_does_not_count(self, learner):
        cycle = cycle_for_date()
        other = TrainingCycle.objects.create(
            year=cycle.year - 1, due_on=datetime.date(cycle.year - 1, 12, 31)
        )
        course = make_course(lessons=1)
        _finish(learner, course)
        Completion.objects.update(cycle=other)
        status = compliance_for_users(cycle=cycle, user_ids=[learner.pk])
        assert Status.COMPLETE not in status.values()


def test_dashboard_hours_against_target(learner):
    cycle = cycle_for_date()
    cycle.hours_target = Decimal("80")
    cycle.save()
    _finish(learner, make_course(slug="a", hours="3", lessons=1))
    _finish(learner, make_course(slug="b", hours="1.5", lessons=1))
    data = dashboard_for_user(user=learner)
    assert data["hours"] == Decimal("4.5")
    assert data["hours_target"] == Decimal("80")
    assert data["hours_percent"] == 5
    assert len(data["completions"]) == 2
