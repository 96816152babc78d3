"""Site-wide security middleware: CSP per area, admin access, document download headers,
unreadable request data."""

from urllib.parse import unquote_to_bytes

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render

ADMIN_PREFIX = "/admin/"
# Admin pages anyone may reach: the login form and the password reset it links to.
ADMIN_PUBLIC_PREFIXES = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")
DOCUMENT_PREFIX = "/documents/"
# Types a browser would render or run: a document is never served with one of them.
ACTIVE_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
)


def axes_username(request, credentials=None) -> str | None:
    """The username django-axes logs (AXES_USERNAME_CALLABLE), cut to its 255-character
    column: a login form that does not check the length (Wagtail's /_util/login/) would
    otherwise fail in the database on a longer one."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else request.POST.get(field)
    return username[:255] if isinstance(username, str) else username


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy of settings, relaxed for the Wagtail admin (TZNR_ADMIN_CSP_REPLACE)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**settings.TZNR_ADMIN_CSP_REPLACE, **(parts.replace or {})}
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware on a dummy request for the
            # page's own URL; the admin shows it in a same-origin iframe.
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        return parts


class AdminAccessMiddleware:
    """A signed-in user without admin access gets a 403 on /admin/, not a login loop.

    Wagtail sends such users back to its login form; members must simply be refused
    (revision compare, history, copy and preview included).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(ADMIN_PUBLIC_PREFIXES)
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied("L'administration est réservée aux animateurs.")
        return self.get_response(request)


class DocumentDownloadMiddleware:
    """Documents are attachments, never HTML (or any type the browser would run)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(DOCUMENT_PREFIX):
            return response
        if not isinstance(response, FileResponse | StreamingHttpResponse):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in ACTIVE_CONTENT_TYPES:
            response["Content-Type"] = "application/octet-stream"
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            response["Content-Disposition"] = (
                "attachment" + disposition[len("inline") :]
                if disposition.startswith("inline")
                else "attachment"
            )
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _decoded(raw: bytes) -> str | None:
    """An urlencoded string (query string or form body) as text, None unless it is UTF-8."""
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return None


class UnreadableInputMiddleware:
    """A query string that is not UTF-8 or holds a NUL byte, or a form body that is not UTF-8,
    gets a French 400 before any view reads it: no person types them, and the database would
    refuse (NUL in PostgreSQL text) or keep replacement characters. NUL bytes in a posted form
    are left to the form, which refuses them field by field and shows what was typed."""

    MESSAGE = (
        "L'adresse ou le formulaire envoyé n'est pas valide : il contient un octet nul "
        "ou du texte qui n'est pas en UTF-8."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "").encode("iso-8859-1", "replace")
        text = _decoded(query)
        if text is None or "\x00" in text or self._body_unreadable(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"error": self.MESSAGE}, status=400)
            return render(request, "400.html", {"unreadable": True}, status=400)
        return self.get_response(request)

    @staticmethod
    def _body_unreadable(request) -> bool:
        if request.content_type != "application/x-www-form-urlencoded":
            return False
        return request.method == "POST" and _decoded(request.body) is None
