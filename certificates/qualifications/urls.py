"""The learner's own qualifications, under /learn/qualifications/."""

from django.urls import path

from certificates.qualifications import views as learner_qualifications

urlpatterns = [
    path("", learner_qualifications.qualification_list, name="learner_qualifications"),
    path(
        "new/",
        learner_qualifications.qualification_create,
        name="qualification_create",
    ),
    path(
        "<int:pk>/evidence/",
        learner_qualifications.qualification_evidence,
        name="qualification_evidence",
    ),
]
