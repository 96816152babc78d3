"""Test settings: fast hasher, local-memory cache, immediate tasks."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "tznr-test"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")  # noqa: S105

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
