"""Writes for learning: enrol, finish lessons, take quizzes, complete courses."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.credentials.services.issuing import (
    certificate_issue_for_completion,
    certificate_issue_for_curriculum,
)
from courses.models import (
    Completion,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    QuizPage,
    Topic,
)
from courses.scoring import score_answers
from courses.services.cycles import cycle_for_date
from lms.permissions import permission_require

NOMINATION_REQUIRED = _(
    "This course is only for staff nominated by the training officer (Art. 15③ of "
    "the ordinance). Ask your training officer if you wish to be nominated."
)
COURSE_NOT_LIVE = _("This course is not open at the moment.")
NOT_ENROLLED = _("Enrol in the course first.")
NO_ATTEMPTS_LEFT = _("You have used all attempts allowed for this quiz.")
ATTEMPT_CLOSED = _("This attempt has already been submitted.")
ATTEMPT_TIME_UP = _(
    "The time limit had passed when the answers arrived; they were scored as submitted."
)
EXTENSION_LIMIT = 3
EXTENSION_MINUTES_FACTOR = 1  # each extension adds the quiz's whole time limit again


ASSIGN_PERMISSION = "courses.assign_enrolment"


class LearningError(Exception):
    """A rule of the course refused the action; the message is for the learner."""


def enrolment_create(
    *,
    user,
    course: CoursePage,
    source: str = EnrolmentSource.SELF,
    assigned_by=None,
    on: datetime.date | None = None,
) -> Enrolment:
    """Enrol a staff member in a course for the current cycle (idempotent).
    An enrolment on someone's behalf (``assigned_by``) needs their permission."""
    if assigned_by is not None:
        permission_require(assigned_by, ASSIGN_PERMISSION)
    if not course.live:
        raise LearningError(COURSE_NOT_LIVE)
    if course.nomination_required and source == EnrolmentSource.SELF:
        existing = Enrolment.objects.filter(
            user=user, course=course, cycle__year=(on or timezone.localdate()).year
        )
        if not existing.exists():
            raise LearningError(NOMINATION_REQUIRED)
    cycle = cycle_for_date(on=on)
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                course=course,
                cycle=cycle,
                defaults={"source": source, "assigned_by": assigned_by},
            )
    except IntegrityError:
        enrolment = Enrolment.objects.get(user=user, course=course, cycle=cycle)
    return enrolment


def enrolment_for(*, user, course: CoursePage, on: datetime.date | None = None):
    year = (on or timezone.localdate()).year
    return Enrolment.objects.filter(user=user, course=course, cycle__year=year).first()


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> Enrolment:
    """Mark a lesson finished for the learner; completes the course when it was
    the last thing missing."""
    course = lesson.get_parent().specific
    enrolment = enrolment_for(user=user, course=course)
    if enrolment is None:
        # Opening a lesson of an open course and finishing it enrols the learner.
        enrolment = enrolment_create(user=user, course=course)
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    course_completion_evaluate(enrolment=enrolment)
    return enrolment


def quiz_attempt_start(*, user, quiz: QuizPage) -> QuizAttempt:
    course = quiz.get_parent().specific
    enrolment = enrolment_for(user=user, course=course)
    if enrolment is None:
        raise LearningError(NOT_ENROLLED)
    with transaction.atomic():
        # Serialise attempts of one learner so that the count cannot be raced.
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        open_attempt = QuizAttempt.objects.filter(
            enrolment=enrolment, quiz=quiz, submitted_at__isnull=True
        ).first()
        if open_attempt is not None:
            return open_attempt
        used = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count()
        if quiz.attempts_allowed and used >= quiz.attempts_allowed:
            raise LearningError(NO_ATTEMPTS_LEFT)
        now = timezone.now()
        deadline = (
            now + datetime.timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None
        )
        return QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=used + 1,
            deadline=deadline,
            revision_id=quiz.live_revision_id,
        )


def quiz_attempt_extend(*, attempt: QuizAttempt) -> QuizAttempt:
    """Give the learner more time (an adjustable time limit, KWCAG)."""
    if attempt.submitted_at is not None:
        raise LearningError(ATTEMPT_CLOSED)
    if attempt.deadline is None or attempt.extensions >= EXTENSION_LIMIT:
        return attempt
    minutes = attempt.quiz.time_limit_minutes or 0
    updated = QuizAttempt.objects.filter(
        pk=attempt.pk, submitted_at__isnull=True, extensions=attempt.extensions
    ).update(
        deadline=max(attempt.deadline, timezone.now())
        + datetime.timedelta(minutes=minutes * EXTENSION_MINUTES_FACTOR),
        extensions=attempt.extensions + 1,
    )
    if updated:
        attempt.refresh_from_db()
    return attempt


