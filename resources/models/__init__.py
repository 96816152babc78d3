from .pages import (  # noqa: I001 — the library's views import the page types first
    ChapterBlock,
    RecordingPage,
    RecordingTag,
    ResourceDocument,
    ResourcePage,
    ResourceTag,
)
from .library import ResourceIndexPage

__all__ = [
    "ChapterBlock",
    "RecordingPage",
    "RecordingTag",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourceTag",
]
