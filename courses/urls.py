from django.urls import path

from courses import views

urlpatterns = [
    path("", views.learn_dashboard, name="learn_dashboard"),
]
