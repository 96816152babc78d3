"""Files that pages show: who may have them (documents and images alike), and the image view.

Every image file goes through `serve_image`, in every mode: a rendition is looked up by its
file name, and served only to a visitor who may see every page that uses its image and its
collection. The bytes are sent by the sendfile backend (`SENDFILE_BACKEND`: nginx's
`X-Accel-Redirect` in production, Django's file response otherwise), as documents are.
Originals (`original_images/`) have no URL at all.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.models import BaseViewRestriction
from wagtail.utils.sendfile import sendfile

from kb.selectors import rendition_get, view_restrictions_of

IMAGE_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
MAX_NAME_LENGTH = 255
STREAMING_BACKEND = "wagtail.utils.sendfile_streaming_backend"  # as for documents


def refusal(restrictions: list[BaseViewRestriction], request, message: str) -> HttpResponse | None:
    """None when the visitor passes every restriction; otherwise the login form for an
    anonymous visitor, a 403 for a signed-in one (never a login loop) or where only a
    password would open it (a file has no password form)."""
    for restriction in restrictions:
        if restriction.accept_request(request):
            continue
        password = restriction.restriction_type == BaseViewRestriction.PASSWORD
        if password or request.user.is_authenticated:
            raise PermissionDenied(message)
        return redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    return None


@require_safe
def serve_image(request, name: str) -> HttpResponse:
    """`/media/images/<name>`, the URL `{% image %}` writes: the rendition, to whoever may see
    its image. Public images may be kept by any cache for `TZNR_IMAGE_CACHE_SECONDS`, the
    others by the visitor's browser only."""
    if not name or len(name) > MAX_NAME_LENGTH or "\x00" in name:
        raise Http404("Image introuvable.")
    rendition = rendition_get(name=name)
    if rendition is None:
        raise Http404("Image introuvable.")
    restrictions = view_restrictions_of(rendition.image)
    refused = refusal(restrictions, request, "Cette image est réservée aux membres.")
    if refused is not None:
        return refused
    content_type = IMAGE_TYPES.get(name.rpartition(".")[2].lower(), "application/octet-stream")
    try:
        path = rendition.file.path
    except NotImplementedError:  # object storage: no local path, Django reads it
        response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    else:
        backend = import_module(getattr(settings, "SENDFILE_BACKEND", STREAMING_BACKEND)).sendfile
        response = sendfile(
            request, path, attachment_filename=False, mimetype=content_type, backend=backend
        )
    audience = "private" if restrictions else "public"
    response["Cache-Control"] = f"{audience}, max-age={settings.TZNR_IMAGE_CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
