"""Learning's models, by what they hold: ``pages`` (catalogue, course, lesson, quiz),
``topics`` (the Art. 14② topics), ``learning`` (cycles, enrolment, progress,
quiz attempts, completion, surveys, reminders)."""

from .learning import (
    Completion,
    Enrolment,
    EnrolmentSource,
    LessonProgress,
    QuizAttempt,
    ReminderLog,
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
    "ReminderLog",
    "SurveyResponse",
    "Topic",
    "TopicAssignment",
    "TrainingCycle",
]
