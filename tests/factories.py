"""Build courses in code, so tests stand on their own (no demo fixtures)."""

import json
from decimal import Decimal

from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage, Topic
from courses.scoring import answer_key_as_answers
from lms.models import HomePage
from lms.services.pages import home_page_ensure

QUESTIONS = [
    {
        "type": "single_choice",
        "value": {
            "question": "Q1",
            "explanation": "EXPLANATION-1",
            "choices": [
                {"text": "right", "correct": True},
                {"text": "wrong", "correct": False},
            ],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "question": "Q2",
            "explanation": "EXPLANATION-2",
            "choices": [
                {"text": "a", "correct": True},
                {"text": "b", "correct": True},
                {"text": "c", "correct": False},
            ],
        },
    },
    {
        "type": "true_false",
        "value": {"question": "Q3", "answer": True, "explanation": "EXPLANATION-3"},
    },
    {
        "type": "true_false",
        "value": {"question": "Q4", "answer": False, "explanation": "EXPLANATION-4"},
    },
    {
        "type": "single_choice",
        "value": {
            "question": "Q5",
            "explanation": "EXPLANATION-5",
            "choices": [
                {"text": "no", "correct": False},
                {"text": "yes", "correct": True},
            ],
        },
    },
]


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        home_page_ensure()
        index = HomePage.objects.first().add_child(
            instance=CourseIndexPage(title="교육과정", slug="courses")
        )
        index.save_revision().publish()
    return index


def make_course(
    *,
    slug="course",
    topics=("14-2-1",),
    lessons=2,
    quiz=True,
    hours="2",
    nomination_required=False,
    validity=None,
    ai=False,
    pass_mark=60,
    attempts=3,
    time_limit=None,
    title=None,
) -> CoursePage:
    course = CoursePage(
        title=title or f"과정 {slug}",
        slug=slug,
        summary="요약",
        course_code=slug.upper(),
        recognised_hours=Decimal(hours),
        nomination_required=nomination_required,
        certificate_validity_months=validity,
        contains_generative_ai=ai,
        provider="파주시",
    )
    course_index().add_child(instance=course)
    course.topics.set(Topic.objects.filter(code__in=topics))
    course.save_revision().publish()
    for n in range(1, lessons + 1):
        lesson = LessonPage(
            title=f"차시 {n}",
            slug=f"{slug}-lesson-{n}",
            estimated_minutes=10,
            body=json.dumps(
                [
                    {
                        "type": "rich_text",
                        "value": {
                            "text": f"<p>본문 {n}</p>",
                            "generated_with_ai": False,
                        },
                    }
                ]
            ),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    if quiz:
        page = QuizPage(
            title="확인 평가",
            slug=f"{slug}-quiz",
            pass_mark=pass_mark,
            attempts_allowed=attempts,
            time_limit_minutes=time_limit,
            questions=json.dumps(QUESTIONS),
        )
        course.add_child(instance=page)
        page.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


right_answers = answer_key_as_answers


def wrong_answers(quiz: QuizPage) -> dict[str, list[str]]:
    answers = {}
    for block in quiz.questions:
        if block.block_type == "true_false":
            answers[block.id] = ["false" if block.value["answer"] else "true"]
        else:
            answers[block.id] = [
                str(i) for i, c in enumerate(block.value["choices"]) if not c["correct"]
            ][:1]
    return answers


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def quiz_of(course):
    return QuizPage.objects.child_of(course).live().get()
