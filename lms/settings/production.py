"""Production: everything secret or site-specific comes from the environment.

Refuses to start with DEBUG on or without a real secret key, so that a
misconfigured server fails loudly instead of leaking tracebacks or sessions.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

_TRUTHY = {"1", "true", "yes", "on"}
_INSECURE_KEY_MARKERS = ("insecure", "change-me", "changeme", "dev-only", "test-only")


def _env_list(name: str) -> list[str]:
    return [
        item.strip() for item in os.environ.get(name, "").split(",") if item.strip()
    ]


if os.environ.get("DJANGO_DEBUG", "").strip().lower() in _TRUTHY:
    raise ImproperlyConfigured(
        "DEBUG must be off in production (unset DJANGO_DEBUG). "
        "운영 환경에서는 DEBUG를 켤 수 없습니다."
    )
DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or any(m in SECRET_KEY.lower() for m in _INSECURE_KEY_MARKERS):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters. "
        "DJANGO_SECRET_KEY 환경 변수에 50자 이상의 임의 값을 설정하십시오."
    )

ALLOWED_HOSTS = _env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names. "
        "DJANGO_ALLOWED_HOSTS에 사이트 호스트 이름을 설정하십시오."
    )
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


def _is_site_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# Certificate QR codes and the links in e-mail point here: the development
# default (127.0.0.1) would print a dead address on every certificate.
_base_url = os.environ.get("LMS_BASE_URL", "").strip()
if not _is_site_url(_base_url):
    raise ImproperlyConfigured(
        "LMS_BASE_URL must be the site's public http(s) address, "
        "e.g. https://lms.example.go.kr (certificate QR codes and e-mail links use it). "
        "LMS_BASE_URL 환경 변수에 누리집 주소(예: https://lms.example.go.kr)를 설정하십시오."
    )
WAGTAILADMIN_BASE_URL = _base_url.rstrip("/")

LMS_DEMO_ALLOWED = False

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Large exports run in a worker (`manage.py db_worker`), not in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "LMS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        )
    }
}

# A shared cache keeps allauth's rate limits right across several app servers.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
        }
    }

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in _TRUTHY

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("LMS_SSL_REDIRECT", "1").lower() in _TRUTHY
SECURE_HSTS_SECONDS = int(os.environ.get("LMS_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
X_FRAME_OPTIONS = "DENY"

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a per-domain decision the city makes, not the product.
    "security.W021",
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
