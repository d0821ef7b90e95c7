"""The certificates app's URLs: each room mounts its own."""

from django.urls import include, path

urlpatterns = [
    path("", include("certificates.credentials.urls")),
    path("learn/qualifications/", include("certificates.qualifications.urls")),
    path("learn/claims/", include("certificates.support.urls")),
]
