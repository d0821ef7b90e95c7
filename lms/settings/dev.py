"""Local development: DEBUG on, console email, any local host."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-in-production"  # noqa: F405, S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# WAGTAILADMIN_BASE_URL comes from LMS_BASE_URL (base.py), which `make run`
# sets to the address it serves; a host named there is allowed too.
_base_host = urlsplit(WAGTAILADMIN_BASE_URL).hostname or ""  # noqa: F405
_base_host = f"[{_base_host}]" if ":" in _base_host else _base_host
if _base_host and _base_host not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_base_host)
