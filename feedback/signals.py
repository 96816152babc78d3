"""What the feedback counts as it happens (FeedbackConfig.ready): the pages read and the
searches made that kb announces (kb.usage), and the documents Wagtail serves."""

import atexit

from wagtail.documents.models import document_served

from feedback import services
from feedback.models import DailyCount
from kb import usage


def count_use(sender, *, kind: str, **details) -> None:
    if kind == usage.PAGE:
        services.usage_count(kind=DailyCount.Kind.PAGE, item=details["key"])
    elif kind == usage.SEARCH:
        services.search_count(query=details["query"], results=details["results"])


def count_download(sender, *, instance, request, **kwargs) -> None:
    """A document downloaded whole. A video's player asks for byte ranges (Range) as it plays
    and seeks: those are not downloads, and its plays are counted apart (views.video_played)."""
    if request.method == "GET" and "Range" not in request.headers:
        services.usage_count(kind=DailyCount.Kind.DOCUMENT, item=instance.pk)


def connect() -> None:
    usage.used.connect(count_use, dispatch_uid="feedback-count-use")
    document_served.connect(count_download, dispatch_uid="feedback-count-download")
    atexit.register(services.pending.write)  # what a stopping worker has not written yet
