"""Settings read from the environment; defaults are safe (debug off, no secret in code)."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TZNR_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# kb first (the registries), search after the apps that register into them (it reads the
# sources once they are all registered), then what sits above everything.
INSTALLED_APPS = [
    "kb",
    "directory",
    "events",
    "resources",
    "exchange",
    "proconnect",
    "observatory",
    "contributions",
    "essaimage",
    "feedback",
    "search",
    "follows",
    "infra",
    "demo",
    "dsfr",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
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
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so that with the page cache it sits between its storing half (before it) and
    # its fetching half: pages served from the cache are counted too (kb.usage).
    "kb.usage.UsageMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kb.middleware.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logout that held a ProConnect ID token goes on to the provider's logout.
    "proconnect.logout.ProviderLogoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "infra.security.SiteCSPMiddleware",
    "infra.security.AdminAccessMiddleware",
    "infra.security.UnreadableInputMiddleware",
    "infra.throttle.ThrottleMiddleware",
    "infra.security.DocumentDownloadMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "resources.ranges.RangeRequestsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: a locked-out client is refused before the password is even checked.
# Then passwords (Django's check, which can refuse animators: PROCONNECT_REQUIRED_FOR_ANIMATORS),
# then ProConnect (inert unless configured).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "proconnect.backends.PasswordBackend",
    "proconnect.backends.ProConnectBackend",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kb.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tznr.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A persistent connection is checked before each request reuses it: after a database
        # restart the first request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers wait their turn instead of failing with « database is locked »: each
    # transaction takes the write lock when it begins (a deferred one that reads first cannot
    # upgrade while another writes), waits up to the timeout for it, and readers never block
    # the writer (write-ahead log).
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("TZNR_SQLITE_TIMEOUT", "20")),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/connexion/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tznr_cache",
    },
    # Each worker's copies of what every request reads (kb.site_cache, facet labels).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tznr-local",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# The observatory's figures: kept in this cache (shared by the workers) until a change moves
# their version (observatory.cache), at most this long.
OBSERVATORY_CACHE = "default"
OBSERVATORY_CACHE_SECONDS = int(os.environ.get("TZNR_OBSERVATORY_CACHE_SECONDS", "21600"))


def with_page_cache(middleware: list[str]) -> list[str]:
    """The page cache around the site: stored last, fetched once static files are out of the way.

    Fetching early: a request without a session cookie is anonymous, no need to load the
    session and user before answering from the cache.
    """
    fetch_at = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    return [
        "infra.page_cache.AnonymousUpdateCacheMiddleware",
        *middleware[:fetch_at],
        "infra.page_cache.AnonymousFetchFromCacheMiddleware",
        *middleware[fetch_at:],
    ]


# Anonymous pages are cached whole for a short time (infra/page_cache.py); 0 disables.
PAGE_CACHE_SECONDS = int(os.environ.get("TZNR_PAGE_CACHE_SECONDS", "60"))
if PAGE_CACHE_SECONDS > 0:
    # Each worker keeps its own copies (bounded, short-lived): no database round trip per hit.
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tznr-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
    CACHE_MIDDLEWARE_ALIAS = "pages"
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "page"
    MIDDLEWARE = with_page_cache(MIDDLEWARE)

# Background work (indexing, every e-mail, the digests) goes through the database queue of
# django-tasks-db; `manage.py db_worker` runs it (README « Tâches de fond »).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TZNR_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The site's address in e-mails and feeds (links lead to the site, never elsewhere).
SITE_URL = os.environ.get(
    "TZNR_SITE_URL", os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
).rstrip("/")
# Digests: the daily one at this Paris time, the weekly one on this ISO weekday (1 = Monday).
DIGEST_TIME = os.environ.get("TZNR_DIGEST_TIME", "07:00")
DIGEST_WEEKDAY = int(os.environ.get("TZNR_DIGEST_WEEKDAY", "1"))
# Content published this recently waits for the next digest: a transaction still open when a
# digest is computed may carry an older publication date, and must not be skipped.
DIGEST_LAG_SECONDS = int(os.environ.get("TZNR_DIGEST_LAG_SECONDS", "60"))
# Members whose digests one task writes in one transaction.
DIGEST_CHUNK = int(os.environ.get("TZNR_DIGEST_CHUNK", "250"))
# Work claimed by a worker that died is taken up again after this long.
TASK_LEASE_SECONDS = int(os.environ.get("TZNR_TASK_LEASE_SECONDS", "600"))
# One-click unsubscribe links stay valid this long.
UNSUBSCRIBE_DAYS = int(os.environ.get("TZNR_UNSUBSCRIBE_DAYS", "90"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Territoires Zéro Non-Recours — communauté apprenante"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Page addresses in ASCII (« chemille », not « chemillé », which becomes %C3%A9 when shared);
# a slug that changes leaves a permanent redirect (wagtail.contrib.redirects, on by default).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The login forms check the username's length.
WAGTAILADMIN_USER_LOGIN_FORM = "directory.forms.AdminLoginForm"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "docx",
    "xlsx",
    "ods",
    "pptx",
    "odp",
    "csv",
    "mp4",
    "webm",
    "vtt",
    "png",
    "jpg",
    "jpeg",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("TZNR_MAX_UPLOAD_MB", "200")) * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Upload checks (allowed extension, size, content matching the extension): resources/uploads.py.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.document_forms.DocumentForm"
# Office files are ZIP archives: the total size they declare once unzipped (never inflated).
TZNR_UNZIPPED_MAX_BYTES = int(os.environ.get("TZNR_UNZIPPED_MAX_MB", "1024")) * 1024 * 1024
TZNR_TRANSCRIPT_MAX_BYTES = int(os.environ.get("TZNR_TRANSCRIPT_MAX_KB", "2048")) * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every image goes through kb.views.media.serve_image: how long caches may keep one (public
# images in any cache, members-only ones in the visitor's browser only).
TZNR_IMAGE_CACHE_SECONDS = int(os.environ.get("TZNR_IMAGE_CACHE_SECONDS", "3600"))
# Documents and images are checked by Django; with TZNR_SENDFILE_URL (nginx's internal location
# of MEDIA_ROOT) nginx sends their bytes (X-Accel-Redirect, django-sendfile2), else Django does.
if os.environ.get("TZNR_SENDFILE_URL"):
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    SENDFILE_ROOT = str(MEDIA_ROOT)
    SENDFILE_URL = os.environ["TZNR_SENDFILE_URL"]

# One node, or every node of a cluster, comma-separated: a request that cannot reach one node
# is sent to the next, so a node that stops is no outage.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_HOSTS = env_list("ELASTICSEARCH_URL")
# Copies of each shard on other nodes: 0 for a single node, 1 (or more) on a cluster, so that
# a node that stops leaves every index readable (status yellow, not red).
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "tznr")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# After an outage (unreachable, timed out, 5xx), every process skips Elasticsearch for this
# long, while a probe checks it this often and resumes as soon as it answers.
ELASTICSEARCH_BREAKER_SECONDS = float(os.environ.get("ELASTICSEARCH_BREAKER_SECONDS", "30"))
ELASTICSEARCH_PROBE_SECONDS = float(os.environ.get("ELASTICSEARCH_PROBE_SECONDS", "5"))

# Wagtail's own backends: "default" (admin search) is Elasticsearch when ELASTICSEARCH_URL is
# set; a "database" backend then stays beside it for our database engine and the fallback.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # French stemming without accents, created by search/migrations/0002.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "tznr_french"
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["database"] = WAGTAILSEARCH_BACKENDS["default"]
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": ELASTICSEARCH_HOSTS,
        "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail-",
        "TIMEOUT": ELASTICSEARCH_TIMEOUT,
        "OPTIONS": {"max_retries": len(ELASTICSEARCH_HOSTS) - 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": ELASTICSEARCH_REPLICAS}}},
    }

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "communaute-tznr@example.org")
# Where visitors ask for an accessible alternative (shown in the accessibility declaration).
TZNR_ACCESSIBILITY_CONTACT = os.environ.get("TZNR_ACCESSIBILITY_CONTACT", DEFAULT_FROM_EMAIL)

# -- Security (README « Sécurité »): `manage.py check --deploy` is clean with debug off. -------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# DENY everywhere; Wagtail's preview views override it with SAMEORIGIN for their iframe.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions end after this much idle time: each request pushes the expiry forward.
SESSION_COOKIE_AGE = int(os.environ.get("TZNR_SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ENGINE = "infra.sessions"  # Django's database sessions, saved in one statement
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): no inline script on the site; DSFR needs inline
# styles. The Wagtail admin gets 'unsafe-inline' scripts (its widgets print inline <script>)
# and may frame itself for the preview: see infra.security.SiteCSPMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *env_list("TZNR_CSP_FRAME_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
TZNR_ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}
# Permissions-Policy (django-permissions-policy): browser features the site never uses are
# off, for its pages and any frame in them; the video player keeps fullscreen and
# picture-in-picture, shared with the embed origins of TZNR_CSP_FRAME_SRC.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self", *env_list("TZNR_CSP_FRAME_SRC")]
PERMISSIONS_POLICY["picture-in-picture"] = PERMISSIONS_POLICY["fullscreen"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # an external fetch the CSP (rightly) blocks

# django-axes: after AXES_FAILURE_LIMIT failed logins for one username from one address,
# that pair is locked out for the cool-off period (never permanently).
AXES_FAILURE_LIMIT = int(os.environ.get("TZNR_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TZNR_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "infra.security.axes_username"  # cut to the 255 characters axes stores
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TZNR_PROXY_COUNT", "0")) or None
# infra/throttle.py: failed logins per client address across usernames (password spraying)
# within the cool-off period, and password-reset requests per e-mail and per address.
TZNR_LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("TZNR_LOGIN_IP_FAILURE_LIMIT", "20"))
TZNR_PASSWORD_RESET_PER_EMAIL = int(os.environ.get("TZNR_PASSWORD_RESET_PER_EMAIL", "3"))
TZNR_PASSWORD_RESET_PER_IP = int(os.environ.get("TZNR_PASSWORD_RESET_PER_IP", "10"))
TZNR_PASSWORD_RESET_WINDOW_MINUTES = int(os.environ.get("TZNR_PASSWORD_RESET_WINDOW_MINUTES", "60"))

# Documents are always downloaded, never rendered by the browser.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Audit log (directory exports) and invitations: kept this many days, then purged.
TZNR_AUDIT_RETENTION_DAYS = 365
TZNR_INVITATION_DAYS = 7
# Questions, answers and remontées a member may publish in an hour (exchange.services).
TZNR_EXCHANGE_MESSAGES_PER_HOUR = int(os.environ.get("TZNR_EXCHANGE_MESSAGES_PER_HOUR", "30"))
# Feedback: the satisfaction questionnaire stays open (and answers changeable) this long after
# an event; a visitor without an account may give this many « utile ? » votes per session.
TZNR_SATISFACTION_DAYS = int(os.environ.get("TZNR_SATISFACTION_DAYS", "30"))
TZNR_ANONYMOUS_VOTES_PER_SESSION = int(os.environ.get("TZNR_ANONYMOUS_VOTES_PER_SESSION", "20"))
# Usage counts wait in each process's memory this long before they are written (README
# « Mesure d'audience »): a page view costs no query; 0 writes each use at once.
TZNR_USAGE_FLUSH_SECONDS = int(os.environ.get("TZNR_USAGE_FLUSH_SECONDS", "10"))

# -- ProConnect (README « ProConnect »): off unless configured; nothing is fetched then. ------
PROCONNECT_CLIENT_ID = os.environ.get("PROCONNECT_CLIENT_ID", "")
PROCONNECT_CLIENT_SECRET = os.environ.get("PROCONNECT_CLIENT_SECRET", "")
# e.g. https://auth.agentconnect.gouv.fr/api/v2 (production), the discovery document is
# read from <issuer>/.well-known/openid-configuration unless PROCONNECT_DISCOVERY_URL says.
PROCONNECT_ISSUER = os.environ.get("PROCONNECT_ISSUER", "")
PROCONNECT_DISCOVERY_URL = os.environ.get("PROCONNECT_DISCOVERY_URL", "")
PROCONNECT_SCOPES = os.environ.get(
    "PROCONNECT_SCOPES", "openid email given_name usual_name siret uid idp_id organization_label"
)
PROCONNECT_ACR_VALUES = os.environ.get("PROCONNECT_ACR_VALUES", "eidas1")
PROCONNECT_USE_PKCE = env_bool("PROCONNECT_USE_PKCE", True)
PROCONNECT_SIGN_ALGO = os.environ.get("PROCONNECT_SIGN_ALGO", "RS256")
PROCONNECT_TIMEOUT = float(os.environ.get("PROCONNECT_TIMEOUT", "5"))
PROCONNECT_DISCOVERY_CACHE_SECONDS = int(
    os.environ.get("PROCONNECT_DISCOVERY_CACHE_SECONDS", "3600")
)
# Animators and administrators (whoever reaches the Wagtail admin) may only use ProConnect.
PROCONNECT_REQUIRED_FOR_ANIMATORS = env_bool("PROCONNECT_REQUIRED_FOR_ANIMATORS", False)
if PROCONNECT_ISSUER or PROCONNECT_DISCOVERY_URL:
    # The logout form posts here, then the browser is redirected to the provider's logout:
    # form-action must allow its origin (browsers check it on redirects too).
    _proconnect = urlsplit(PROCONNECT_ISSUER or PROCONNECT_DISCOVERY_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_proconnect.scheme}://{_proconnect.netloc}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
