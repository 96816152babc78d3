from .snippets import Axis, Public, Territory  # noqa: I001 — in dependency order
from .fiches import FicheAttachment, FichePage, FicheTag
from .pages import FicheIndexPage, HomePage, StandardPage, TerritoryIndexPage

__all__ = [
    "Axis",
    "FicheAttachment",
    "FicheIndexPage",
    "FichePage",
    "FicheTag",
    "HomePage",
    "Public",
    "StandardPage",
    "Territory",
    "TerritoryIndexPage",
]
