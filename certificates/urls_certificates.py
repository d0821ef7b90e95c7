"""The learner's own certificates, under /learn/certificates/."""

from django.urls import path

from certificates.views import learner_certificates

urlpatterns = [
    path("", learner_certificates.certificate_list, name="learner_certificates"),
    path("<int:pk>/pdf/", learner_certificates.certificate_pdf, name="certificate_pdf"),
]
