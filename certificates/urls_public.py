"""Public pages of certificates: verification by code or QR (no login)."""

from django.urls import path

from certificates.views import verify

app_name = "certificates_public"
urlpatterns = [
    path("verify/", verify.verify_form, name="verify_form"),
    path("verify/<str:code>/", verify.verify, name="verify"),
]
