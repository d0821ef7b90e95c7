"""Demo courses: one published course per Art. 14② topic, from fixtures/courses/.

Idempotent: a course that already exists (by slug) is left as it is.
"""

import json
from collections import Counter

from django.db import transaction
from wagtail.models import Page

from courses.constants import ARTICLE_14_2_TOPICS
from courses.models import (
    Completion,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    QuizPage,
    Topic,
)
from courses.scoring import answer_key_as_answers
from courses.services.cycles import cycle_assign, cycle_for_date
from courses.services.learning import (
    lesson_complete,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.app_settings import app_settings
from lms.models import HomePage, StaffProfile

INDEX = {
    "title": "교육과정",
    "slug": "courses",
    "intro": "<p>조례 제14조제2항의 다섯 가지 필수 주제를 다루는 과정입니다. "
    "과정마다 차시를 모두 학습하고 확인 평가를 통과하면 이수합니다.</p>",
}


@transaction.atomic
def load_courses(*, log) -> Counter:
    counts: Counter = Counter()
    topics = _topics_ensure(counts)
    index = _index_ensure(counts)
    for path in sorted((app_settings.FIXTURES_DIR / "courses").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if CoursePage.objects.filter(slug=data["slug"]).exists():
            counts["courses unchanged"] += 1
            continue
        _course_create(index=index, data=data, topics=topics)
        counts["courses created"] += 1
    cycle = cycle_for_date()
    cycle_assign(cycle=cycle)
    counts[f"topic assignments in {cycle.year}"] = cycle.assignments.count()
    log("courses: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return counts


def _topics_ensure(counts: Counter) -> dict[str, Topic]:
    for order, (code, name) in enumerate(ARTICLE_14_2_TOPICS, start=1):
        _, created = Topic.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
        counts["topics created" if created else "topics unchanged"] += 1
    return {t.code: t for t in Topic.objects.all()}


def _index_ensure(counts: Counter) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first() or Page.get_first_root_node()
    index = home.add_child(
        instance=CourseIndexPage(
            title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"]
        )
    )
    index.save_revision().publish()
    counts["course index created"] += 1
    return index


def _course_create(*, index, data, topics) -> CoursePage:
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        course_code=data.get("course_code") or f"AI-{data['topics'][0]}",
        summary=data["summary"],
        recognised_hours=data["recognised_hours"],
        provider=data.get("provider", "파주시"),
        training_kind=data.get("kind", "basic"),
        delivery=data.get("delivery", "elearning"),
        mandatory=data.get("mandatory", True),
        nomination_required=data.get("nomination_required", False),
        certificate_validity_months=data.get("certificate_validity_months"),
        contains_generative_ai=data.get("contains_generative_ai", False),
    )
    index.add_child(instance=course)
    course.topics.set([topics[code] for code in data["topics"]])
    course.save_revision().publish()
    for lesson in data["lessons"]:
        page = LessonPage(
            title=lesson["title"],
            slug=lesson["slug"],
            estimated_minutes=lesson.get("estimated_minutes", 15),
            generated_with_ai=lesson.get("generated_with_ai", False),
            body=json.dumps(
                [_lesson_block(b) for b in lesson["body"]], ensure_ascii=False
            ),
        )
        course.add_child(instance=page)
        page.save_revision().publish()
    quiz = data["quiz"]
    page = QuizPage(
        title=quiz["title"],
        slug=quiz["slug"],
        intro=quiz.get("intro", ""),
        pass_mark=quiz.get("pass_mark", 60),
        attempts_allowed=quiz.get("attempts_allowed", 3),
        time_limit_minutes=quiz.get("time_limit_minutes"),
        questions=json.dumps(quiz["questions"], ensure_ascii=False),
    )
    course.add_child(instance=page)
    page.save_revision().publish()
    return course


def _lesson_block(block: dict) -> dict:
    if block["type"] == "rich_text":
        value = block["value"]
        if isinstance(value, str):
            value = {"text": value}
        return {"type": "rich_text", "value": {"generated_with_ai": False, **value}}
    return {
        "type": block["type"],
        "value": {"generated_with_ai": False, **block["value"]},
    }


@transaction.atomic
def load_completions(*, log) -> Counter:
    """Demo staff who finished courses (fixtures/completions.json), through the
    same services as a learner, so certificates are issued as in real use."""
    counts: Counter = Counter()
    data = json.loads(
        (app_settings.FIXTURES_DIR / "completions.json").read_text(encoding="utf-8")
    )
    courses = {c.slug: c for c in CoursePage.objects.live()}
    profiles = {
        p.staff_number: p
        for p in StaffProfile.objects.select_related("user").filter(
            staff_number__in=[row["staff_number"] for row in data["completions"]]
        )
    }
    for row in data["completions"]:
        profile = profiles.get(row["staff_number"])
        if profile is None:
            counts["staff missing"] += 1
            continue
        for slug in row["courses"]:
            course = courses.get(slug)
            if (
                course is None
                or Completion.objects.filter(user=profile.user, course=course).exists()
            ):
                counts["completions unchanged"] += 1
                continue
            for lesson in LessonPage.objects.child_of(course).live():
                lesson_complete(user=profile.user, lesson=lesson)
            for quiz in QuizPage.objects.child_of(course).live():
                attempt = quiz_attempt_start(user=profile.user, quiz=quiz)
                quiz_attempt_submit(
                    attempt=attempt, answers=answer_key_as_answers(quiz)
                )
            counts["completions created"] += 1
    log("completions: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return counts
