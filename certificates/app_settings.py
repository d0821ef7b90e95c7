"""The certificates app's settings, all named ``LMS_*``: one place to read
them, each when it is used, with the default a fresh install has."""

from django.conf import settings


class _CertificatesSettings:
    @property
    def VERIFY_RATE_LIMIT(self) -> int:  # noqa: N802
        """Certificate look-ups per client address and window (10)."""
        return int(getattr(settings, "LMS_VERIFY_RATE_LIMIT", 10))

    @property
    def VERIFY_RATE_WINDOW(self) -> int:  # noqa: N802
        """The window of that limit, in seconds (60; at least 1)."""
        return max(int(getattr(settings, "LMS_VERIFY_RATE_WINDOW", 60)), 1)

    @property
    def UPLOAD_MAX_BYTES(self) -> int:  # noqa: N802
        """Largest evidence or receipt file (10 MB)."""
        return int(getattr(settings, "LMS_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))

    @property
    def UPLOAD_MAX_PIXELS(self) -> int:  # noqa: N802
        """Largest image, checked before it is decoded (40 megapixels)."""
        return int(getattr(settings, "LMS_UPLOAD_MAX_PIXELS", 40_000_000))

    @property
    def UPLOAD_MAX_PDF_PAGES(self) -> int:  # noqa: N802
        """Most pages in an uploaded PDF (50)."""
        return int(getattr(settings, "LMS_UPLOAD_MAX_PDF_PAGES", 50))


app_settings = _CertificatesSettings()