def quiz_attempt_submit(
    *, attempt: QuizAttempt, answers: dict[str, list[str]]
) -> QuizAttempt:
    """Score the answers against the quiz as the learner saw it; a course
    completes when this pass was the last thing missing."""
    quiz = attempt.quiz
    result = score_answers(questions=quiz.questions, answers=answers)
    with transaction.atomic():
        # Only the first submission counts: a conditional update, not a read-then-write.
        updated = QuizAttempt.objects.filter(
            pk=attempt.pk, submitted_at__isnull=True
        ).update(
            submitted_at=timezone.now(),
            answers=result.stored_answers,
            score=result.percent,
            passed=result.percent >= quiz.pass_mark,
        )
        if not updated:
            raise LearningError(ATTEMPT_CLOSED)
        attempt.refresh_from_db()
        if attempt.passed:
            course_completion_evaluate(enrolment=attempt.enrolment)
    return attempt


def course_completion_evaluate(*, enrolment: Enrolment) -> Completion | None:
    """Record the completion once every live lesson is done and every live quiz
    passed. Safe to call repeatedly and concurrently: one completion at most."""
    course = enrolment.course
    children = course.get_children().live()
    lesson_ids = set(children.type(LessonPage).values_list("pk", flat=True))
    quiz_ids = set(children.type(QuizPage).values_list("pk", flat=True))
    done = set(
        LessonProgress.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", flat=True
        )
    )
    passed = set(
        QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    if not lesson_ids and not quiz_ids:
        return None
    if not (lesson_ids <= done and quiz_ids <= passed):
        return None
    return _completion_record(enrolment=enrolment, course=course)


def _completion_record(
    *, enrolment: Enrolment, course: CoursePage
) -> Completion | None:
    now = timezone.now()
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if Completion.objects.filter(enrolment=locked).exists():
            return None
        completion = Completion.objects.create(
            enrolment=locked,
            user_id=locked.user_id,
            course=course,
            course_title=course.title,
            course_code=course.course_code,
            provider=course.provider,
            cycle_id=locked.cycle_id,
            started_on=timezone.localdate(locked.enrolled_at),
            completed_at=now,
            recognised_hours=_hours_to_recognise(
                enrolment=locked, course=course, now=now
            ),
            revision_id=course.live_revision_id,
        )
        completion.topics.set(course.topics.all())
        Enrolment.objects.filter(pk=locked.pk).update(completed_at=now)
        # The one seam to certificates: they never import courses.
        certificate_issue_for_completion(
            completion_id=completion.pk,
            holder=completion.user,
            course_key=f"course:{course.pk}",
            course_title=course.title,
            topics=[(t.code, t.name) for t in course.topics.all()],
            recognised_hours=completion.recognised_hours,
            completed_on=timezone.localdate(now),
            validity_months=course.certificate_validity_months,
            cycle_year=locked.cycle.year,
            provider=course.provider,
        )
        _curriculum_certificate_if_complete(completion=completion)
    return completion


def _curriculum_certificate_if_complete(*, completion: Completion) -> None:
    """Every Art. 14② topic covered in the cycle earns the combined certificate."""
    covered = Completion.objects.filter(
        user_id=completion.user_id, cycle_id=completion.cycle_id
    )
    topics = list(Topic.objects.order_by("sort_order", "code"))
    covered_ids = set(
        Completion.topics.through.objects.filter(completion__in=covered).values_list(
            "topic_id", flat=True
        )
    )
    if not topics or any(t.pk not in covered_ids for t in topics):
        return
    hours = covered.aggregate(total=Sum("recognised_hours"))["total"] or Decimal("0")
    certificate_issue_for_curriculum(
        holder=completion.user,
        cycle_year=completion.cycle.year,
        topics=[(t.code, t.name) for t in topics],
        recognised_hours=hours,
        completed_on=timezone.localdate(completion.completed_at),
    )


def _hours_to_recognise(*, enrolment: Enrolment, course: CoursePage, now) -> Decimal:
    """A repeat of the same course in the same year earns no more hours."""
    year = timezone.localdate(now).year
    already = Completion.objects.filter(
        user_id=enrolment.user_id, course=course, completed_at__year=year
    ).aggregate(total=Sum("recognised_hours"))["total"]
    return Decimal("0") if already else course.recognised_hours
