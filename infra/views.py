"""Site-wide views: error pages, and media files under `make run` (debug only)."""

import mimetypes
import sys
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


def debug_media(request, path: str):
    """DEBUG only: serve media files, except documents (they go through serve_view)."""
    if not settings.DEBUG:
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if (
        not target.is_relative_to(root)
        or target.is_relative_to(root / "documents")
        or not target.is_file()
    ):
        raise Http404("Fichier introuvable.")
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if content_type in ("text/html", "image/svg+xml", "application/xhtml+xml"):
        content_type = "application/octet-stream"
    return FileResponse(target.open("rb"), content_type=content_type)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when the database cannot answer (restart, failover, lock timeout): a
    moment's wait, not a fault of the site. Renders without touching the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(get_template("503.html").render({"request": request}), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(get_template("500.html").render({"request": request}))
