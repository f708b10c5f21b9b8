"""Settings, read from the environment.

DATABASE_URL and REDIS_URL name the servers; without them the embedded PostgreSQL and Redis
(config/embedded.py) are started and used.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("DJANGO_REQUIRE_SECRET_KEY", default=False):
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - development only
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_celery_beat",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "accounts",
    "programmes",
    "tracking",
    "proposals",
    "league",
    "public",
    "demo",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",  # first: every response, redirects too, carries the id
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "config.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tracking.context_processors.notifications",
            ],
        },
    },
]

# Databases and broker ------------------------------------------------------------------------
if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
    from config import embedded

    os.environ.update(embedded.environment())

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if os.environ.get("DJANGO_DATABASE_NAME"):
    # The test suite starts a real Celery worker on its test database.
    DATABASES["default"]["NAME"] = os.environ["DJANGO_DATABASE_NAME"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ["REDIS_URL"]
CELERY_BROKER_URL = REDIS_URL
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# No result backend: nothing reads a task's result, and a Redis result backend made every
# enqueue wait ~19 s on its retries when Redis was down. Publishing gives up within seconds
# (queue.enqueue sends with retry=False); the outbox rows and beat's periodic runs do the
# work once Redis is back.
CELERY_RESULT_BACKEND = None
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # A publish tries to connect twice, at once, then gives up: the caller goes on without it.
    "max_retries": 1,
    "interval_start": 0,
    "interval_max": 1,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
DJANGO_CELERY_BEAT_TZ_AWARE = True
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Summaries that are costly to count at province scale (the trend by quarter) are cached in
# Redis, shared by every web process; a confirmation clears them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "tiendo",
        "TIMEOUT": 600,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# Accounts ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "programmes.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "programmes:programme-list"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked account and address is refused before the password hash.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SESSION_COOKIE_HTTPONLY = True
# Idle timeout: signed out after this long without a request (accounts.middleware).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_IDLE_MINUTES", "30")) * 60
# Proxies in front that append to X-Forwarded-For; 0 trusts only the peer address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# django-axes: an account is locked for one address after repeated wrong passwords. Keyed on
# account and address together: offices reach us through one NAT address, so locking the
# address would lock a whole office, and locking the account alone would let anyone lock the
# admin out from anywhere.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"
AXES_VERBOSE = False

# django-otp: the name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Theo dõi CTHĐ")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # admins remove a lost device; they never see its key

# Transport and headers -----------------------------------------------------------------------
# Off by default so that `make run` works on plain http://127.0.0.1; production turns them on
# (deploy/production.env.example), and `manage.py check --deploy` is clean with that file.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), not the cookie
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]  # the health check is probed over plain HTTP inside
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets (and strips from clients) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# django-csp. Everything comes from this origin; no inline script, style element or style
# attribute anywhere (styles in static/css, scripts in static/js, htmx told not to inject its
# own). Pico CSS draws its icons with data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Language, time and numbers ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_THOUSAND_SEPARATOR = True

# Static files --------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env_bool("DJANGO_STATIC_MANIFEST", default=False):
    # Production (after collectstatic): hashed, compressed files served by WhiteNoise.
    STORAGES["staticfiles"] = {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / ".data" / "media"))

# Reporting ----------------------------------------------------------------------------------
# Nghị định 09/2019/NĐ-CP: figures are cut off on the 14th (0 = calendar periods), reports due
# two working days later. Evidence files up to 20 MB.
REPORT_CUTOFF_DAY = int(os.environ.get("REPORT_CUTOFF_DAY", "14"))
REPORT_DUE_WORKING_DAYS = int(os.environ.get("REPORT_DUE_WORKING_DAYS", "2"))
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
# Uploads: a request longer than the largest file accepted (evidence) and its form is refused
# before its file is stored (config/uploads.py); an accepted file over 2.5 MB goes to a
# temporary file, not memory; the form fields of a request (report texts) stay under 5 MB.
UPLOAD_MAX_BYTES = EVIDENCE_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "config.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email ---------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tiendo@localhost")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / ".data" / "email"))

# Audit (django-auditlog): each admin-edited model's creations, changes (old and new value of
# every field) and deletions, with who made them and from which address; read in the admin
# under "Nhật ký thay đổi". Fields the app rewrites on its own (search keys, last sign-in) are
# left out; the password hash is masked.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "programmes.Programme", "exclude_fields": ["search_text", "sort_key"]},
    "programmes.Goal",
    "programmes.Target",
    {"model": "programmes.Task", "exclude_fields": ["search_text", "sort_key"]},
    "programmes.Assignment",
    {"model": "programmes.Body", "exclude_fields": ["search_text", "sort_key"]},
    {
        "model": "programmes.User",
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
        "m2m_fields": ["groups", "user_permissions"],
    },
    "tracking.ReminderRule",
    "tracking.Period",
)
AUDITLOG_USE_FK_STRING_REPRESENTATION = True

# Logs: one JSON object a line on standard error, each with the request id (config/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
