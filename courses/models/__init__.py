from .learning import (
    Completion,
    Enrolment,
    EnrolmentSource,
    LessonProgress,
    QuizAttempt,
    SurveyResponse,
    TopicAssignment,
    TrainingCycle,
)
from .pages import CourseIndexPage, CoursePage, LessonPage, QuizPage
from .topics import Topic

__all__ = [
    "Completion",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "EnrolmentSource",
    "LessonPage",
    "LessonProgress",
    "QuizAttempt",
    "QuizPage",
    "SurveyResponse",
    "Topic",
    "TopicAssignment",
    "TrainingCycle",
]
