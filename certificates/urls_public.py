"""Public pages of certificates: verification by code or QR (no login)."""

app_name = "certificates_public"
urlpatterns: list = []
