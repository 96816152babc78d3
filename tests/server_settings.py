"""Production settings for a server that a test starts (gunicorn): static files are served
without the manifest `collectstatic` would write; everything else is as deployed."""

from config.settings.base import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
