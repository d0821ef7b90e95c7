from django.urls import path

from courses import views, views_department

urlpatterns = [
    path("", views.learn_dashboard, name="learn_dashboard"),
    path("catalogue/", views.course_catalogue, name="course_catalogue"),
    path(
        "department/",
        views_department.department_dashboard,
        name="department_dashboard",
    ),
    path("courses/<int:page_id>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/<int:page_id>/survey/", views.course_survey, name="course_survey"),
    path("lessons/<int:page_id>/done/", views.lesson_done, name="lesson_done"),
    path("quizzes/<int:page_id>/start/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:attempt_id>/", views.quiz_attempt, name="quiz_attempt"),
    path(
        "attempts/<int:attempt_id>/more-time/",
        views.quiz_attempt_more_time,
        name="quiz_attempt_more_time",
    ),
    path("attempts/<int:attempt_id>/result/", views.quiz_result, name="quiz_result"),
]
