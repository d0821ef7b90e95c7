"""The learner's pages and actions: dashboard, enrolling, finishing lessons, quiz
attempts and results, and the satisfaction survey. Writes go through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courses.forms import SurveyForm
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    QuizAttempt,
    QuizPage,
    SurveyResponse,
)
from courses.scoring import quiz_questions_public, quiz_result_review
from courses.selectors import (
    course_view_for_user,
    dashboard_for_user,
    quiz_view_for_user,
)
from courses.services.learning import (
    ATTEMPT_TIME_UP,
    LearningError,
    enrolment_create,
    enrolment_for,
    lesson_complete,
    quiz_attempt_extend,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.selectors import staff_profile_for_user

SURVEY_THANKS = gettext_lazy("Thank you. Your answers are reported only as averages.")


def _live_page(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


@login_required
def learn_dashboard(request):
    """The learner's home: the five topics, courses in progress, hours, records."""
    context = dashboard_for_user(user=request.user)
    context["profile"] = staff_profile_for_user(user=request.user)
    return render(request, "courses/learn_dashboard.html", context)


def course_catalogue(request):
    """The site menu's stable link to the course catalogue page, wherever
    editors placed it."""
    index = CourseIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return redirect(index.get_url(request))


@login_required
@require_POST
def course_enrol(request, page_id):
    course = _live_page(CoursePage, page_id)
    try:
        enrolment_create(user=request.user, course=course)
    except LearningError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.url)


@login_required
@require_POST
def lesson_done(request, page_id):
    lesson = _live_page(LessonPage, page_id)
    try:
        enrolment = lesson_complete(user=request.user, lesson=lesson)
    except LearningError as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    progress = course_view_for_user(course=enrolment.course, user=request.user)[
        "progress"
    ]
    if progress.completed:
        messages.success(request, _("Course complete. Well done!"))
        return redirect(enrolment.course.url)
    next_item = progress.next_item
    return redirect(next_item.url if next_item else enrolment.course.url)


@login_required
@require_POST
def quiz_start(request, page_id):
    quiz = _live_page(QuizPage, page_id)
    try:
        attempt = quiz_attempt_start(user=request.user, quiz=quiz)
    except LearningError as error:
        messages.error(request, str(error))
        return redirect(quiz.url)
    return redirect("quiz_attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id) -> QuizAttempt:
    attempt = (
        QuizAttempt.objects.select_related("enrolment", "quiz")
        .filter(pk=attempt_id, enrolment__user=request.user)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


@login_required
def quiz_attempt(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    quiz = attempt.quiz.specific
    if attempt.submitted_at is not None:
        return redirect("quiz_result", attempt_id=attempt.pk)
    questions = quiz_questions_public(quiz.questions)
    if request.method == "POST":
        answers = {q["id"]: request.POST.getlist(f"q-{q['id']}") for q in questions}
        unanswered = [q["number"] for q in questions if not answers[q["id"]]]
        if unanswered and request.POST.get("confirm_unanswered") != "1":
            return render(
                request,
                "courses/quiz_attempt.html",
                {
                    "attempt": attempt,
                    "quiz": quiz,
                    "questions": questions,
                    "answers": answers,
                    "unanswered": unanswered,
                },
                status=200,
            )
        late = attempt.deadline is not None and timezone.now() > attempt.deadline
        try:
            quiz_attempt_submit(attempt=attempt, answers=answers)
        except LearningError as error:
            messages.error(request, str(error))
        if late:
            messages.warning(request, str(ATTEMPT_TIME_UP))
        return redirect("quiz_result", attempt_id=attempt.pk)
    return render(
        request,
        "courses/quiz_attempt.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "questions": questions,
            "answers": {},
        },
    )


@login_required
@require_POST
def quiz_attempt_more_time(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    try:
        quiz_attempt_extend(attempt=attempt)
        messages.success(request, _("Time extended."))
    except LearningError as error:
        messages.error(request, str(error))
    return redirect("quiz_attempt", attempt_id=attempt.pk)


@login_required
def quiz_result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.submitted_at is None:
        return redirect("quiz_attempt", attempt_id=attempt.pk)
    quiz = attempt.quiz.specific
    course = quiz.get_parent().specific
    review = quiz_result_review(
        questions=quiz.questions, stored_answers=attempt.answers
    )
    context = quiz_view_for_user(quiz=quiz, user=request.user)
    context.update(attempt=attempt, quiz=quiz, course=course, review=review)
    return render(request, "courses/quiz_result.html", context)


@login_required
def course_survey(request, page_id):
    course = _live_page(CoursePage, page_id)
    enrolment = enrolment_for(user=request.user, course=course)
    if enrolment is None or enrolment.completed_at is None:
        raise Http404
    if SurveyResponse.objects.filter(
        user=request.user, course=course, cycle_id=enrolment.cycle_id
    ).exists():
        messages.info(request, _("You have already answered this survey. Thank you."))
        return redirect(course.url)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = form.save(commit=False)
        response.user, response.course, response.cycle_id = (
            request.user,
            course,
            enrolment.cycle_id,
        )
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:
            pass  # a double submit: the first answer stands
        messages.success(request, SURVEY_THANKS)
        return redirect(course.url)
    return render(
        request, "courses/course_survey.html", {"course": course, "form": form}
    )
