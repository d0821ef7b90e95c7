"""Reads for learning, scoped to the asking user. Each builds a page's data in
a fixed number of queries, whatever the number of courses or lessons."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from certificates.credentials.selectors import certificate_list_for_holder
from courses.models import (
    Completion,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    QuizPage,
    SurveyResponse,
    Topic,
    TopicAssignment,
    TrainingCycle,
)


class Status:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    OVERDUE = "overdue"

    LABELS = {
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "complete": _("Complete"),
        "overdue": _("Overdue"),
    }


def cycle_current(*, on: datetime.date | None = None) -> TrainingCycle | None:
    on = on or timezone.localdate()
    return TrainingCycle.objects.filter(year=on.year).first()


@dataclass
class CourseItem:
    """A lesson or quiz of a course, as lists show it."""

    pk: int
    title: str
    url: str
    kind: str  # "lesson" | "quiz"
    done: bool = False


@dataclass
class CourseProgress:
    course: CoursePage
    items: list[CourseItem] = field(default_factory=list)
    enrolment: Enrolment | None = None
    completed: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        if not self.items:
            return 0
        return (self.done_count * 100) // len(self.items)

    @property
    def next_item(self) -> CourseItem | None:
        return next((item for item in self.items if not item.done), None)


def _course_items(courses: list[CoursePage]) -> dict[int, list[CourseItem]]:
    """The live lessons and quizzes of many courses, in tree order, in one query.

    Rows, not page objects: a child's URL is its course's URL plus its slug."""
    if not courses:
        return {}
    types = ContentType.objects.get_for_models(LessonPage, QuizPage)
    kinds = {types[LessonPage].pk: "lesson", types[QuizPage].pk: "quiz"}
    by_path = {c.path: c for c in courses}
    depths = {c.depth + 1 for c in courses}
    rows = (
        Page.objects.live()
        .filter(content_type_id__in=kinds, depth__in=depths)
        .filter(reduce(or_, [Q(path__startswith=p) for p in by_path]))
        .order_by("path")
        .values_list("pk", "title", "slug", "path", "content_type_id")
    )
    items: dict[int, list[CourseItem]] = {c.pk: [] for c in courses}
    base_urls = {}
    for pk, title, slug, path, content_type_id in rows:
        course = by_path.get(path[: -Page.steplen])
        if course is None:
            continue
        if course.pk not in base_urls:
            base_urls[course.pk] = course.url or ""
        items[course.pk].append(
            CourseItem(
                pk=pk,
                title=title,
                url=f"{base_urls[course.pk]}{slug}/",
                kind=kinds[content_type_id],
            )
        )
    return items


def _mark_done(progress: list[CourseProgress]) -> None:
    enrolment_ids = [p.enrolment.pk for p in progress if p.enrolment]
    if not enrolment_ids:
        return
    # Finished lessons and passed quizzes in one query (page ids never clash).
    done = set(
        LessonProgress.objects.filter(enrolment_id__in=enrolment_ids)
        .values_list("enrolment_id", "lesson_id")
        .union(
            QuizAttempt.objects.filter(
                enrolment_id__in=enrolment_ids, passed=True
            ).values_list("enrolment_id", "quiz_id")
        )
    )
    for p in progress:
        if not p.enrolment:
            continue
        p.completed = p.enrolment.completed_at is not None
        for item in p.items:
            item.done = (p.enrolment.pk, item.pk) in done


def progress_for_enrolments(enrolments: list[Enrolment]) -> list[CourseProgress]:
    courses = [e.course for e in enrolments]
    items = _course_items(courses)
    progress = [
        CourseProgress(course=e.course, items=items[e.course.pk], enrolment=e)
        for e in enrolments
    ]
    _mark_done(progress)
    return progress


# --- Pages -------------------------------------------------------------------


def course_view_for_user(*, course: CoursePage, user) -> dict:
    enrolment = None
    if user.is_authenticated:
        enrolment = (
            Enrolment.objects.select_related("cycle")
            .filter(user=user, course=course, cycle__year=timezone.localdate().year)
            .first()
        )
    if enrolment is not None:
        enrolment.course = course
        progress = progress_for_enrolments([enrolment])[0]
    else:
        progress = CourseProgress(
            course=course, items=_course_items([course])[course.pk]
        )
    survey_done = False
    if progress.completed:
        survey_done = SurveyResponse.objects.filter(
            user=user, course=course, cycle_id=enrolment.cycle_id
        ).exists()
    return {
        "progress": progress,
        "enrolment": enrolment,
        "course_topics": course.topics.all,  # lazy: only the course page shows them
        "can_self_enrol": enrolment is None and not course.nomination_required,
        "survey_done": survey_done,
    }


def _course_of(page) -> CoursePage:
    """The course above a lesson or quiz: the one routing passed through, or
    one query."""
    cached = getattr(page, "parent_page_cache", None)
    if isinstance(cached, CoursePage):
        return cached
    return CoursePage.objects.get(path=page.path[: -Page.steplen])


def lesson_view_for_user(*, lesson: LessonPage, user) -> dict:
    course = _course_of(lesson)
    context = course_view_for_user(course=course, user=user)
    items = context["progress"].items
    index = next((i for i, item in enumerate(items) if item.pk == lesson.pk), None)
    current = items[index] if index is not None else None
    context.update(
        course=course,
        lesson_done=bool(current and current.done),
        previous_item=items[index - 1] if index else None,
        next_item=items[index + 1]
        if index is not None and index + 1 < len(items)
        else None,
    )
    return context


def quiz_view_for_user(*, quiz: QuizPage, user) -> dict:
    course = _course_of(quiz)
    context = course_view_for_user(course=course, user=user)
    attempts = []
    enrolment = context["enrolment"]
    if enrolment is not None:
        attempts = list(
            QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by(
                "number"
            )
        )
    used = len(attempts)
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    context.update(
        course=course,
        attempts=attempts,
        open_attempt=open_attempt,
        passed=any(a.passed for a in attempts),
        attempts_left=(
            None if not quiz.attempts_allowed else max(quiz.attempts_allowed - used, 0)
        ),
        question_count=len(quiz.questions),
    )
    return context


def catalogue_for_user(*, index_page, user) -> list[CourseProgress]:
    courses = list(
        CoursePage.objects.child_of(index_page)
        .live()
        .order_by("path")
        .prefetch_related("topics")
    )
    items = _course_items(courses)
    enrolments = {}
    if user.is_authenticated:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(
                user=user, course__in=courses, cycle__year=timezone.localdate().year
            )
        }
    progress = [
        CourseProgress(course=c, items=items[c.pk], enrolment=enrolments.get(c.pk))
        for c in courses
    ]
    _mark_done(progress)
    return progress


def catalogue_view_for_user(*, index_page, user) -> dict:
    """The catalogue page's data: every live course with the user's status."""
    return {"courses": catalogue_for_user(index_page=index_page, user=user)}


# --- Compliance --------------------------------------------------------------


def compliance_for_users(
    *, cycle: TrainingCycle, user_ids, on: datetime.date | None = None
) -> dict[tuple[int, int], str]:
    """Status per (user id, topic id) for the topics assigned in a cycle."""
    on = on or timezone.localdate()
    user_ids = list(user_ids)
    assigned = TopicAssignment.objects.filter(
        cycle=cycle, user_id__in=user_ids
    ).values_list("user_id", "topic_id")
    complete = set(
        Completion.topics.through.objects.filter(
            completion__cycle=cycle, completion__user_id__in=user_ids
        ).values_list("completion__user_id", "topic_id")
    )
    started = set(
        CoursePage.topics.through.objects.filter(
            coursepage__enrolments__cycle=cycle,
            coursepage__enrolments__user_id__in=user_ids,
        ).values_list("coursepage__enrolments__user_id", "topic_id")
    )
    overdue = on > cycle.due_on
    status = {}
    for key in assigned:
        if key in complete:
            status[key] = Status.COMPLETE
        elif overdue:
            status[key] = Status.OVERDUE
        elif key in started:
            status[key] = Status.IN_PROGRESS
        else:
            status[key] = Status.NOT_STARTED
    return status


@dataclass
class TopicStatus:
    topic: Topic
    status: str
    completed_on: datetime.date | None = None

    @property
    def label(self):
        return Status.LABELS[self.status]


def topics_for_user(*, user, cycle: TrainingCycle | None) -> list[TopicStatus]:
    topics = list(Topic.objects.all())
    if cycle is None:
        return [TopicStatus(topic=t, status=Status.NOT_STARTED) for t in topics]
    status = compliance_for_users(cycle=cycle, user_ids=[user.pk])
    completed_on = {}
    for topic_id, done_at in Completion.topics.through.objects.filter(
        completion__cycle=cycle, completion__user=user
    ).values_list("topic_id", "completion__completed_at"):
        day = timezone.localdate(done_at)
        completed_on[topic_id] = min(day, completed_on.get(topic_id, day))
    return [
        TopicStatus(
            topic=t,
            status=status.get((user.pk, t.pk), Status.NOT_STARTED),
            completed_on=completed_on.get(t.pk),
        )
        for t in topics
    ]


def dashboard_for_user(*, user) -> dict:
    today = timezone.localdate()
    cycle = cycle_current(on=today)
    enrolments = list(
        Enrolment.objects.select_related("course", "cycle")
        .filter(user=user, cycle__year=today.year)
        .order_by("enrolled_at")
    )
    progress = progress_for_enrolments(enrolments)
    hours = Completion.objects.filter(
        user=user, completed_at__year=today.year
    ).aggregate(total=Sum("recognised_hours"))["total"] or Decimal("0")
    target = cycle.hours_target if cycle else Decimal("100")
    in_progress = [p for p in progress if not p.completed]
    continue_with = next(((p, p.next_item) for p in in_progress if p.next_item), None)
    completions = list(
        Completion.objects.filter(user=user).select_related("cycle")[:50]
    )
    index = CourseIndexPage.objects.live().first()
    return {
        "cycle": cycle,
        "course_index_url": index.url if index else None,
        "topics": topics_for_user(user=user, cycle=cycle),
        "in_progress": in_progress,
        "continue_with": continue_with,
        "hours": hours,
        "hours_target": target,
        "hours_percent": min(int(hours * 100 / target), 100) if target else 100,
        "completions": completions,
        # One query whatever the number; the full list is on /learn/certificates/.
        "certificates": list(certificate_list_for_holder(user=user)[:10]),
    }


def survey_summary(*, course_ids=None) -> list[dict]:
    """Average ratings per course and cycle: aggregate only, never per person."""
    rows = SurveyResponse.objects.all()
    if course_ids is not None:
        rows = rows.filter(course_id__in=course_ids)
    return list(
        rows.values("course_id", "course__title", "cycle__year")
        .annotate(
            responses=Count("id"),
            overall=Avg("overall"),
            content=Avg("content"),
            clarity=Avg("clarity"),
            accessibility=Avg("accessibility"),
        )
        .order_by("course__title", "cycle__year")
    )
