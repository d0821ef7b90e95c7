"""Learning's URLs: the learner's pages under /learn/, the department head's
dashboard, and the public statistics at /stats/."""

from django.urls import include, path

from courses.views import department, learning, stats

learn_patterns = [
    path("", learning.learn_dashboard, name="learn_dashboard"),
    path("catalogue/", learning.course_catalogue, name="course_catalogue"),
    path("department/", department.department_dashboard, name="department_dashboard"),
    path("courses/<int:page_id>/enrol/", learning.course_enrol, name="course_enrol"),
    path("courses/<int:page_id>/survey/", learning.course_survey, name="course_survey"),
    path("lessons/<int:page_id>/done/", learning.lesson_done, name="lesson_done"),
    path("quizzes/<int:page_id>/start/", learning.quiz_start, name="quiz_start"),
    path("attempts/<int:attempt_id>/", learning.quiz_attempt, name="quiz_attempt"),
    path(
        "attempts/<int:attempt_id>/more-time/",
        learning.quiz_attempt_more_time,
        name="quiz_attempt_more_time",
    ),
    path("attempts/<int:attempt_id>/result/", learning.quiz_result, name="quiz_result"),
]

urlpatterns = [
    path("learn/", include(learn_patterns)),
    path("stats/", stats.public_statistics, name="public_statistics"),
]
