"""Settings shared by every environment; dev, production and test refine them."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "lms",
    "courses",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.KoreanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the lockout flag set during authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.project_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

# SQLite with zero set-up by default; PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{os.environ.get('LMS_SQLITE_PATH', BASE_DIR / 'db.sqlite3')}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Email or username; the username of a staff account is its staff number.
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Language and time -----------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
# Our catalogue first: makemessages writes our strings there. The second holds
# hand-kept Korean for Wagtail, allauth and the other packages, where their own
# catalogues miss entries or read oddly (see its header); it wins over theirs.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("LMS_STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LMS_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Evidence and receipts: outside MEDIA_ROOT and without a URL, so that only the
# permission-checked views can hand them out.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("LMS_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Cache (allauth's rate limits need a real one) ------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lms-default",
    }
}

# --- Accounts (django-allauth) ---------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/learn/"
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "lms.forms.StaffLoginForm"}
ACCOUNT_USER_DISPLAY = "lms.adapters.user_display"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Looser than the axes lockout, so that a locked account sees the lockout
    # page; these limits still stop spraying many accounts from one address.
    "login_failed": "20/m/ip,10/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[AI 역량강화 교육] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("LMS_MFA_ISSUER", "AI 역량강화 교육")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lms@example.com")

# --- Lockout (django-axes): covers /accounts/login/ and /admin/login/ --------
AXES_FAILURE_LIMIT = int(os.environ.get("LMS_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LMS_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.lockout.login_identifier"
AXES_LOCKOUT_CALLABLE = "lms.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("LMS_PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "AI 역량강화 교육"
# The site's public address (certificate QR codes, links in e-mail): `make run`
# sets it to the address it serves; production refuses to start without it.
WAGTAILADMIN_BASE_URL = os.environ.get("LMS_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "hwp", "hwpx", "docx", "xlsx", "pptx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False  # closed network: never call home
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # closed network: no avatars from outside
WAGTAIL_USER_CUSTOM_FIELDS: list[str] = []
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "lms.admin.login.AdminLoginForm"

# --- Security defaults (production tightens) --------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Product settings (LMS_*) ----------------------------------------------
# Staff numbers as the city's HR system writes them.
LMS_STAFF_NUMBER_PATTERN = os.environ.get("LMS_STAFF_NUMBER_PATTERN", r"^\d{8}$")
# The demo loader writes known passwords: never allowed in production.
LMS_DEMO_ALLOWED = True
LMS_DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (public demo password)
LMS_FIXTURES_DIR = Path(os.environ.get("LMS_FIXTURES_DIR", BASE_DIR / "fixtures"))

LMS_ROLE_LABELS = {
    "learner": _("Learner"),
    "head": _("Department head"),
    "hr": _("Training officer (HR)"),
    "editor": _("Content editor"),
    "auditor": _("Auditor"),
}
# Demo loaders run in order by `load_demo`; each app appends its own.
LMS_DEMO_LOADERS = [
    "lms.demo.load_organisation",
    "courses.demo.load_courses",
    "courses.demo.load_completions",
    "certificates.support.demo.load_support",
]

# Uploaded evidence and receipts: largest file, image size before decoding,
# pages of a PDF (read by certificates/app_settings.py).
LMS_UPLOAD_MAX_BYTES = int(
    os.environ.get("LMS_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
)
LMS_UPLOAD_MAX_PIXELS = int(os.environ.get("LMS_UPLOAD_MAX_PIXELS", "40000000"))
LMS_UPLOAD_MAX_PDF_PAGES = int(os.environ.get("LMS_UPLOAD_MAX_PDF_PAGES", "50"))

# Public certificate verification: lookups per client address and window.
LMS_VERIFY_RATE_LIMIT = int(os.environ.get("LMS_VERIFY_RATE_LIMIT", "10"))
LMS_VERIFY_RATE_WINDOW = int(os.environ.get("LMS_VERIFY_RATE_WINDOW", "60"))

# Background tasks (large exports). Immediate in development and tests: the
# task runs at once, in the request. Production uses the database backend and
# a worker process (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "LMS_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Exports up to this many rows are written in the request; larger ones run as
# a background task that HR follows on the export page.
LMS_EXPORT_SYNC_MAX_ROWS = int(os.environ.get("LMS_EXPORT_SYNC_MAX_ROWS", "5000"))
