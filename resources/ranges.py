"""HTTP Range requests on file responses, so that a browser can seek in a served video.

Django's FileResponse always sends the whole file. This middleware turns a 200 FileResponse on
a seekable file into a 206 Partial Content for one byte range (RFC 9110 §14), or a 416 when the
range cannot be satisfied. It applies to Wagtail's document view (WAGTAILDOCS_SERVE_METHOD =
"serve_view") and to the image view (kb.views.media). In production the web server or the object
storage serves media and answers ranges itself (see the README).
"""

import io
import re

from django.http import FileResponse, HttpResponse

RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
CHUNK = 64 * 1024


def _size(filelike) -> int | None:
    try:
        if not filelike.seekable():
            return None
        position = filelike.tell()
        filelike.seek(0, io.SEEK_END)
        size = filelike.tell()
        filelike.seek(position)
        return size
    except (AttributeError, OSError, ValueError):
        return None


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions of a single `bytes=` range, or None when unsatisfiable."""
    match = RANGE.match(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix range: the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length > 0 and size > 0 else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return None
    return start, end


def _read_slice(filelike, start: int, length: int):
    filelike.seek(start)
    remaining = length
    while remaining > 0:
        chunk = filelike.read(min(CHUNK, remaining))
        if not chunk:
            break
        remaining -= len(chunk)
        yield chunk


def _if_range_allows(request, response) -> bool:
    """A Range guarded by If-Range applies only while the validator still matches."""
    validator = request.headers.get("If-Range")
    if not validator:
        return True
    return validator.strip() in {response.get("ETag", ""), response.get("Last-Modified", "")}


def ranged_response(request, response):
    if (
        not isinstance(response, FileResponse)
        or response.status_code != 200
        or request.method not in {"GET", "HEAD"}
        or response.file_to_stream is None
    ):
        return response
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]  # Wagtail's sendfile writes a missing encoding as "None"
    filelike = response.file_to_stream
    size = _size(filelike)
    if size is None:
        return response
    response["Accept-Ranges"] = "bytes"
    header = request.headers.get("Range")
    if not header or not _if_range_allows(request, response):
        return response
    if not header.strip().lower().startswith("bytes"):
        return response  # an unknown range unit is ignored: the whole file is sent
    if "," in header:
        return response  # several ranges: sending the whole file is allowed and simpler
    span = parse_range(header, size)
    if span is None:
        response.close()
        refused = HttpResponse(
            "Plage d'octets invalide.", status=416, content_type="text/plain; charset=utf-8"
        )
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        return refused
    start, end = span
    length = end - start + 1
    response.streaming_content = _read_slice(filelike, start, length)
    response.status_code = 206
    response.reason_phrase = "Partial Content"
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    return response


class RangeRequestsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return ranged_response(request, self.get_response(request))
