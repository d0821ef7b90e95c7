"""Certificates' URLs: the holder's own under /learn/certificates/, and the
public verification (no login) under /certificates/verify/."""

from django.urls import include, path

from certificates.credentials.views import learner, verify

learner_patterns = [
    path("", learner.certificate_list, name="learner_certificates"),
    path("<int:pk>/pdf/", learner.certificate_pdf, name="certificate_pdf"),
]

public_patterns = [
    path("verify/", verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", verify.verify, name="verify"),
]

urlpatterns = [
    path("learn/certificates/", include(learner_patterns)),
    path("certificates/", include((public_patterns, "certificates_public"))),
]
