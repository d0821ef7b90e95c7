"""The core's settings, all named ``LMS_*``: one place to read them.

Each is read when it is used (``override_settings`` in tests and another
city's settings module both apply), with the default a fresh install has.
The environment variables that set them in production are in
``lms/settings/base.py`` and README.
"""

from pathlib import Path

from django.conf import settings


class _CoreSettings:
    @property
    def STAFF_NUMBER_PATTERN(self) -> str:  # noqa: N802
        """Regular expression for staff numbers (default 8 digits)."""
        return getattr(settings, "LMS_STAFF_NUMBER_PATTERN", r"^\d{8}$")

    @property
    def DEMO_ALLOWED(self) -> bool:  # noqa: N802
        """Whether ``load_demo`` may run (never under production settings)."""
        return getattr(settings, "LMS_DEMO_ALLOWED", False)

    @property
    def DEMO_PASSWORD(self) -> str:  # noqa: N802
        return getattr(settings, "LMS_DEMO_PASSWORD", "")

    @property
    def DEMO_LOADERS(self) -> list[str]:  # noqa: N802
        """Dotted paths of the apps' demo loaders, run in order by ``load_demo``."""
        return list(getattr(settings, "LMS_DEMO_LOADERS", []))

    @property
    def FIXTURES_DIR(self) -> Path:  # noqa: N802
        """The folder of demo data files (``fixtures/``)."""
        return Path(getattr(settings, "LMS_FIXTURES_DIR", "fixtures"))

    @property
    def EXPORT_SYNC_MAX_ROWS(self) -> int:  # noqa: N802
        """Rosters above this many rows are written in the background."""
        return int(getattr(settings, "LMS_EXPORT_SYNC_MAX_ROWS", 5000))

    @property
    def INVITATION_VALID_DAYS(self) -> int:  # noqa: N802
        """Days an invitation's set-password link works (once) after it is sent."""
        return int(getattr(settings, "LMS_INVITATION_VALID_DAYS", 7))


app_settings = _CoreSettings()
